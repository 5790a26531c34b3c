// Reads a deployed stack back through the CloudFormation API and checks every resource its template
// declares, and every output.

import {
  DescribeStacksCommand,
  GetTemplateCommand,
  paginateListStackResources,
} from '@aws-sdk/client-cloudformation';
import { aws } from '../aws';
import { type DeployedStack, type Finding, type StackResource, type Template, fail } from './model';
import { Recorder } from './recorder';
import { NotEmulatedReferenceError, UnresolvableError, resolve } from './resolve';
import { RESOURCE_CHECKS } from './resources';
import { isConcrete } from './wiring';

export async function readStack(
  service: string,
  stackName: string,
  target: { region: string; accountId: string },
): Promise<DeployedStack> {
  const { Stacks = [] } = await aws().cloudFormation.send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  const described = Stacks[0];
  const { TemplateBody = '{}' } = await aws().cloudFormation.send(
    new GetTemplateCommand({ StackName: stackName }),
  );
  const resources = new Map<string, StackResource>();
  for await (const page of paginateListStackResources(
    { client: aws().cloudFormation },
    { StackName: stackName },
  )) {
    for (const summary of page.StackResourceSummaries ?? []) {
      // moto lists the resources it skipped with empty ids.
      if (summary.LogicalResourceId && summary.ResourceType) {
        resources.set(summary.LogicalResourceId, {
          type: summary.ResourceType,
          physicalId: summary.PhysicalResourceId ?? '',
        });
      }
    }
  }
  return {
    service,
    stackName,
    status: described?.StackStatus ?? 'UNKNOWN',
    outputs: Object.fromEntries(
      (described?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
    ),
    template: JSON.parse(TemplateBody) as Template,
    resources,
    ...target,
  };
}

/** Every resource of the template, with the check of its type. */
export async function checkResources(stack: DeployedStack): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const [id, resource] of Object.entries(stack.template.Resources)) {
    const check = RESOURCE_CHECKS[resource.Type];
    if (!check) {
      findings.push(
        fail(
          stack.service,
          id,
          resource.Type,
          'api',
          'no check for this type: add one to packages/deploy/src/checks/resources',
        ),
      );
      continue;
    }
    if (check.emulated && !stack.resources.has(id)) {
      findings.push(fail(stack.service, id, resource.Type, 'api', 'the emulator did not create it'));
      continue;
    }
    try {
      findings.push(...(await check.check(id, resource, { stack })));
    } catch (error) {
      const record = new Recorder(stack.service, id, resource.Type);
      record.error('api', 'check failed', error);
      findings.push(...record.findings);
    }
  }
  return findings;
}

/** Every output of the template exists with its value, unless it names a resource moto skips. */
export function checkOutputs(stack: DeployedStack): Finding[] {
  const findings: Finding[] = [];
  for (const [key, { Value }] of Object.entries(stack.template.Outputs ?? {})) {
    const record = new Recorder(stack.service, `output ${key}`, 'AWS::CloudFormation::Output');
    try {
      record.equal('api', key, stack.outputs[key], String(resolve(Value, stack)));
    } catch (error) {
      if (error instanceof NotEmulatedReferenceError) {
        record.that('template', `${key} ${error.message}`, true);
      } else if (error instanceof UnresolvableError) {
        const value = stack.outputs[key];
        record.that('api', `${key} = ${value}`, isConcrete(value), `${JSON.stringify(value)}`);
      } else throw error;
    }
    findings.push(...record.findings);
  }
  return findings;
}

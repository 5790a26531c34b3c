// Checks a whole compose deployment: every stack's resources and outputs, each service's
// expectations, and the wires between the stacks.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { aws } from '../aws';
import type { Compose } from '../compose';
import type { DeployedStack, Finding } from './model';
import { paramsRead } from './params';
import { SERVICE_EXPECTATIONS } from './services';
import { checkExpectations, defaultedParamsOf } from './services/expectations';
import { checkOutputs, checkResources, readStack } from './stack';
import { checkWiring } from './wiring';

/** osls names a stack `<service>-<stage>`, the service being serverless.yml's `service:`. */
export function stackName(root: string, folder: string, stage: string): string {
  const text = readFileSync(path.resolve(root, folder, 'serverless.yml'), 'utf8');
  const service = /^service:\s*['"]?([\w-]+)/m.exec(text)?.[1];
  if (!service) throw new Error(`${folder}/serverless.yml has no literal service name`);
  return `${service}-${stage}`;
}

export async function readDeployment(compose: Compose, root: string, stage: string, region: string) {
  const { Account: accountId = '' } = await aws().sts.send(new GetCallerIdentityCommand({}));
  const stacks = new Map<string, DeployedStack>();
  for (const service of compose.services) {
    stacks.set(
      service.name,
      await readStack(service.name, stackName(root, service.path, stage), { region, accountId }),
    );
  }
  return stacks;
}

export async function checkDeployment(
  compose: Compose,
  root: string,
  stacks: ReadonlyMap<string, DeployedStack>,
  onStack: (service: string, findings: Finding[]) => void = () => {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const stack of stacks.values()) {
    const expectations = SERVICE_EXPECTATIONS[stack.service] ?? {};
    const own = [
      ...(await checkResources(stack)),
      ...checkOutputs(stack),
      ...(await checkExpectations(stack, stacks, expectations)),
    ];
    onStack(stack.service, own);
    findings.push(...own);
  }
  findings.push(
    ...checkWiring({
      wires: compose.wires,
      services: compose.services.map((service) => ({
        name: service.name,
        composeParams: Object.keys(service.params),
        paramsRead: paramsRead(path.resolve(root, service.path)),
        defaultedParams: defaultedParamsOf(
          SERVICE_EXPECTATIONS[service.name]?.defaultedParams,
          paramsRead(path.resolve(root, service.path)),
        ),
      })),
      stacks: new Map(
        [...stacks].map(([name, stack]) => [
          name,
          { outputs: stack.outputs, templateText: JSON.stringify(stack.template) },
        ]),
      ),
    }),
  );
  return findings;
}

// What a redeploy, an update and a removal must (not) change, read through the AWS APIs.

import { GetApiCommand } from '@aws-sdk/client-apigatewayv2';
import { DescribeAlarmsCommand, GetDashboardCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeStacksCommand, paginateDescribeStackEvents } from '@aws-sdk/client-cloudformation';
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { aws } from '../aws';
import type { DeployedStack, Finding } from '../checks/model';
import { Recorder } from '../checks/recorder';

export interface StackSnapshot {
  /** Stack events so far (moto keeps LastUpdatedTime at the creation time; its events do move). */
  events: number;
  /** Physical id of every resource, by logical id. */
  resources: Record<string, string>;
  /** CodeSha256 and LastModified of every function, by logical id. */
  code: Record<string, { sha: string; modified: string }>;
}

export async function snapshot(stack: DeployedStack): Promise<StackSnapshot> {
  let events = 0;
  for await (const page of paginateDescribeStackEvents(
    { client: aws().cloudFormation },
    { StackName: stack.stackName },
  )) {
    events += page.StackEvents?.length ?? 0;
  }
  const code: StackSnapshot['code'] = {};
  for (const [id, resource] of stack.resources) {
    if (resource.type !== 'AWS::Lambda::Function') continue;
    const config = await aws().lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: resource.physicalId }),
    );
    code[id] = { sha: config.CodeSha256 ?? '', modified: config.LastModified ?? '' };
  }
  return {
    events,
    resources: Object.fromEntries([...stack.resources].map(([id, resource]) => [id, resource.physicalId])),
    code,
  };
}

/**
 * A redeploy without changes: osls skips the deployment (compose says "no changes") and nothing in
 * the stack moves. osls always redeploys a service without functions (it compares function dates
 * with the artifacts'); such a stack must still come out unchanged.
 */
export function checkNoOp(
  service: string,
  before: StackSnapshot,
  after: StackSnapshot,
  outcome: string | undefined,
): Finding[] {
  const record = new Recorder(service, 'stack', 'redeploy without changes');
  if (Object.keys(before.code).length > 0) {
    record.that(
      'api',
      'osls skipped the deployment (no changes)',
      outcome === 'no changes',
      `compose said ${JSON.stringify(outcome)}`,
    );
    record.equal('api', 'stack events (no update ran)', after.events, before.events);
  } else {
    record.that(
      'api',
      `osls ${outcome === 'no changes' ? 'skipped it' : 'redeployed it (it always does without functions)'}`,
      true,
    );
  }
  record.equal('api', 'resources (physical ids)', after.resources, before.resources);
  record.equal('api', 'function code and dates', after.code, before.code);
  return record.findings;
}

/** After an update of one function's code: that function changed, nothing else did. */
export function checkUpdate(
  service: string,
  changedFunction: string,
  before: StackSnapshot,
  after: StackSnapshot,
  outcome: string | undefined,
): Finding[] {
  const record = new Recorder(service, 'stack', 'update with a one-line change');
  record.that(
    'api',
    'compose deployed it',
    outcome === 'deployed',
    `compose said ${JSON.stringify(outcome)}`,
  );
  record.that(
    'api',
    'the stack was updated (new stack events)',
    after.events > before.events,
    `${after.events} events`,
  );
  record.that(
    'api',
    `${changedFunction} runs new code`,
    after.code[changedFunction] !== undefined &&
      after.code[changedFunction]?.sha !== before.code[changedFunction]?.sha,
    'same CodeSha256',
  );
  const others = Object.keys(before.code).filter((id) => id !== changedFunction);
  const changed = others.filter((id) => after.code[id]?.sha !== before.code[id]?.sha);
  record.that(
    'api',
    `the ${others.length} other functions kept their code`,
    changed.length === 0,
    changed.join(', '),
  );
  record.equal('api', 'resources (physical ids)', after.resources, before.resources);
  return record.findings;
}

/** Another stack, not deployed by the update, must not have moved. */
export function checkUntouched(service: string, before: StackSnapshot, after: StackSnapshot): Finding[] {
  const record = new Recorder(service, 'stack', 'untouched by the update');
  record.equal('api', 'stack events (no update ran)', after.events, before.events);
  record.equal('api', 'function code', after.code, before.code);
  return record.findings;
}

const notFound = (error: unknown) =>
  error instanceof Error &&
  /NotFound|NoSuchEntity|NonExistent|does not exist|404/i.test(`${error.name} ${error.message}`);

/** Probes, by type, whether a resource still exists; types without a probe are not looked at. */
const PROBES: Record<string, (physicalId: string) => Promise<unknown>> = {
  'AWS::Lambda::Function': (id) =>
    aws().lambda.send(new GetFunctionConfigurationCommand({ FunctionName: id })),
  'AWS::IAM::Role': (id) => aws().iam.send(new GetRoleCommand({ RoleName: id })),
  'AWS::SQS::Queue': (id) => aws().sqs.send(new GetQueueAttributesCommand({ QueueUrl: id })),
  'AWS::Events::Rule': (id) => aws().events.send(new DescribeRuleCommand({ Name: id })),
  'AWS::DynamoDB::Table': (id) => aws().dynamodb.send(new DescribeTableCommand({ TableName: id })),
  'AWS::S3::Bucket': (id) => aws().s3.send(new HeadBucketCommand({ Bucket: id })),
  'AWS::Cognito::UserPool': (id) => aws().cognito.send(new DescribeUserPoolCommand({ UserPoolId: id })),
  'AWS::CloudWatch::Alarm': async (id) => {
    const { MetricAlarms = [] } = await aws().cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: [id] }),
    );
    if (MetricAlarms.length === 0) throw Object.assign(new Error('alarm'), { name: 'NotFound' });
  },
  'AWS::CloudWatch::Dashboard': (id) => aws().cloudwatch.send(new GetDashboardCommand({ DashboardName: id })),
  'AWS::ApiGatewayV2::Api': (id) => aws().apigatewayv2.send(new GetApiCommand({ ApiId: id })),
  'AWS::Logs::LogGroup': async (id) => {
    const { logGroups = [] } = await aws().logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: id }),
    );
    if (!logGroups.some((group) => group.logGroupName === id))
      throw Object.assign(new Error('log group'), { name: 'NotFound' });
  },
};

async function exists(type: string, physicalId: string): Promise<boolean> {
  try {
    await PROBES[type]?.(physicalId);
    return true;
  } catch (error) {
    if (notFound(error)) return false;
    throw error;
  }
}

/** After removal: the stack is gone, and so is each resource, except those it retains. */
export async function checkRemoved(stack: DeployedStack): Promise<Finding[]> {
  const record = new Recorder(stack.service, 'stack', 'removal');
  try {
    const { Stacks = [] } = await aws().cloudFormation.send(
      new DescribeStacksCommand({ StackName: stack.stackName }),
    );
    record.that(
      'api',
      `${stack.stackName} is deleted`,
      Stacks.every((s) => s.StackStatus === 'DELETE_COMPLETE'),
      Stacks[0]?.StackStatus,
    );
  } catch (error) {
    record.that(
      'api',
      `${stack.stackName} is deleted`,
      notFound(error) || /does not exist/.test(String(error)),
      String(error),
    );
  }
  for (const [id, resource] of stack.resources) {
    if (!PROBES[resource.type]) continue;
    const retained = stack.template.Resources[id]?.DeletionPolicy === 'Retain';
    const present = await exists(resource.type, resource.physicalId);
    record.that(
      'api',
      retained ? `${id} is retained` : `${id} is deleted`,
      present === retained,
      present ? 'still there' : 'gone',
    );
  }
  return record.findings;
}

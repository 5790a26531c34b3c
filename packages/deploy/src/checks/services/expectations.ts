// What one service must look like once deployed, in terms of the other stacks' outputs: the values
// its functions' environment and its roles' policies must carry. One small module per service
// (data.ts, auth.ts, ...) states them; index.ts lists the modules.

import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { GetRolePolicyCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { aws } from '../../aws';
import { type DeployedStack, type Finding, type Json, asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import { parsePolicyDocument } from '../resources/policy-document';
import { type ArnRule, type IamStatement, type Stacks, strayResources } from './rules';

/** A value known once the stacks are deployed. */
export type Expected = (stacks: Stacks) => string | undefined;

export interface ServiceExpectations {
  /** Params the service reads but compose does not pass, and why the default is the deployed value. */
  defaultedParams?: Record<string, string>;
  /** Each variable, in every function of the stack that sets it, has this value (and one function sets it). */
  environment?: Record<string, Expected>;
  /** The resources each action of an AWS service ('dynamodb', 's3') in the stack's roles may name. */
  iamResources?: Record<string, (stacks: Stacks) => ArnRule | undefined>;
  /** Wires that end elsewhere. */
  check?(stack: DeployedStack, stacks: Stacks): Promise<Finding[]>;
}

/**
 * Params every service with functions reads and compose never passes: the observability settings
 * (services/serverless.shared.yml), whose shared defaults are the deployed values unless a stage
 * passes its own.
 */
export const OBSERVABILITY_PARAMS: Readonly<Record<string, string>> = {
  logSampleRate:
    'the share of invocations logged at DEBUG, from serverless.shared.yml unless a stage sets it',
  traceSdk: 'whether functions load the X-Ray SDK, from serverless.shared.yml unless a stage sets it',
};

/** The params `service` leaves to their defaults: its own list, and the observability ones it reads. */
export function defaultedParamsOf(
  own: Record<string, string> | undefined,
  read: ReadonlySet<string>,
): Record<string, string> {
  const shared = Object.entries(OBSERVABILITY_PARAMS).filter(([param]) => read.has(param));
  return { ...Object.fromEntries(shared), ...own };
}

export const output =
  (service: string, key: string): Expected =>
  (stacks) =>
    stacks.get(service)?.outputs[key];

const ofType = (stack: DeployedStack, type: string) =>
  [...stack.resources.entries()].filter(([, resource]) => resource.type === type);

async function checkEnvironment(stack: DeployedStack, stacks: Stacks, environment: Record<string, Expected>) {
  const record = new Recorder(stack.service, 'functions', 'environment');
  const configs = await Promise.all(
    ofType(stack, 'AWS::Lambda::Function').map(([, fn]) =>
      aws().lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn.physicalId })),
    ),
  );
  for (const [variable, expected] of Object.entries(environment)) {
    const value = expected(stacks);
    const setting = configs.filter((config) => config.Environment?.Variables?.[variable] !== undefined);
    record.that('api', `some function sets ${variable}`, setting.length > 0);
    const wrong = setting.filter((config) => config.Environment?.Variables?.[variable] !== value);
    record.that(
      'api',
      `${variable} = ${value} in ${setting.length} function(s)`,
      value !== undefined && wrong.length === 0,
      wrong
        .map((config) => `${config.FunctionName}: ${config.Environment?.Variables?.[variable]}`)
        .join('; '),
    );
  }
  return record.findings;
}

async function roleStatements(stack: DeployedStack): Promise<IamStatement[]> {
  const statements: IamStatement[] = [];
  for (const [, role] of ofType(stack, 'AWS::IAM::Role')) {
    const { PolicyNames = [] } = await aws().iam.send(
      new ListRolePoliciesCommand({ RoleName: role.physicalId }),
    );
    for (const policyName of PolicyNames) {
      const { PolicyDocument = '{}' } = await aws().iam.send(
        new GetRolePolicyCommand({ RoleName: role.physicalId, PolicyName: policyName }),
      );
      const document = parsePolicyDocument(PolicyDocument);
      for (const statement of asArray(isObject(document) ? document.Statement : null).filter(isObject)) {
        statements.push({
          role: role.physicalId,
          actions: asArray(statement.Action as Json).map(String),
          resources: asArray(statement.Resource as Json).map(String),
        });
      }
    }
  }
  return statements;
}

async function checkIamResources(
  stack: DeployedStack,
  stacks: Stacks,
  rules: NonNullable<ServiceExpectations['iamResources']>,
) {
  const record = new Recorder(stack.service, 'roles', 'IAM resources');
  const statements = await roleStatements(stack);
  for (const [prefix, makeRule] of Object.entries(rules)) {
    const rule = makeRule(stacks);
    if (!rule) {
      record.that(
        'api',
        `${prefix} actions name the resources of the other stacks`,
        false,
        'their outputs are missing',
      );
      continue;
    }
    const { stray, count } = strayResources(statements, prefix, rule);
    record.that(
      'api',
      `${prefix} actions of ${count} statement(s) name only ${rule.describe}`,
      count > 0 && stray.length === 0,
      stray.join('; ') || 'no such statement',
    );
  }
  return record.findings;
}

export async function checkExpectations(
  stack: DeployedStack,
  stacks: Stacks,
  expectations: ServiceExpectations,
): Promise<Finding[]> {
  return [
    ...(expectations.environment ? await checkEnvironment(stack, stacks, expectations.environment) : []),
    ...(expectations.iamResources ? await checkIamResources(stack, stacks, expectations.iamResources) : []),
    ...(expectations.check ? await expectations.check(stack, stacks) : []),
  ];
}

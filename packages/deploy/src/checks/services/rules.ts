// The ARNs a service's IAM statements may name, from the other stacks' outputs, and the check that
// finds the others. Pure: unit-tested (rules.test.ts); a wrong wire shows up here.

import { type DeployedStack, asArray, isObject } from '../model';

export type Stacks = ReadonlyMap<string, DeployedStack>;

/** The resources an IAM statement may name for one AWS service. */
export interface ArnRule {
  describe: string;
  allows(arn: string): boolean;
}

/**
 * The data stack's table (its TableArn output) or one of the indexes its template declares, or its
 * idempotency store (IdempotencyTableArn).
 */
export function tableArns(stacks: Stacks): ArnRule | undefined {
  const data = stacks.get('data');
  const arn = data?.outputs.TableArn;
  if (!data || !arn) return undefined;
  const idempotency = data.outputs.IdempotencyTableArn;
  const indexes = Object.values(data.template.Resources)
    .filter((resource) => resource.Type === 'AWS::DynamoDB::Table')
    .flatMap((resource) => asArray(resource.Properties?.GlobalSecondaryIndexes))
    .filter(isObject)
    .map((index) => `${arn}/index/${String(index.IndexName)}`);
  return {
    describe: `${arn} or its indexes${idempotency ? `, or ${idempotency}` : ''}`,
    allows: (resource) => resource === arn || indexes.includes(resource) || resource === idempotency,
  };
}

/** A bucket named by a stack's output, or keys in it. */
const bucketNamedBy =
  (service: string, output: string) =>
  (stacks: Stacks): ArnRule | undefined => {
    const bucket = stacks.get(service)?.outputs[output];
    if (!bucket) return undefined;
    const arn = `arn:aws:s3:::${bucket}`;
    return {
      describe: `${arn} or keys in it`,
      allows: (resource) => resource === arn || resource.startsWith(`${arn}/`),
    };
  };

/** The table, its indexes, or its stream (the data stack's TableStreamArn output): a stream consumer's. */
export function tableOrStreamArns(stacks: Stacks): ArnRule | undefined {
  const table = tableArns(stacks);
  const stream = stacks.get('data')?.outputs.TableStreamArn;
  if (!table || !stream) return undefined;
  return {
    describe: `${table.describe}, or its stream ${stream}`,
    allows: (resource) => table.allows(resource) || resource === stream,
  };
}

/** One queue: an output (`<service>.<key>`) holding its ARN. */
export function queueArn(service: string, key: string) {
  return (stacks: Stacks): ArnRule | undefined => {
    const arn = stacks.get(service)?.outputs[key];
    if (!arn) return undefined;
    return { describe: arn, allows: (resource) => resource === arn };
  };
}

/** The media bucket (the media stack's BucketName output) or keys in it. */
export const bucketArns = bucketNamedBy('media', 'BucketName');

/** The data stack's exports bucket (its ExportsBucketName output) or keys in it. */
export const exportsBucketArns = bucketNamedBy('data', 'ExportsBucketName');

/** Resources any of the rules allows; undefined while one of them cannot be known. */
export function anyOf(...makers: Array<(stacks: Stacks) => ArnRule | undefined>) {
  return (stacks: Stacks): ArnRule | undefined => {
    const rules = makers.map((make) => make(stacks));
    if (rules.some((rule) => rule === undefined)) return undefined;
    const known = rules as ArnRule[];
    return {
      describe: known.map((rule) => rule.describe).join(', or '),
      allows: (resource) => known.some((rule) => rule.allows(resource)),
    };
  };
}

/** The workflows stack's state machines (its outputs): what StartExecution may name. */
export function stateMachineArns(stacks: Stacks): ArnRule | undefined {
  const outputs = stacks.get('workflows')?.outputs;
  const arns = [outputs?.ErasureStateMachineArn, outputs?.ExportStateMachineArn];
  if (!arns.every((arn): arn is string => typeof arn === 'string')) return undefined;
  return { describe: arns.join(' or '), allows: (resource) => arns.includes(resource) };
}

export interface IamStatement {
  role: string;
  actions: string[];
  resources: string[];
}

/**
 * Resources that statements with actions of `prefix` name outside the rule, as `role: arn`; and how
 * many such statements there are. Pure: unit-tested (a wrong wire shows up here).
 */
export function strayResources(
  statements: IamStatement[],
  prefix: string,
  rule: ArnRule,
): { stray: string[]; count: number } {
  const relevant = statements.filter((statement) =>
    statement.actions.some((action) => action.startsWith(`${prefix}:`)),
  );
  return {
    count: relevant.length,
    stray: relevant.flatMap((statement) =>
      statement.resources
        .filter((resource) => !rule.allows(resource))
        .map((resource) => `${statement.role}: ${resource}`),
    ),
  };
}

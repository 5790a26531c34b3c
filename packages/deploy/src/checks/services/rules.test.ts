import type { DeployedStack } from '../model';
import {
  type IamStatement,
  type Stacks,
  anyOf,
  bucketArns,
  exportsBucketArns,
  queueArn,
  strayResources,
  tableArns,
  tableOrStreamArns,
} from './rules';

const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/gallery-emulator';
const stack = (
  service: string,
  outputs: Record<string, string>,
  template: DeployedStack['template'],
): DeployedStack => ({
  service,
  stackName: `gallery-${service}-emulator`,
  status: 'CREATE_COMPLETE',
  outputs,
  template,
  resources: new Map(),
  region: 'us-east-1',
  accountId: '123456789012',
});

const stacks: Stacks = new Map([
  [
    'data',
    stack(
      'data',
      {
        TableArn: tableArn,
        TableStreamArn: `${tableArn}/stream/2026-12-03T09:37:32`,
        IdempotencyTableArn: `${tableArn}-idempotency`,
        ExportsBucketName: 'gallery-data-emulator-exportsbucket-abc',
      },
      {
        Resources: {
          Table: {
            Type: 'AWS::DynamoDB::Table',
            Properties: { GlobalSecondaryIndexes: [{ IndexName: 'gsi1' }] },
          },
        },
      },
    ),
  ],
  ['media', stack('media', { BucketName: 'gallery-media-emulator-us-east-1' }, { Resources: {} })],
]);

const statement = (actions: string[], resources: string[]): IamStatement => ({
  role: 'role-1',
  actions,
  resources,
});

describe('strayResources with tableArns', () => {
  const rule = tableArns(stacks);
  if (!rule) throw new Error('no rule');

  it('accepts the table, its declared indexes and the idempotency store', () => {
    const statements = [
      statement(['dynamodb:GetItem'], [tableArn]),
      statement(['dynamodb:Query'], [`${tableArn}/index/gsi1`]),
      statement(['dynamodb:PutItem'], [`${tableArn}-idempotency`]),
      statement(['logs:PutLogEvents'], ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*']),
    ];
    expect(strayResources(statements, 'dynamodb', rule)).toEqual({ count: 3, stray: [] });
  });

  it('refuses the stream ARN wired in place of the table ARN (compose accepts that wire)', () => {
    const wrong = `${tableArn}/stream/2026-12-03T09:37:32`;
    expect(strayResources([statement(['dynamodb:PutItem'], [wrong])], 'dynamodb', rule)).toEqual({
      count: 1,
      stray: [`role-1: ${wrong}`],
    });
  });

  it('refuses an index the table does not have, and the offline default of another table', () => {
    const other = 'arn:aws:dynamodb:us-east-1:123456789012:table/gallery-dev';
    expect(
      strayResources(
        [statement(['dynamodb:Query'], [`${tableArn}/index/gsi9`]), statement(['dynamodb:GetItem'], [other])],
        'dynamodb',
        rule,
      ).stray,
    ).toEqual([`role-1: ${tableArn}/index/gsi9`, `role-1: ${other}`]);
  });
});

describe('bucketArns', () => {
  it('accepts the media bucket and keys in it, nothing else', () => {
    const rule = bucketArns(stacks);
    expect(rule?.allows('arn:aws:s3:::gallery-media-emulator-us-east-1')).toBe(true);
    expect(rule?.allows('arn:aws:s3:::gallery-media-emulator-us-east-1/uploads/*')).toBe(true);
    expect(rule?.allows('arn:aws:s3:::gallery-media-emulator-us-east-1-other/uploads/*')).toBe(false);
  });

  it('is missing, not permissive, without the media stack', () => {
    expect(bucketArns(new Map())).toBeUndefined();
    expect(tableArns(new Map())).toBeUndefined();
  });
});

describe('tableOrStreamArns and queueArn (a stream consumer)', () => {
  it('accepts the table, its indexes and its stream; not another stream', () => {
    const rule = tableOrStreamArns(stacks);
    expect(rule?.allows(tableArn)).toBe(true);
    expect(rule?.allows(`${tableArn}/index/gsi1`)).toBe(true);
    expect(rule?.allows(`${tableArn}/stream/2026-12-03T09:37:32`)).toBe(true);
    expect(rule?.allows(`${tableArn}/stream/packaged-offline`)).toBe(false);
    expect(tableOrStreamArns(new Map())).toBeUndefined();
  });

  it("accepts exactly the queue a stack's output names", () => {
    const queue = 'arn:aws:sqs:us-east-1:123456789012:gallery-activity-StreamFailuresQueue-1';
    const withQueue: Stacks = new Map([
      ...stacks,
      ['activity', stack('activity', { StreamFailuresQueueArn: queue }, { Resources: {} })],
    ]);
    const rule = queueArn('activity', 'StreamFailuresQueueArn')(withQueue);
    expect(rule?.allows(queue)).toBe(true);
    expect(rule?.allows(`${queue}-other`)).toBe(false);
    expect(queueArn('activity', 'StreamFailuresQueueArn')(stacks)).toBeUndefined();
  });
});

describe('anyOf', () => {
  it("allows the media bucket's keys and the exports bucket's, and nothing else", () => {
    const rule = anyOf(bucketArns, exportsBucketArns)(stacks);
    expect(rule?.allows('arn:aws:s3:::gallery-data-emulator-exportsbucket-abc/exports/*')).toBe(true);
    expect(rule?.allows('arn:aws:s3:::gallery-media-emulator-us-east-1/uploads/*')).toBe(true);
    expect(rule?.allows('arn:aws:s3:::another-bucket/exports/*')).toBe(false);
  });

  it('is unknown while one of its buckets is', () => {
    expect(
      anyOf(bucketArns, exportsBucketArns)(new Map([...stacks].filter(([name]) => name !== 'data'))),
    ).toBe(undefined);
  });
});

import { InvalidFilterPatternError } from './filter';
import { streamMappings, UnsupportedStreamOptionError } from './config';

const printed = (stream: unknown, fn: Record<string, unknown> = {}) => ({
  service: 'gallery-activity',
  provider: { stage: 'dev' },
  functions: {
    countReactions: {
      handler: 'src/functions/countReactions/handler.handler',
      timeout: 30,
      events: [{ stream }],
      ...fn,
    },
    health: { handler: 'x.handler', events: [{ httpApi: { method: 'GET', path: '/' } }] },
  },
});

describe('streamMappings', () => {
  it('reads every option of a DynamoDB stream event', () => {
    const [mapping, ...rest] = streamMappings(
      printed({
        type: 'dynamodb',
        arn: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
        batchSize: 100,
        batchWindow: 1,
        startingPosition: 'LATEST',
        maximumRetryAttempts: 5,
        maximumRecordAgeInSeconds: 3600,
        bisectBatchOnFunctionError: true,
        functionResponseType: 'ReportBatchItemFailures',
        filterPatterns: [{ eventName: ['INSERT'] }],
        destinations: { onFailure: { arn: 'arn:aws:sqs:us-east-1:1:q', type: 'sqs' } },
      }),
    );
    expect(rest).toEqual([]);
    expect(mapping).toEqual({
      functionKey: 'countReactions',
      functionName: 'gallery-activity-dev-countReactions',
      handler: 'src/functions/countReactions/handler.handler',
      timeoutSeconds: 30,
      batchSize: 100,
      batchWindowSeconds: 1,
      startingPosition: 'LATEST',
      maximumRetryAttempts: 5,
      maximumRecordAgeSeconds: 3600,
      bisectBatchOnFunctionError: true,
      reportBatchItemFailures: true,
      filterPatterns: [{ eventName: ['INSERT'] }],
      onFailure: 'arn:aws:sqs:us-east-1:1:q',
    });
  });

  it("applies osls's and Lambda's defaults, and a function's own name", () => {
    const [mapping] = streamMappings(
      printed('arn:aws:dynamodb:us-east-1:1:table/t/stream/2026', { name: 'custom', timeout: undefined }),
    );
    expect(mapping).toMatchObject({
      functionName: 'custom',
      timeoutSeconds: 6,
      batchSize: 10,
      batchWindowSeconds: 0,
      startingPosition: 'TRIM_HORIZON',
      maximumRetryAttempts: -1,
      maximumRecordAgeSeconds: -1,
      bisectBatchOnFunctionError: false,
      reportBatchItemFailures: false,
      filterPatterns: [],
      onFailure: null,
    });
  });

  it('skips Kinesis streams and disabled mappings', () => {
    expect(streamMappings(printed({ arn: 'arn:aws:kinesis:us-east-1:1:stream/s' }))).toEqual([]);
    expect(streamMappings(printed({ type: 'dynamodb', arn: 'x', enabled: false }))).toEqual([]);
  });

  it('refuses what it does not emulate, and invalid filters', () => {
    for (const option of [
      { parallelizationFactor: 2 },
      { tumblingWindowInSeconds: 60 },
      { startingPosition: 'AT_TIMESTAMP' },
    ]) {
      expect(() => streamMappings(printed({ type: 'dynamodb', arn: 'x', ...option }))).toThrow(
        UnsupportedStreamOptionError,
      );
    }
    expect(() =>
      streamMappings(printed({ type: 'dynamodb', arn: 'x', filterPatterns: [{ eventName: 'INSERT' }] })),
    ).toThrow(InvalidFilterPatternError);
  });
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deriveAlarms, failureQueues } = require('./alarms.js') as {
  deriveAlarms: (template: Template, topicArn: unknown) => Record<string, Alarm>;
  failureQueues: (template: Template) => string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rules } = require('./alarm-rules.json') as { rules: Record<string, { threshold: number }> };

interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}
interface Alarm {
  Type: string;
  Properties: Record<string, unknown> & {
    Threshold: number;
    Dimensions?: Array<{ Name: string; Value: unknown }>;
    Metrics?: Array<{ Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string } } }>;
  };
}

const TOPIC = { Ref: 'Topic' };
const fn = (name: string, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { FunctionName: `gallery-x-dev-${name}`, ...extra },
});
const queueArn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** One of everything the plugin knows, wired as osls and the other plugins compile it. */
const template: Template = {
  Resources: {
    GetAlbumLambdaFunction: fn('getAlbum'),
    ThumbnailLambdaFunction: fn('thumbnail', { ReservedConcurrentExecutions: 20 }),
    ApplyReactionsLambdaFunction: fn('applyReactions'),
    HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
    HttpApiStage: {
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: { ApiId: { Ref: 'HttpApi' }, StageName: '$default' },
    },
    HttpApiIntegrationGetAlbum: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'HttpApi' }, IntegrationUri: queueArn('GetAlbumLambdaFunction') },
    },
    HttpApiRouteGetV1AlbumsAlbumidVar: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: { Ref: 'HttpApi' }, RouteKey: 'GET /v1/albums/{albumId}' },
    },
    HttpApiRoutePostV1AuthLogin: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: { Ref: 'HttpApi' }, RouteKey: 'POST /v1/auth/login' },
    },
    ThumbnailFailuresQueue: { Type: 'AWS::SQS::Queue', Properties: {} },
    StreamFailuresQueue: { Type: 'AWS::SQS::Queue', Properties: {} },
    // A queue nothing fails into: no alarm.
    WorkQueue: { Type: 'AWS::SQS::Queue', Properties: {} },
    ThumbnailLambdaEvConf: {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: {
        FunctionName: { Ref: 'ThumbnailLambdaFunction' },
        DestinationConfig: { OnFailure: { Destination: queueArn('ThumbnailFailuresQueue') } },
      },
    },
    ApplyReactionsEventSourceMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: queueArn('ApplyReactionsLambdaFunction'),
        StartingPosition: 'TRIM_HORIZON',
        DestinationConfig: { OnFailure: { Destination: queueArn('StreamFailuresQueue') } },
      },
    },
    // An SQS-sourced mapping has no starting position and no iterator age.
    WorkMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { FunctionName: { Ref: 'GetAlbumLambdaFunction' }, EventSourceArn: queueArn('WorkQueue') },
    },
    ErasureStateMachine: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: { GlobalSecondaryIndexes: [{ IndexName: 'gsi1' }, { IndexName: 'gsi2' }] },
    },
    MediaDistribution: { Type: 'AWS::CloudFront::Distribution', Properties: {} },
  },
};

const alarms = deriveAlarms(template, TOPIC);
const alarm = (id: string): Alarm => {
  const found = alarms[id];
  if (!found) throw new Error(`no alarm ${id}; have ${Object.keys(alarms).join(', ')}`);
  return found;
};
const dimensions = (id: string) =>
  Object.fromEntries((alarm(id).Properties.Dimensions ?? []).map((d) => [d.Name, d.Value]));

describe('deriveAlarms', () => {
  it('derives exactly the alarms the resources call for', () => {
    expect(Object.keys(alarms).sort()).toEqual(
      [
        'ApplyReactionsLambdaFunctionErrorsAlarm',
        'ApplyReactionsLambdaFunctionIteratorAgeAlarm',
        'ApplyReactionsLambdaFunctionThrottlesAlarm',
        'ErasureStateMachineFailedAlarm',
        'ErasureStateMachineTimedOutAlarm',
        'GetAlbumLambdaFunctionErrorsAlarm',
        'GetAlbumLambdaFunctionThrottlesAlarm',
        'HttpApi5xxRateAlarm',
        'HttpApiRouteGetV1AlbumsAlbumidVarLatencyAlarm',
        'HttpApiRoutePostV1AuthLoginLatencyAlarm',
        'MediaDistribution5xxRateAlarm',
        'StreamFailuresQueueMessagesAlarm',
        'TableThrottlesAlarm',
        'ThumbnailFailuresQueueMessagesAlarm',
        'ThumbnailLambdaFunctionErrorsAlarm',
        'ThumbnailLambdaFunctionThrottlesAlarm',
      ].sort(),
    );
  });

  it('notifies the topic when an alarm fires and when it clears, and treats no data as fine', () => {
    for (const { Type, Properties } of Object.values(alarms)) {
      expect(Type).toBe('AWS::CloudWatch::Alarm');
      expect(Properties).toMatchObject({
        AlarmActions: [TOPIC],
        OKActions: [TOPIC],
        TreatMissingData: 'notBreaching',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('holds HTTP functions to more errors than background ones', () => {
    expect(alarm('GetAlbumLambdaFunctionErrorsAlarm').Properties).toMatchObject({
      MetricName: 'Errors',
      Threshold: rules.httpFunctionErrors?.threshold,
    });
    expect(alarm('ApplyReactionsLambdaFunctionErrorsAlarm').Properties.Threshold).toBe(1);
    expect(dimensions('GetAlbumLambdaFunctionErrorsAlarm')).toEqual({
      FunctionName: { Ref: 'GetAlbumLambdaFunction' },
    });
  });

  it('lets a function with reserved concurrency throttle for 15 minutes before alarming', () => {
    expect(alarm('ThumbnailLambdaFunctionThrottlesAlarm').Properties).toMatchObject({
      MetricName: 'Throttles',
      Period: 300,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
    });
    expect(alarm('GetAlbumLambdaFunctionThrottlesAlarm').Properties.EvaluationPeriods).toBe(1);
  });

  it('finds failure queues through destinations, DLQs and redrive policies only', () => {
    const redrive: Template = {
      Resources: {
        Dlq: { Type: 'AWS::SQS::Queue' },
        Main: {
          Type: 'AWS::SQS::Queue',
          Properties: { RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq') } },
        },
        Fn: fn('f', { DeadLetterConfig: { TargetArn: queueArn('FnDlq') } }),
        FnDlq: { Type: 'AWS::SQS::Queue' },
      },
    };
    expect(failureQueues(redrive)).toEqual(['Dlq', 'FnDlq']);
    expect(alarm('ThumbnailFailuresQueueMessagesAlarm').Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Threshold: 1,
    });
    expect(dimensions('ThumbnailFailuresQueueMessagesAlarm')).toEqual({
      QueueName: { 'Fn::GetAtt': ['ThumbnailFailuresQueue', 'QueueName'] },
    });
  });

  it("watches a stream consumer's iterator age", () => {
    expect(alarm('ApplyReactionsLambdaFunctionIteratorAgeAlarm').Properties).toMatchObject({
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Threshold: 60000,
      Period: 60,
      EvaluationPeriods: 5,
    });
  });

  it('alarms on failed and timed-out executions of a state machine', () => {
    expect(alarm('ErasureStateMachineFailedAlarm').Properties).toMatchObject({
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Threshold: 1,
    });
    expect(dimensions('ErasureStateMachineTimedOutAlarm')).toEqual({
      StateMachineArn: { Ref: 'ErasureStateMachine' },
    });
  });

  it("computes the API's 5xx rate, ignoring quiet periods", () => {
    const { Metrics = [], Threshold } = alarm('HttpApi5xxRateAlarm').Properties;
    expect(Threshold).toBe(1);
    expect(Metrics.map((metric) => metric.MetricStat?.Metric.MetricName ?? metric.Expression)).toEqual([
      '5xx',
      'Count',
      'IF(requests >= 20, 100 * errors / requests, 0)',
    ]);
  });

  it("puts a p99 alarm on every route, with the auth routes' own threshold", () => {
    expect(alarm('HttpApiRouteGetV1AlbumsAlbumidVarLatencyAlarm').Properties).toMatchObject({
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      EvaluateLowSampleCountPercentile: 'ignore',
      Threshold: 1000,
    });
    expect(dimensions('HttpApiRouteGetV1AlbumsAlbumidVarLatencyAlarm')).toEqual({
      ApiId: { Ref: 'HttpApi' },
      Stage: '$default',
      Method: 'GET',
      Resource: '/v1/albums/{albumId}',
    });
    expect(alarm('HttpApiRoutePostV1AuthLoginLatencyAlarm').Properties.Threshold).toBe(2500);
  });

  it("sums the table's and every index's read and write throttle events", () => {
    const { Metrics = [] } = alarm('TableThrottlesAlarm').Properties;
    expect(Metrics).toHaveLength(7);
    expect(Metrics.at(-1)?.Expression).toBe(
      'SUM([FILL(read0, 0), FILL(write0, 0), FILL(read1, 0), FILL(write1, 0), FILL(read2, 0), FILL(write2, 0)])',
    );
  });

  it("watches a distribution's 5xx rate", () => {
    expect(dimensions('MediaDistribution5xxRateAlarm')).toEqual({
      DistributionId: { Ref: 'MediaDistribution' },
      Region: 'Global',
    });
  });

  it('derives nothing from a template without monitored resources', () => {
    expect(deriveAlarms({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }, TOPIC)).toEqual({});
  });
});

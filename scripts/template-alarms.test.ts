import type { Template } from './check-templates';
import { checkAlarms, checkEncryptionAndRetention, checkHttpStages } from './template-alarms';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deriveAlarms } = require('./serverless/alarms.js') as {
  deriveAlarms: (template: Template, topicArn: unknown) => Template['Resources'];
};

const TOPIC = { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:gallery-alarms-dev' };

function stack(): Template {
  const resources: Template['Resources'] = {
    GetAlbumLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'f' } },
    HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
    HttpApiLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } },
    HttpApiStage: {
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        StageName: '$default',
        DefaultRouteSettings: {
          DetailedMetricsEnabled: true,
          ThrottlingRateLimit: 200,
          ThrottlingBurstLimit: 400,
        },
        RouteSettings: { 'POST /v1/albums': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] },
          Format:
            '{"requestId":"$context.requestId","routeKey":"$context.routeKey","status":"$context.status"}',
        },
      },
    },
    HttpApiIntegrationGetAlbum: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { IntegrationUri: { 'Fn::GetAtt': ['GetAlbumLambdaFunction', 'Arn'] } },
    },
    HttpApiRoutePostV1Albums: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: { Ref: 'HttpApi' }, RouteKey: 'POST /v1/albums' },
    },
    FailuresQueue: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } },
    Config: {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: {
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailuresQueue', 'Arn'] } } },
      },
    },
  };
  return { Resources: { ...resources, ...deriveAlarms({ Resources: resources }, TOPIC) } };
}

describe('checkAlarms', () => {
  it("passes the plugin's alarms", () => {
    expect(checkAlarms(stack())).toEqual([]);
  });

  it('flags a missing alarm and a changed threshold', () => {
    const template = stack();
    delete template.Resources.FailuresQueueMessagesAlarm;
    const errors = template.Resources.GetAlbumLambdaFunctionErrorsAlarm?.Properties ?? {};
    errors.Threshold = 50;

    expect(checkAlarms(template)).toEqual([
      'alarm for GetAlbumLambdaFunction errors: threshold 50, expected 5',
      '0 alarm(s) for failure queue FailuresQueue, expected 1',
    ]);
  });

  it('flags an alarm that notifies anything but the one topic', () => {
    const template = stack();
    const latency = template.Resources.HttpApiRoutePostV1AlbumsLatencyAlarm?.Properties ?? {};
    latency.OKActions = [];

    expect(checkAlarms(template)).toEqual([
      expect.stringMatching(/^alarms notify more than one target/),
      'alarms notify [], not the alarm topic',
    ]);
  });
});

describe('checkHttpStages', () => {
  it('passes a stage with logs, metrics and throttling', () => {
    expect(checkHttpStages(stack(), { tighterRoutes: ['POST /v1/albums'] })).toEqual([]);
  });

  it('flags missing throttling, metrics, logs and a route without its own limit', () => {
    const template = stack();
    const props = template.Resources.HttpApiStage?.Properties ?? {};
    props.DefaultRouteSettings = {};
    props.AccessLogSettings = { Format: '{"path":"$context.path"}' };
    props.RouteSettings = { 'GET /nowhere': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 } };

    expect(checkHttpStages(template, { tighterRoutes: ['POST /v1/albums'] })).toEqual([
      'HttpApiStage: no default throttling (rate and burst)',
      'HttpApiStage: route metrics are off',
      'HttpApiStage: access logs go to no log group of the stack',
      'HttpApiStage: access logs lack $context.requestId',
      'HttpApiStage: access logs lack $context.routeKey',
      'HttpApiStage: access logs lack $context.status',
      'HttpApiStage: access logs carry the path (share tokens); log the route key',
      'HttpApiStage: route settings for GET /nowhere, which the API does not have',
      'HttpApiStage: POST /v1/albums has no throttle tighter than the default',
    ]);
  });
});

describe('checkEncryptionAndRetention', () => {
  it('flags an unencrypted queue, a log group kept forever and an open or plain bucket', () => {
    expect(
      checkEncryptionAndRetention({
        Resources: {
          Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
          Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
          Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
        },
      }),
    ).toEqual([
      'Queue: queue not encrypted (SqsManagedSseEnabled or KmsMasterKeyId)',
      'Logs: log group kept forever',
      'Bucket: bucket not encrypted',
      'Bucket: PublicAccessBlockConfiguration.BlockPublicAcls is not true',
      'Bucket: PublicAccessBlockConfiguration.BlockPublicPolicy is not true',
      'Bucket: PublicAccessBlockConfiguration.IgnorePublicAcls is not true',
      'Bucket: PublicAccessBlockConfiguration.RestrictPublicBuckets is not true',
    ]);
  });

  it('passes the stack above', () => {
    expect(checkEncryptionAndRetention(stack())).toEqual([]);
  });
});

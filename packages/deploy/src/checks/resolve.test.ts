import type { DeployedStack } from './model';
import { NotEmulatedReferenceError, UnresolvableError, resolve, resolveIfEmulated } from './resolve';

const stack: DeployedStack = {
  service: 'media',
  stackName: 'gallery-media-emulator',
  status: 'CREATE_COMPLETE',
  outputs: {},
  region: 'us-east-1',
  accountId: '123456789012',
  template: {
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function' },
      Queue: { Type: 'AWS::SQS::Queue' },
      Api: { Type: 'AWS::ApiGatewayV2::Api' },
      Version: { Type: 'AWS::Lambda::Version' },
    },
  },
  resources: new Map([
    ['Fn', { type: 'AWS::Lambda::Function', physicalId: 'gallery-media-emulator-thumbnail' }],
    [
      'Queue',
      { type: 'AWS::SQS::Queue', physicalId: 'https://sqs.us-east-1.amazonaws.com/123456789012/failures' },
    ],
    ['Version', { type: 'AWS::Lambda::Version', physicalId: '' }],
  ]),
};

describe('resolve', () => {
  it('evaluates Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select and pseudo parameters', () => {
    expect(
      resolve(
        {
          name: { Ref: 'Fn' },
          fn: { 'Fn::GetAtt': ['Fn', 'Arn'] },
          queue: { 'Fn::GetAtt': 'Queue.Arn' },
          sub: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b-${AWS::Region}/${Key}/${!Literal}' },
          subVariables: { 'Fn::Sub': ['${Name}', { Name: { Ref: 'AWS::AccountId' } }] },
          join: { 'Fn::Join': ['/', ['a', { Ref: 'AWS::StackName' }]] },
          select: { 'Fn::Select': [1, ['x', { 'Fn::GetAtt': ['Queue', 'QueueName'] }]] },
          dynamic: '{{resolve:secretsmanager:gallery-emulator/cursor-secret:SecretString}}',
        },
        {
          ...stack,
          resources: new Map([...stack.resources, ['Key', { type: 'AWS::S3::Bucket', physicalId: 'k' }]]),
        },
      ),
    ).toEqual({
      name: 'gallery-media-emulator-thumbnail',
      fn: 'arn:aws:lambda:us-east-1:123456789012:function:gallery-media-emulator-thumbnail',
      queue: 'arn:aws:sqs:us-east-1:123456789012:failures',
      sub: 'arn:aws:s3:::b-us-east-1/k/${Literal}',
      subVariables: '123456789012',
      join: 'a/gallery-media-emulator',
      select: 'failures',
      dynamic: '{{resolve:secretsmanager:gallery-emulator/cursor-secret:SecretString}}',
    });
  });

  it('tells a resource the emulator skipped (or gives no id) from a name that is not in the template', () => {
    expect(() => resolve({ Ref: 'Api' }, stack)).toThrow(NotEmulatedReferenceError);
    expect(() => resolve({ Ref: 'Version' }, stack)).toThrow(NotEmulatedReferenceError);
    expect(resolveIfEmulated({ 'Fn::Join': ['', ['x', { Ref: 'Api' }]] }, stack)).toBeUndefined();
    expect(() => resolve({ Ref: 'Nothing' }, stack)).toThrow(UnresolvableError);
  });

  it('refuses what it does not evaluate rather than guess', () => {
    expect(() => resolve({ 'Fn::GetAtt': ['Fn', 'SnapStartResponse'] }, stack)).toThrow(UnresolvableError);
    expect(() => resolve({ 'Fn::If': ['C', 'a', 'b'] }, stack)).toThrow(UnresolvableError);
  });
});

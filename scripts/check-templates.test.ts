import table from '../packages/core/src/table/table.json';
import { checkTemplate, type TableDefinition, type Template } from './check-templates';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const definition = table as TableDefinition;

function fn(name: string, role: string) {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: { FunctionName: name, Runtime: 'nodejs22.x', Role: { 'Fn::GetAtt': [role, 'Arn'] } },
  };
}

function role(logGroup: string, extra: Array<Record<string, string | string[]>> = []) {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'] }] },
      Policies: [
        {
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: [{ 'Fn::Sub': `arn:\${AWS::Partition}:logs:x:y:log-group:${logGroup}:*` }],
              },
              ...extra,
            ],
          },
        },
      ],
    },
  };
}

const goodTable = (): Template => ({
  Resources: {
    Table: {
      Type: 'AWS::DynamoDB::Table',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: definition.KeySchema,
        AttributeDefinitions: definition.AttributeDefinitions,
        GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
        TimeToLiveSpecification: { AttributeName: definition.TimeToLiveAttribute, Enabled: true },
        StreamSpecification: { StreamViewType: definition.StreamViewType },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    },
  },
});

const goodMedia = (): Template => ({
  Resources: {
    ThumbnailLambdaFunction: fn('gallery-media-dev-thumbnail', 'ThumbnailIamRole'),
    ThumbnailIamRole: role('/aws/lambda/gallery-media-dev-thumbnail'),
    S3BucketMedia: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        NotificationConfiguration: {
          LambdaConfigurations: [
            {
              Event: 's3:ObjectCreated:*',
              Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'uploads/' }] } },
            },
          ],
        },
      },
    },
  },
});

describe('checkTemplate', () => {
  it('passes a compliant table and media stack', () => {
    expect(checkTemplate('data', goodTable(), definition)).toEqual([]);
    expect(checkTemplate('media', goodMedia(), definition)).toEqual([]);
  });

  it('flags wildcard actions in Allow statements, but not in Deny statements', () => {
    const template = goodMedia();
    template.Resources.ThumbnailIamRole = role('/aws/lambda/gallery-media-dev-thumbnail', [
      { Effect: 'Allow', Action: ['s3:Get*'], Resource: ['arn:aws:s3:::b/uploads/*'] },
    ]);
    template.Resources.Policy = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: 'x' }] } },
    };

    expect(checkTemplate('media', template, definition)).toEqual([
      'ThumbnailIamRole: Allow statement grants wildcard action "s3:Get*"',
    ]);
  });

  it('flags Allow statements not scoped to the table, an index, or a bucket key prefix', () => {
    const template = goodMedia();
    const table = 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/gallery-dev';
    template.Resources.ThumbnailIamRole = role('/aws/lambda/gallery-media-dev-thumbnail', [
      // Scoped: the table, a named index, an uploads/ prefix, the bucket for ListBucket.
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [table, `${table}/index/gsi1`] },
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::media/uploads/*'] },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::media'] },
      // Not scoped.
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: '*' },
      { Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [`${table}/index/*`] },
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::media/*'] },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem'],
        Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/*'],
      },
    ]);

    expect(checkTemplate('media', template, definition)).toEqual([
      'ThumbnailIamRole: Allow sqs:SendMessage on every resource (*)',
      `ThumbnailIamRole: dynamodb:Query on ${table}/index/*, not the table or a named index`,
      'ThumbnailIamRole: s3:PutObject on arn:aws:s3:::media/*, not a bucket key prefix',
      'ThumbnailIamRole: dynamodb:PutItem on arn:aws:dynamodb:us-east-1:123456789012:table/*, not the table or a named index',
    ]);
  });

  it('flags a table that drifted from table.json or is not retained', () => {
    const template = goodTable();
    const resource = template.Resources.Table!;
    delete resource.UpdateReplacePolicy;
    resource.Properties!.GlobalSecondaryIndexes = [];
    resource.Properties!.PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: false };

    const problems = checkTemplate('data', template, definition);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/Retain/);
    expect(problems.join('\n')).toMatch(/GlobalSecondaryIndexes/);
    expect(problems.join('\n')).toMatch(/PointInTimeRecovery/);
  });

  it('flags a public or unencrypted bucket and a trigger outside uploads/', () => {
    const template = goodMedia();
    const props = template.Resources.S3BucketMedia!.Properties!;
    props.PublicAccessBlockConfiguration = { BlockPublicAcls: true };
    delete props.BucketEncryption;
    props.NotificationConfiguration = { LambdaConfigurations: [{ Event: 's3:ObjectCreated:*' }] };

    const problems = checkTemplate('media', template, definition).join('\n');
    expect(problems).toMatch(/BlockPublicPolicy/);
    expect(problems).toMatch(/IgnorePublicAcls/);
    expect(problems).toMatch(/RestrictPublicBuckets/);
    expect(problems).toMatch(/encryption/);
    expect(problems).toMatch(/uploads\/ prefix/);
  });

  it('flags functions sharing a role or writing to other log groups', () => {
    const template: Template = {
      Resources: {
        ALambdaFunction: fn('svc-dev-a', 'SharedRole'),
        BLambdaFunction: fn('svc-dev-b', 'SharedRole'),
        SharedRole: role('/aws/lambda/svc-dev-a'),
      },
    };

    const problems = checkTemplate('api', template, definition).join('\n');
    expect(problems).toMatch(/BLambdaFunction: shares role SharedRole/);
    expect(problems).toMatch(/BLambdaFunction: role SharedRole may write to log groups/);
  });

  describe('stream consumers', () => {
    const streamArn =
      'arn:aws:dynamodb:us-east-1:123456789012:table/gallery-dev/stream/2026-12-03T00:00:00.000';
    const consumer = (
      mapping: Record<string, Json> = {},
      queue: Record<string, Json> = { SqsManagedSseEnabled: true },
    ) =>
      ({
        Resources: {
          ApplyLambdaFunction: fn('gallery-activity-dev-apply', 'ApplyIamRole'),
          ApplyIamRole: role('/aws/lambda/gallery-activity-dev-apply', [
            {
              Effect: 'Allow',
              Action: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
              Resource: streamArn,
            },
          ]),
          Failures: { Type: 'AWS::SQS::Queue', Properties: queue },
          ApplyEventSourceMapping: {
            Type: 'AWS::Lambda::EventSourceMapping',
            Properties: {
              EventSourceArn: streamArn,
              FunctionResponseTypes: ['ReportBatchItemFailures'],
              BisectBatchOnFunctionError: true,
              MaximumRetryAttempts: 10,
              MaximumRecordAgeInSeconds: 3600,
              FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
              DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Failures', 'Arn'] } } },
              ...mapping,
            },
          },
        },
      }) satisfies Template;

    it('passes a bounded, filtered mapping with an encrypted on-failure queue, reading only the stream', () => {
      expect(checkTemplate('activity', consumer(), definition)).toEqual([]);
    });

    it('flags unbounded retries and age, no bisect, no partial responses, no filters, no or an open queue', () => {
      const problems = checkTemplate(
        'activity',
        consumer({
          FunctionResponseTypes: [],
          BisectBatchOnFunctionError: false,
          MaximumRetryAttempts: -1,
          MaximumRecordAgeInSeconds: -1,
          FilterCriteria: { Filters: [] },
        }),
        definition,
      ).join('\n');
      for (const expected of [
        /no ReportBatchItemFailures/,
        /BisectBatchOnFunctionError is off/,
        /MaximumRetryAttempts is unbounded/,
        /MaximumRecordAgeInSeconds is unbounded/,
        /no FilterCriteria/,
      ]) {
        expect(problems).toMatch(expected);
      }
      expect(checkTemplate('activity', consumer({}, {}), definition)).toEqual([
        'ApplyEventSourceMapping: on-failure queue Failures is not encrypted',
      ]);
      expect(checkTemplate('activity', consumer({ DestinationConfig: null }), definition)).toEqual([
        'ApplyEventSourceMapping: on-failure destination is not an SQS queue of this stack',
      ]);
    });

    it('flags stream reads on anything but the stream', () => {
      const template = consumer();
      template.Resources.ApplyIamRole = role('/aws/lambda/gallery-activity-dev-apply', [
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetRecords'],
          Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/gallery-dev',
        },
      ]);
      expect(checkTemplate('activity', template, definition)).toEqual([
        "ApplyIamRole: dynamodb:GetRecords on arn:aws:dynamodb:us-east-1:123456789012:table/gallery-dev, not the table's stream",
      ]);
    });
  });
});

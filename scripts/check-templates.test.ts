import table from '../packages/core/src/table/table.json';
import idempotency from '../packages/core/src/table/idempotency-table.json';
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
    IdempotencyTable: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: idempotency.KeySchema,
        AttributeDefinitions: idempotency.AttributeDefinitions,
        TimeToLiveSpecification: { AttributeName: idempotency.TimeToLiveAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    },
  },
});

const goodMedia = (): Template => ({
  Resources: {
    ThumbnailLambdaFunction: {
      ...fn('gallery-media-dev-thumbnail', 'ThumbnailIamRole'),
      Properties: {
        ...fn('gallery-media-dev-thumbnail', 'ThumbnailIamRole').Properties,
        ReservedConcurrentExecutions: 20,
      },
    },
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

  it('flags a thumbnail renderer without reserved concurrency', () => {
    const template = goodMedia();
    delete template.Resources.ThumbnailLambdaFunction?.Properties?.ReservedConcurrentExecutions;

    expect(checkTemplate('media', template, definition)).toEqual([
      'ThumbnailLambdaFunction: no reserved concurrency',
    ]);
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

  it('allows `*` for the X-Ray actions tracing needs only, alone in their statement', () => {
    const template = goodMedia();
    template.Resources.ThumbnailIamRole = role('/aws/lambda/gallery-media-dev-thumbnail', [
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'] },
      // A traced state machine's role (serverless-step-functions): the writes and the sampling reads.
      {
        Effect: 'Allow',
        Action: [
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'xray:GetSamplingRules',
          'xray:GetSamplingTargets',
        ],
        Resource: '*',
      },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:GetTraceSummaries'], Resource: ['*'] },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 's3:GetObject'], Resource: '*' },
    ]);
    expect(checkTemplate('media', template, definition)).toEqual([
      'ThumbnailIamRole: Allow xray:PutTraceSegments,xray:GetTraceSummaries on every resource (*)',
      'ThumbnailIamRole: Allow xray:PutTraceSegments,s3:GetObject on every resource (*)',
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

  it('flags an idempotency store without its TTL, a missing one, and any other table', () => {
    const template = goodTable();
    delete template.Resources.IdempotencyTable!.Properties!.TimeToLiveSpecification;
    expect(checkTemplate('data', template, definition)).toEqual([
      'IdempotencyTable: TimeToLiveSpecification is undefined, expected {"AttributeName":"expiration","Enabled":true}',
    ]);
    delete template.Resources.IdempotencyTable;
    expect(checkTemplate('data', template, definition)).toEqual([
      'expected the DynamoDB tables Table and IdempotencyTable, found Table',
    ]);
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

  describe('the media distribution (edge)', () => {
    const edgeRole = () => {
      const r = role('/aws/lambda/gallery-edge-dev-render');
      r.Properties.AssumeRolePolicyDocument = {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] },
            Action: ['sts:AssumeRole'],
          },
        ],
      } as unknown as typeof r.Properties.AssumeRolePolicyDocument;
      (r.Properties.Policies[0]!.PolicyDocument.Statement[0]!.Resource as unknown[]).push({
        'Fn::Sub':
          'arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:/aws/lambda/us-east-1.gallery-edge-dev-render:*',
      });
      return r;
    };
    const behavior = () => ({
      ViewerProtocolPolicy: 'redirect-to-https',
      TrustedKeyGroups: [{ Ref: 'KeyGroup' }],
      CachePolicyId: { Ref: 'CachePolicy' },
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: 'arn' }],
    });
    const goodEdge = (): Template => ({
      Resources: {
        RenderLambdaFunction: fn('gallery-edge-dev-render', 'RenderIamRole'),
        RenderIamRole: edgeRole(),
        CachePolicy: {
          Type: 'AWS::CloudFront::CachePolicy',
          Properties: {
            CachePolicyConfig: {
              ParametersInCacheKeyAndForwardedToOrigin: {
                QueryStringsConfig: { QueryStringBehavior: 'none' },
                HeadersConfig: { HeaderBehavior: 'none' },
                CookiesConfig: { CookieBehavior: 'none' },
              },
            },
          },
        },
        Viewer: {
          Type: 'AWS::CloudFront::Function',
          Properties: { FunctionConfig: { Runtime: 'cloudfront-js-2.0' } },
        },
        CloudFrontDistribution: {
          Type: 'AWS::CloudFront::Distribution',
          Properties: {
            DistributionConfig: {
              DefaultCacheBehavior: behavior(),
              Origins: [
                {
                  Id: 's3/media',
                  S3OriginConfig: {},
                  OriginAccessControlId: { 'Fn::GetAtt': ['Oac', 'Id'] },
                },
              ],
            },
          },
        },
        MediaBucketPolicy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            PolicyDocument: {
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'cloudfront.amazonaws.com' },
                  Action: 's3:GetObject',
                  Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::media/thumbnails/*' },
                  Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::1:distribution/E1' } },
                },
              ],
            },
          },
        },
      },
    });
    const config = (t: Template) =>
      t.Resources.CloudFrontDistribution!.Properties!.DistributionConfig as Record<
        string,
        Record<string, unknown>
      >;

    it("passes a private distribution whose Lambda@Edge role logs to its replicas' groups", () => {
      expect(checkTemplate('edge', goodEdge(), definition)).toEqual([]);
    });

    it('flags a behavior without signed URLs, over plain HTTP, or without the CloudFront Function', () => {
      const template = goodEdge();
      const extra = {
        ...behavior(),
        PathPattern: '/open/*',
        ViewerProtocolPolicy: 'allow-all',
        FunctionAssociations: [],
      };
      delete (extra as Partial<typeof extra>).TrustedKeyGroups;
      config(template).CacheBehaviors = [extra] as unknown as Record<string, unknown>;
      const problems = checkTemplate('edge', template, definition).join('\n');
      expect(problems).toMatch(/behavior \/open\/\* serves without signed URLs/);
      expect(problems).toMatch(/behavior \/open\/\* allows plain HTTP/);
      expect(problems).toMatch(/behavior \/open\/\* runs no viewer-request CloudFront Function/);
    });

    it('flags a cache key that takes query strings, and an S3 origin without origin access control', () => {
      const template = goodEdge();
      const cachePolicy = template.Resources.CachePolicy!.Properties!.CachePolicyConfig as Record<
        string,
        Record<string, unknown>
      >;
      cachePolicy.ParametersInCacheKeyAndForwardedToOrigin!.QueryStringsConfig = {
        QueryStringBehavior: 'all',
      };
      config(template).Origins = [{ Id: 's3/media', S3OriginConfig: {} }] as unknown as Record<
        string,
        unknown
      >;
      const problems = checkTemplate('edge', template, definition).join('\n');
      expect(problems).toMatch(/cache key takes more than the path/);
      expect(problems).toMatch(/has no origin access control/);
    });

    it('flags a bucket policy that lets CloudFront read uploads, or anyone but this distribution', () => {
      const template = goodEdge();
      const statement = (
        template.Resources.MediaBucketPolicy!.Properties!.PolicyDocument as {
          Statement: Record<string, unknown>[];
        }
      ).Statement[0]!;
      statement.Resource = 'arn:aws:s3:::media/*';
      delete statement.Condition;
      const problems = checkTemplate('edge', template, definition).join('\n');
      expect(problems).toMatch(/not only reading renditions/);
      expect(problems).toMatch(/not limited to the distribution/);
    });

    it("flags a Lambda@Edge role writing to another function's replica log groups", () => {
      const template = goodEdge();
      template.Resources.RenderIamRole = edgeRole();
      const resources = template.Resources.RenderIamRole.Properties!.Policies as unknown as Array<{
        PolicyDocument: { Statement: Array<{ Resource: Array<Record<string, string>> }> };
      }>;
      resources[0]!.PolicyDocument.Statement[0]!.Resource[1] = {
        'Fn::Sub': 'arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:/aws/lambda/us-east-1.other:*',
      };
      expect(checkTemplate('edge', template, definition).join('\n')).toMatch(/may write to log groups/);
    });
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

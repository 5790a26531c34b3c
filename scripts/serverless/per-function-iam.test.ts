const { assertNoWildcardActions, buildFunctionRole, tracesActively, XRAY_STATEMENT } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./per-function-iam.js') as {
    assertNoWildcardActions: (functionName: string, statements: Array<{ Action: string[] }>) => void;
    tracesActively: (fn: { tracing?: unknown }, provider: { tracing?: { lambda?: unknown } }) => boolean;
    XRAY_STATEMENT: object;
    buildFunctionRole: (input: {
      logGroupName: string;
      statements: object[];
      edge?: boolean;
      tracing?: boolean;
    }) => {
      Type: string;
      Properties: {
        AssumeRolePolicyDocument: { Statement: Array<{ Principal: unknown; Action: string[] }> };
        Policies: Array<{ PolicyDocument: { Statement: Array<{ Action: string[]; Resource: unknown }> } }>;
      };
    };
  };

describe('buildFunctionRole', () => {
  const getItem = {
    Effect: 'Allow',
    Action: ['dynamodb:GetItem'],
    Resource: ['arn:aws:dynamodb:us-east-1:1:table/t'],
  };
  const role = buildFunctionRole({
    logGroupName: '/aws/lambda/gallery-api-dev-getAlbum',
    statements: [getItem],
  });

  it('is assumable by Lambda only', () => {
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
    ]);
  });

  it("writes to the function's own log group and adds exactly the function's statements", () => {
    const statements = role.Properties.Policies[0]?.PolicyDocument.Statement;

    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [
          {
            'Fn::Sub':
              'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/gallery-api-dev-getAlbum:*',
          },
        ],
      },
      getItem,
    ]);
  });
});

describe('active tracing', () => {
  it("adds X-Ray's two write actions, on `*`, to a traced function's role only", () => {
    const statementsOf = (tracing: boolean) =>
      buildFunctionRole({ logGroupName: '/aws/lambda/f', statements: [], tracing }).Properties.Policies[0]
        ?.PolicyDocument.Statement;
    expect(statementsOf(true)).toContainEqual({
      Effect: 'Allow',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      Resource: ['*'],
    });
    expect(statementsOf(true)).toContainEqual(XRAY_STATEMENT);
    expect(statementsOf(false)).not.toContainEqual(XRAY_STATEMENT);
  });

  it("follows the function's own setting, else the provider's", () => {
    expect(tracesActively({}, { tracing: { lambda: true } })).toBe(true);
    expect(tracesActively({ tracing: 'PassThrough' }, { tracing: { lambda: true } })).toBe(false);
    expect(tracesActively({ tracing: 'Active' }, {})).toBe(true);
    expect(tracesActively({}, {})).toBe(false);
  });
});

describe('buildFunctionRole for a Lambda@Edge function', () => {
  const role = buildFunctionRole({
    logGroupName: '/aws/lambda/gallery-edge-dev-renderRendition',
    statements: [],
    edge: true,
  });

  it('is assumable by Lambda and by Lambda@Edge', () => {
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] },
        Action: ['sts:AssumeRole'],
      },
    ]);
  });

  it("creates and writes its replicas' log groups in every region, and only those", () => {
    expect(role.Properties.Policies[0]?.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [
          {
            'Fn::Sub':
              'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/gallery-edge-dev-renderRendition:*',
          },
          {
            'Fn::Sub':
              'arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:/aws/lambda/us-east-1.gallery-edge-dev-renderRendition:*',
          },
        ],
      },
    ]);
  });
});

describe('assertNoWildcardActions', () => {
  it.each(['*', 's3:*', 'dynamodb:Get*'])('rejects %s', (action) => {
    expect(() => assertNoWildcardActions('fn', [{ Action: ['s3:GetObject', action] }])).toThrow(/wildcard/);
  });

  it('accepts exact actions', () => {
    expect(() =>
      assertNoWildcardActions('fn', [{ Action: ['s3:GetObject', 'dynamodb:Query'] }]),
    ).not.toThrow();
  });
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { explicitDependencies, referencedLogicalIds } = require('./implied-dependencies.js') as {
  explicitDependencies: (resource: Record<string, unknown>) => string[] | undefined;
  referencedLogicalIds: (value: unknown) => Set<string>;
};

describe('referencedLogicalIds', () => {
  it('finds Ref, both Fn::GetAtt forms and Fn::Sub references, not pseudo parameters', () => {
    const ids = referencedLogicalIds({
      Role: { 'Fn::GetAtt': ['HealthIamRole', 'Arn'] },
      Stream: { 'Fn::GetAtt': 'Table.StreamArn' },
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'HttpApiIntegrationHealth' }]] },
      Region: { Ref: 'AWS::Region' },
      Arn: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/${Queue.Arn}/${!Literal}' },
    });

    expect([...ids].sort()).toEqual([
      'Bucket',
      'HealthIamRole',
      'HttpApiIntegrationHealth',
      'Queue',
      'Table',
    ]);
  });

  it('lets Fn::Sub variables shadow logical ids and still reads their values', () => {
    const ids = referencedLogicalIds({
      'Fn::Sub': ['${Name}-${Other}', { Name: { Ref: 'Table' } }],
    });

    expect([...ids].sort()).toEqual(['Other', 'Table']);
  });

  it('ignores references that hold only under a condition', () => {
    expect(referencedLogicalIds({ 'Fn::If': ['IsProd', { Ref: 'Table' }, 'none'] }).size).toBe(0);
  });
});

describe('explicitDependencies', () => {
  it("drops a function's role, which its Role already references, and keeps its log group", () => {
    expect(
      explicitDependencies({
        Type: 'AWS::Lambda::Function',
        Properties: { Role: { 'Fn::GetAtt': ['HealthIamRole', 'Arn'] } },
        DependsOn: ['HealthLogGroup', 'HealthIamRole'],
      }),
    ).toEqual(['HealthLogGroup']);
  });

  it('leaves nothing when every dependency is implied, and accepts a single string', () => {
    expect(
      explicitDependencies({
        Properties: { Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'Integration' }]] } },
        DependsOn: 'Integration',
      }),
    ).toBeUndefined();
  });

  it('keeps a dependency referenced only by the DependsOn itself', () => {
    expect(explicitDependencies({ Properties: { Name: 'x' }, DependsOn: ['Other'] })).toEqual(['Other']);
  });
});

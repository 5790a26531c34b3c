import { normalisePolicy, parsePolicyDocument } from './policy-document';

describe('parsePolicyDocument', () => {
  const document = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem'],
        Resource: ['arn:aws:dynamodb:::table/t'],
        Condition: { Bool: { x: true } },
      },
    ],
  };

  it('reads URL-encoded JSON, as AWS returns it', () => {
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(document)))).toEqual(document);
  });

  it("reads a Python dict literal, as moto returns a CloudFormation role's inline policy", () => {
    const literal =
      "{'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': ['dynamodb:PutItem'], 'Resource': ['arn:aws:dynamodb:::table/t'], 'Condition': {'Bool': {'x': True}}}]}";
    expect(parsePolicyDocument(literal)).toEqual(document);
  });

  it('keeps quotes and keywords inside strings', () => {
    expect(parsePolicyDocument("{'a': 'it\\'s True', 'b': None, 'c': \"x\"}")).toEqual({
      a: "it's True",
      b: null,
      c: 'x',
    });
  });
});

describe('normalisePolicy', () => {
  it('makes Action, Resource and principals lists and drops the version', () => {
    expect(
      normalisePolicy({
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'lambda.amazonaws.com' },
        },
      }),
    ).toEqual([
      { Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['lambda.amazonaws.com'] } },
    ]);
  });
});

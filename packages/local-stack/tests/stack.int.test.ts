import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import table from '@gallery/core/table/table.json';
import { harnessEnv as env } from '../src/env';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../src/credentials';

// The jest global setup started the stack; these prove it is provisioned the
// way the deployed services are, through the env it handed to the workers.
const local = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };

describe('local stack', () => {
  it('creates the table from table.json, with TTL and a stream', async () => {
    const client = new DynamoDBClient({ ...local, endpoint: env('DYNAMODB_ENDPOINT') });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: env('TABLE_NAME') }));
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: env('TABLE_NAME') }));
    client.destroy();

    expect(Table?.KeySchema).toEqual(table.KeySchema);
    const indexes = (Table?.GlobalSecondaryIndexes ?? [])
      .map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }))
      .sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName)));
    expect(indexes).toEqual(table.GlobalSecondaryIndexes);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: table.StreamViewType });
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: table.TimeToLiveAttribute,
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('creates the media bucket', async () => {
    const client = new S3Client({ ...local, endpoint: env('S3_ENDPOINT'), forcePathStyle: true });
    await expect(client.send(new HeadBucketCommand({ Bucket: env('BUCKET_NAME') }))).resolves.toBeDefined();
    client.destroy();
  });

  it('creates a user pool whose app client allows password and refresh flows', async () => {
    const client = new CognitoIdentityProviderClient({ ...local, endpoint: env('COGNITO_ENDPOINT') });
    const { UserPoolClient } = await client.send(
      new DescribeUserPoolClientCommand({
        UserPoolId: env('USER_POOL_ID'),
        ClientId: env('USER_POOL_CLIENT_ID'),
      }),
    );
    client.destroy();
    expect(UserPoolClient?.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    );
    expect(env('JWT_ISSUER')).toBe(`${env('COGNITO_ENDPOINT')}/${env('USER_POOL_ID')}`);
  });

  it('serves the JWKS that tokens are verified against', async () => {
    const res = await fetch(`${env('JWT_ISSUER')}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { keys: Array<{ kty: string; alg: string }> };
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  });
});

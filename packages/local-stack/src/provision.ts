import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import table from '@gallery/core/table/table.json';
import idempotencyTable from '@gallery/core/table/idempotency-table.json';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './credentials';

const local = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };

/** The same key schema and indexes the `data` service deploys (table.json is the one source). */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: table.KeySchema as CreateTableCommandInput['KeySchema'],
    AttributeDefinitions: table.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    GlobalSecondaryIndexes: table.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'],
    StreamSpecification: {
      StreamEnabled: true,
      StreamViewType: table.StreamViewType as 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** Creates a table and turns its TTL on, as CloudFormation does from the data stack's template. */
async function createTableWithTtl(
  endpoint: string,
  input: CreateTableCommandInput,
  ttlAttribute: string,
): Promise<void> {
  const client = new DynamoDBClient({ ...local, endpoint });
  try {
    await client.send(new CreateTableCommand(input));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: input.TableName,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      }),
    );
  } finally {
    client.destroy();
  }
}

export async function createTable(options: { endpoint: string; tableName: string }): Promise<void> {
  await createTableWithTtl(options.endpoint, tableDefinition(options.tableName), table.TimeToLiveAttribute);
}

/** The idempotency store the `data` service deploys beside the table (idempotency-table.json). */
export async function createIdempotencyTable(options: {
  endpoint: string;
  tableName: string;
}): Promise<void> {
  await createTableWithTtl(
    options.endpoint,
    {
      TableName: options.tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: idempotencyTable.KeySchema as CreateTableCommandInput['KeySchema'],
      AttributeDefinitions:
        idempotencyTable.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    },
    idempotencyTable.TimeToLiveAttribute,
  );
}

export async function deleteTable(options: { endpoint: string; tableName: string }): Promise<void> {
  const client = new DynamoDBClient({ ...local, endpoint: options.endpoint });
  try {
    await client.send(new DeleteTableCommand({ TableName: options.tableName }));
  } finally {
    client.destroy();
  }
}

export async function createBucket(options: { endpoint: string; bucketName: string }): Promise<void> {
  const client = new S3Client({
    ...local,
    endpoint: options.endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: options.bucketName }));
  } finally {
    client.destroy();
  }
}

export interface LocalUserPool {
  userPoolId: string;
  clientId: string;
  issuer: string;
}

/**
 * A user pool shaped like the one `services/auth` deploys: email as username,
 * a `handle` custom attribute, email verification, and an app client for
 * USER_PASSWORD_AUTH and refresh tokens.
 */
export async function createUserPool(options: {
  endpoint: string;
  poolName: string;
}): Promise<LocalUserPool> {
  const client = new CognitoIdentityProviderClient({ ...local, endpoint: options.endpoint });
  try {
    const pool = await client.send(
      new CreateUserPoolCommand({
        PoolName: options.poolName,
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'handle', AttributeDataType: 'String', Mutable: false }],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: false,
          },
        },
      }),
    );
    const userPoolId = pool.UserPool?.Id;
    if (!userPoolId) throw new Error('cognito-local returned no user pool id');
    const appClient = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: `${options.poolName}-client`,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        GenerateSecret: false,
      }),
    );
    const clientId = appClient.UserPoolClient?.ClientId;
    if (!clientId) throw new Error('cognito-local returned no app client id');
    return { userPoolId, clientId, issuer: `${options.endpoint}/${userPoolId}` };
  } finally {
    client.destroy();
  }
}

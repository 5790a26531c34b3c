import { randomBytes } from 'node:crypto';
import { startDynamoDbLocal } from './dynamodb';
import { startS3rver } from './s3';
import { startCognitoLocal, type CognitoOptions } from './cognito';
import { createBucket, createIdempotencyTable, createTable, createUserPool } from './provision';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './credentials';

export interface LocalStackOptions {
  ports?: { dynamodb?: number; s3?: number; cognito?: number };
  tableName?: string;
  bucketName?: string;
  poolName?: string;
  s3EventTarget?: string;
  s3EventPrefix?: string;
  cognitoTriggers?: CognitoOptions['triggers'];
  /** Called with every confirmation code cognito-local delivers (it only logs them). */
  onCognitoCode?: CognitoOptions['onCodeDelivered'];
  log?: (line: string) => void;
}

export interface LocalStack {
  dynamodb: { endpoint: string };
  s3: { endpoint: string };
  cognito: {
    endpoint: string;
    userPoolId: string;
    clientId: string;
    issuer: string;
    jwksUri: string;
    /** The code cognito-local last issued to `email` (sign-up or password reset), read from its store. */
    confirmationCode(email: string): Promise<string | undefined>;
  };
  tableName: string;
  bucketName: string;
  region: string;
  /** The environment a Lambda handler needs to run against this stack. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local, s3rver and cognito-local (in parallel, each on its
 * own port), then creates the table, the bucket and the user pool. On any
 * failure whatever was started is stopped again.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const tableName = options.tableName ?? 'gallery-local';
  const bucketName = options.bucketName ?? 'gallery-media-local';
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    await Promise.allSettled(stoppers.splice(0).map((stop) => stop()));
  };
  try {
    const track = <T extends { stop(): Promise<void> }>(emulator: T, name: string): T => {
      stoppers.push(emulator.stop);
      log(`${name} ready`);
      return emulator;
    };
    const [dynamodb, s3, cognito] = await Promise.all([
      startDynamoDbLocal({ port: options.ports?.dynamodb }).then((e) => track(e, 'DynamoDB Local')),
      startS3rver({
        port: options.ports?.s3,
        eventTarget: options.s3EventTarget,
        eventPrefix: options.s3EventPrefix,
      }).then((e) => track(e, 's3rver')),
      startCognitoLocal({
        port: options.ports?.cognito,
        triggers: options.cognitoTriggers,
        onCodeDelivered: options.onCognitoCode,
      }).then((e) => track(e, 'cognito-local')),
    ]);
    const idempotencyTableName = `${tableName}-idempotency`;
    const [, , , pool] = await Promise.all([
      createTable({ endpoint: dynamodb.endpoint, tableName }),
      createIdempotencyTable({ endpoint: dynamodb.endpoint, tableName: idempotencyTableName }),
      createBucket({ endpoint: s3.endpoint, bucketName }),
      createUserPool({ endpoint: cognito.endpoint, poolName: options.poolName ?? 'gallery-local' }),
    ]);
    log(`provisioned table ${tableName}, bucket ${bucketName}, user pool ${pool.userPoolId}`);
    const env = {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      S3_ENDPOINT: s3.endpoint,
      COGNITO_ENDPOINT: cognito.endpoint,
      TABLE_NAME: tableName,
      IDEMPOTENCY_TABLE_NAME: idempotencyTableName,
      BUCKET_NAME: bucketName,
      USER_POOL_ID: pool.userPoolId,
      USER_POOL_CLIENT_ID: pool.clientId,
      JWT_ISSUER: pool.issuer,
      // Signs pagination cursors; a new one per run, as a deployed stage has its own.
      CURSOR_SECRET: randomBytes(32).toString('base64url'),
    };
    return {
      dynamodb: { endpoint: dynamodb.endpoint },
      s3: { endpoint: s3.endpoint },
      cognito: {
        endpoint: cognito.endpoint,
        ...pool,
        jwksUri: `${pool.issuer}/.well-known/jwks.json`,
        confirmationCode: cognito.confirmationCode,
      },
      tableName,
      bucketName,
      region: LOCAL_REGION,
      env,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

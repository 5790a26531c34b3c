// The AWS SDK clients of the checks: module singletons, configured once by the emulator deploy with
// the emulator's endpoint and dummy credentials.

import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';

export interface AwsTarget {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

function createClients({ endpoint, region, accessKeyId, secretAccessKey }: AwsTarget) {
  const config = { endpoint, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 2 };
  return {
    apigatewayv2: new ApiGatewayV2Client(config),
    cloudFormation: new CloudFormationClient(config),
    cloudwatch: new CloudWatchClient(config),
    logs: new CloudWatchLogsClient(config),
    cognito: new CognitoIdentityProviderClient(config),
    dynamodb: new DynamoDBClient(config),
    events: new EventBridgeClient(config),
    iam: new IAMClient(config),
    lambda: new LambdaClient(config),
    // Bucket names in the path: the emulator has no wildcard DNS.
    s3: new S3Client({ ...config, forcePathStyle: true }),
    sfn: new SFNClient(config),
    sqs: new SQSClient(config),
    sts: new STSClient(config),
  };
}

export type AwsClients = ReturnType<typeof createClients>;

let clients: AwsClients | undefined;

/** Configures the clients; once per process. */
export function configureAws(target: AwsTarget): void {
  if (clients) throw new Error('configureAws: the AWS clients are already configured');
  clients = createClients(target);
}

export function aws(): AwsClients {
  if (!clients) throw new Error('aws(): call configureAws first');
  return clients;
}

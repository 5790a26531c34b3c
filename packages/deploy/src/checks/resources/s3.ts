// Buckets. moto's CloudFormation creates a bucket with its name and encryption only, so the other
// properties are read from the template; the notification's target is checked through the Lambda
// API (the function exists and S3 may invoke it for this bucket).

import { GetBucketEncryptionCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetFunctionConfigurationCommand, GetPolicyCommand } from '@aws-sdk/client-lambda';
import { aws } from '../../aws';
import { type Json, asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import { resolve } from '../resolve';
import type { ResourceCheck } from './types';

async function invokableByBucket(functionArn: string, bucketArn: string): Promise<boolean> {
  const { Policy = '{}' } = await aws().lambda.send(new GetPolicyCommand({ FunctionName: functionArn }));
  const statements = (JSON.parse(Policy) as { Statement?: Array<Record<string, Json>> }).Statement ?? [];
  return statements.some((statement) => JSON.stringify(statement).includes(`"AWS:SourceArn":"${bucketArn}"`));
}

export const s3Bucket: ResourceCheck = {
  emulated: true,
  ignoredProperties: [
    'NotificationConfiguration',
    'PublicAccessBlockConfiguration',
    'OwnershipControls',
    'CorsConfiguration',
    'LifecycleConfiguration',
  ],
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const bucket = stack.resources.get(id)?.physicalId ?? '';
    await aws().s3.send(new HeadBucketCommand({ Bucket: bucket }));
    record.that('api', `bucket ${bucket} exists`, true);
    if (props.BucketName !== undefined) record.equal('api', 'BucketName', bucket, props.BucketName);
    const encryption = asArray(
      isObject(props.BucketEncryption) ? props.BucketEncryption.ServerSideEncryptionConfiguration : undefined,
    ).filter(isObject);
    if (encryption.length > 0) {
      const { ServerSideEncryptionConfiguration: actual } = await aws().s3.send(
        new GetBucketEncryptionCommand({ Bucket: bucket }),
      );
      record.equal(
        'api',
        'default encryption',
        actual?.Rules?.map((rule) => rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm),
        encryption.map((rule) =>
          isObject(rule.ServerSideEncryptionByDefault)
            ? rule.ServerSideEncryptionByDefault.SSEAlgorithm
            : null,
        ),
      );
    }
    const block = props.PublicAccessBlockConfiguration;
    if (block !== undefined) {
      const flags = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
      record.that(
        'template',
        'public access blocked',
        isObject(block) && flags.every((flag) => block[flag] === true),
      );
    }
    const notifications = asArray(
      isObject(props.NotificationConfiguration)
        ? props.NotificationConfiguration.LambdaConfigurations
        : undefined,
    ).filter(isObject);
    for (const notification of notifications) {
      const functionArn = String(resolve(notification.Function ?? null, stack));
      const filter = JSON.stringify(notification.Filter ?? null);
      record.that('template', `${String(notification.Event)} (${filter}) notifies ${functionArn}`, true);
      const config = await aws().lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: functionArn }),
      );
      record.equal('api', 'notified function exists', config.FunctionArn, functionArn);
      record.that(
        'api',
        `S3 may invoke it for arn:aws:s3:::${bucket}`,
        await invokableByBucket(functionArn, `arn:aws:s3:::${bucket}`),
        'no permission naming the bucket',
      );
    }
    return record.findings;
  },
};

/** moto's CloudFormation skips bucket policies: the policy must at least name a bucket of the stack. */
export const s3BucketPolicy: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const bucket = resolve(props.Bucket ?? null, stack);
    await aws().s3.send(new HeadBucketCommand({ Bucket: String(bucket) }));
    record.that('api', `applies to bucket ${String(bucket)}, which exists`, true);
    const statements = asArray(isObject(props.PolicyDocument) ? props.PolicyDocument.Statement : undefined);
    record.that('template', `${statements.length} statement(s)`, statements.length > 0);
    return record.findings;
  },
};

import { type ServiceExpectations, output } from './expectations';
import { type ArnRule, type Stacks, bucketArns, tableArns } from './rules';

/** The auth stack's user pool (its UserPoolArn output): the only pool the erasure's admin calls name. */
function userPoolArn(stacks: Stacks): ArnRule | undefined {
  const arn = stacks.get('auth')?.outputs.UserPoolArn;
  if (!arn) return undefined;
  return { describe: arn, allows: (resource) => resource === arn };
}

export const workflows: ServiceExpectations = {
  environment: {
    TABLE_NAME: output('data', 'TableName'),
    BUCKET_NAME: output('media', 'BucketName'),
    USER_POOL_ID: output('auth', 'UserPoolId'),
  },
  iamResources: {
    dynamodb: tableArns,
    s3: bucketArns,
    'cognito-idp': userPoolArn,
  },
};

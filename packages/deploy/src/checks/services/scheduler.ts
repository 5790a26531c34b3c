import { type ServiceExpectations, output } from './expectations';
import { bucketArns, tableArns } from './rules';

export const scheduler: ServiceExpectations = {
  environment: {
    TABLE_NAME: output('data', 'TableName'),
    BUCKET_NAME: output('media', 'BucketName'),
  },
  iamResources: {
    dynamodb: tableArns,
    s3: bucketArns,
  },
};

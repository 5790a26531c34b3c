import { type ServiceExpectations, output } from './expectations';
import { anyOf, bucketArns, exportsBucketArns, tableArns } from './rules';

export const scheduler: ServiceExpectations = {
  environment: {
    TABLE_NAME: output('data', 'TableName'),
    BUCKET_NAME: output('media', 'BucketName'),
    // exportTable: the table by ARN (the export API takes no name) and the data stack's exports bucket.
    TABLE_ARN: output('data', 'TableArn'),
    EXPORTS_BUCKET_NAME: output('data', 'ExportsBucketName'),
  },
  iamResources: {
    dynamodb: tableArns,
    s3: anyOf(bucketArns, exportsBucketArns),
  },
};

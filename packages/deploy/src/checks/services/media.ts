import { type ServiceExpectations, output } from './expectations';
import { bucketArns, tableArns } from './rules';

export const media: ServiceExpectations = {
  defaultedParams: {
    bucketName:
      'gallery-media-<stage>-<region>; a real deploy passes a globally unique name (README, Deploying)',
  },
  environment: {
    TABLE_NAME: output('data', 'TableName'),
    BUCKET_NAME: output('media', 'BucketName'),
  },
  iamResources: {
    dynamodb: tableArns,
    s3: bucketArns,
  },
};

import { type ServiceExpectations } from './expectations';
import { bucketArns } from './rules';

export const edge: ServiceExpectations = {
  defaultedParams: {
    priceClass: 'PriceClass_100 unless a stage passes another (README, Media delivery)',
    signingPublicKeyA:
      'a stage setting, not an output: the operator passes the public key (README, Media delivery)',
    signingPublicKeyB: 'empty outside a key rotation (README, Rotating the signing key)',
  },
  // The renderer reads uploads and writes renditions of the media bucket, nothing else.
  iamResources: {
    s3: bucketArns,
  },
};

// Lambda@Edge functions get no environment variables: the bucket to read and write is the S3 origin
// CloudFront forwarded the request to, as named in the event.
import type { CloudFrontRequest } from 'aws-lambda';

export interface OriginBucket {
  bucket: string;
  region: string;
}

// <bucket>.s3.amazonaws.com, <bucket>.s3.<region>.amazonaws.com, <bucket>.s3-<region>.amazonaws.com
const S3_DOMAIN = /^(.+)\.s3(?:[.-]([a-z]{2}(?:-[a-z]+)+-\d))?\.amazonaws\.com(?:\.cn)?$/;

/** The bucket and region of the request's S3 origin; undefined for any other origin. */
export function originBucket(
  request: Pick<CloudFrontRequest, 'origin' | 'headers'>,
): OriginBucket | undefined {
  const s3 = request.origin?.s3;
  // Origin-response events carry the origin the request went to; the Host header CloudFront sent
  // to S3 names the same bucket, and is the fallback.
  const domain = s3?.domainName ?? request.headers.host?.[0]?.value;
  const match = domain ? S3_DOMAIN.exec(domain.toLowerCase()) : null;
  if (!match) return undefined;
  const region =
    match[2] ?? (s3?.authMethod === 'origin-access-identity' ? s3.region : undefined) ?? 'us-east-1';
  return { bucket: match[1] as string, region };
}

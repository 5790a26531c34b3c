import type { S3Client } from '@aws-sdk/client-s3';
import { cloudFrontHandler } from '@gallery/lambda/events';
import { logger } from '@gallery/lambda/logger';
import { createS3Client } from '@gallery/lambda/s3';
import type {
  CloudFrontHeaders,
  CloudFrontResponse,
  CloudFrontResponseEvent,
  CloudFrontResultResponse,
} from 'aws-lambda';
import { originBucket } from '../../renditions/origin';
import { onDemandRendition, renderOnDemand } from '../../renditions/on-demand';
import { RENDITION_CACHE_CONTROL } from '@gallery/images/render';

/** Lambda@Edge's limit on a response an origin-response function generates, headers included. */
export const GENERATED_RESPONSE_LIMIT = 1024 * 1024;
/** Room kept for the status line and headers. */
const HEADER_ALLOWANCE = 4 * 1024;
/** Largest rendition that still fits the limit once base64-encoded (4 characters per 3 bytes). */
export const MAX_RENDITION_BYTES = Math.floor((GENERATED_RESPONSE_LIMIT - HEADER_ALLOWANCE) / 4) * 3;

// One S3 client per region, created on first use: the region comes from the request's origin.
const clients = new Map<string, S3Client>();
function s3ClientFor(region: string): S3Client {
  let client = clients.get(region);
  if (!client) {
    client = createS3Client({ region });
    clients.set(region, client);
  }
  return client;
}

const header = (key: string, value: string): CloudFrontHeaders[string] => [{ key, value }];

function problem(status: number, title: string, detail: string): CloudFrontResultResponse {
  return {
    status: String(status),
    statusDescription: title,
    headers: {
      'content-type': header('Content-Type', 'application/problem+json'),
      'cache-control': header('Cache-Control', 'no-store'),
    },
    body: JSON.stringify({ type: 'about:blank', title, status, detail }),
    bodyEncoding: 'text',
  };
}

const notFound = () => problem(404, 'Not Found', 'There is no such rendition.');

/**
 * Origin response of the media distribution. A found object passes through untouched; a missing one
 * (S3 answers 403 to CloudFront's origin access control for a key that does not exist, 404 if the
 * distribution may list the bucket) is rendered when it is an on-demand rendition, and is a plain
 * 404 otherwise, never S3's error document.
 */
export async function renderRendition(
  event: CloudFrontResponseEvent,
): Promise<CloudFrontResponse | CloudFrontResultResponse> {
  const record = event.Records[0];
  if (!record) throw new Error('origin-response event without a record');
  const { request, response } = record.cf;
  if (response.status !== '403' && response.status !== '404') return response;

  const log = logger.createChild({ persistentKeys: { uri: request.uri } });
  const rendition = onDemandRendition(request.uri);
  if (!rendition) return notFound();
  const origin = originBucket(request);
  if (!origin) {
    log.error('the request has no S3 origin to render from', { origin: request.origin });
    return problem(502, 'Bad Gateway', 'The rendition cannot be made here.');
  }

  const started = Date.now();
  const outcome = await renderOnDemand({
    s3: s3ClientFor(origin.region),
    bucket: origin.bucket,
    rendition,
    maxBytes: MAX_RENDITION_BYTES,
  });
  switch (outcome.outcome) {
    case 'missing':
      log.info('no upload to render from', { ms: Date.now() - started });
      return notFound();
    case 'refused':
      log.warn('rendition refused', {
        reason: outcome.reason,
        detail: outcome.detail,
        ms: Date.now() - started,
      });
      return problem(422, 'Unprocessable Content', 'This photo cannot be rendered at this size.');
    case 'rendered': {
      const { width, height, quality, data, contentType } = outcome.rendition;
      log.info('rendition rendered', {
        key: rendition.key,
        width,
        height,
        quality,
        bytes: data.length,
        ms: Date.now() - started,
      });
      return {
        status: '200',
        statusDescription: 'OK',
        headers: {
          'content-type': header('Content-Type', contentType),
          'cache-control': header('Cache-Control', RENDITION_CACHE_CONTROL),
        },
        body: data.toString('base64'),
        bodyEncoding: 'base64',
      };
    }
  }
}

export const handler = cloudFrontHandler('renderRendition', renderRendition);

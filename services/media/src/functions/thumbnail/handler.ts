import type { S3Event } from 'aws-lambda';
import { s3Handler } from '@gallery/lambda/events';
import { logger } from '@gallery/lambda/logger';
import { BusinessMetric, countEvent, countEventBy } from '@gallery/lambda/metrics';
import { withCorrelation } from '@gallery/lambda/observe';
import { s3Client } from '@gallery/lambda/s3';
import { processUpload, type UploadOutcome } from '../../thumbnails/process-upload';

/** Some upload could not be processed for a reason other than its content: Lambda should retry. */
export class ThumbnailProcessingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ThumbnailProcessingError';
  }
}

/** Where uploads land; the notification filter only delivers keys under it. */
export const UPLOAD_PREFIX = 'uploads/';

export interface UploadedObject {
  bucket: string;
  /** Decoded object key (S3 events URL-encode keys, with `+` for spaces). */
  key: string;
  size: number;
  eTag: string | undefined;
  eventName: string;
  eventTime: string;
}

export interface ParsedS3Event {
  uploads: UploadedObject[];
  /** Records outside uploads/ or not ObjectCreated: never processed, only counted. */
  ignored: number;
}

export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** Pure: picks the new uploads out of an S3 notification. */
export function parseS3Event(event: S3Event): ParsedS3Event {
  const uploads: UploadedObject[] = [];
  let ignored = 0;
  for (const record of event.Records ?? []) {
    let key: string;
    try {
      key = decodeS3Key(record.s3.object.key);
    } catch {
      // A malformed %-escape cannot name one of our uploads; retrying would not change it.
      ignored += 1;
      continue;
    }
    // Defence in depth: the bucket notification already filters on the prefix, but the function
    // must never act on its own output even if the filter is changed or an event is replayed.
    if (!record.eventName.startsWith('ObjectCreated:') || !key.startsWith(UPLOAD_PREFIX)) {
      ignored += 1;
      continue;
    }
    uploads.push({
      bucket: record.s3.bucket.name,
      key,
      size: record.s3.object.size,
      eTag: record.s3.object.eTag,
      eventName: record.eventName,
      eventTime: record.eventTime,
    });
  }
  return { uploads, ignored };
}

export interface ThumbnailResult {
  outcomes: Array<UploadOutcome & { key: string }>;
  ignored: number;
}

/**
 * Processes every upload of an S3 notification. Bad files end as `failed` photos and a normal
 * return; only infrastructure errors (S3, DynamoDB unreachable after the clients' retries) are
 * thrown, after the other records were processed, so that Lambda retries the event and, once
 * its retries are spent, sends it to the on-failure destination. Retrying is safe: processing is
 * idempotent. Each upload's lines carry its key as correlation id until its photo is read, then the
 * id of the API request that asked for the upload (see processUpload).
 */
export async function thumbnail(event: S3Event): Promise<ThumbnailResult> {
  const { uploads, ignored } = parseS3Event(event);
  if (ignored > 0) logger.warn('s3 records ignored', { ignored });
  const outcomes: ThumbnailResult['outcomes'] = [];
  const errors: unknown[] = [];
  for (const upload of uploads) {
    await withCorrelation(upload.key, async () => {
      const started = Date.now();
      try {
        const outcome = await processUpload({ s3: s3Client(), bucket: upload.bucket, key: upload.key });
        outcomes.push({ key: upload.key, ...outcome });
        logger.info(`upload ${outcome.outcome}`, { key: upload.key, ms: Date.now() - started, ...outcome });
        if (outcome.outcome === 'ready') countEvent(BusinessMetric.ThumbnailsReady);
        if (outcome.outcome === 'failed') {
          countEventBy(BusinessMetric.ThumbnailsFailed, 'reason', outcome.reason);
        }
      } catch (err) {
        errors.push(err);
        logger.error({
          message: 'upload processing error',
          key: upload.key,
          ms: Date.now() - started,
          error: err,
        });
      }
    });
  }
  if (errors.length > 0) {
    throw new ThumbnailProcessingError(`${errors.length} of ${uploads.length} uploads failed`, {
      cause: errors[0],
    });
  }
  return { outcomes, ignored };
}

export const handler = s3Handler('thumbnail', thumbnail);

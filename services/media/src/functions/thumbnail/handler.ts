import { createLogger } from '@gallery/lambda/logger';
import type { Context, S3Event } from 'aws-lambda';

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
    const key = decodeS3Key(record.s3.object.key);
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
  received: number;
  ignored: number;
}

/**
 * Skeleton of the thumbnail pipeline: reports what it was asked to process. Thumbnail rendering and
 * the photo status update come with the media issue.
 */
export async function thumbnail(event: S3Event, context: Context): Promise<ThumbnailResult> {
  const log = createLogger({ requestId: context.awsRequestId, function: context.functionName });
  const { uploads, ignored } = parseS3Event(event);
  log.info('s3 event received', { uploads, ignored });
  return { received: uploads.length, ignored };
}

export const handler = thumbnail;

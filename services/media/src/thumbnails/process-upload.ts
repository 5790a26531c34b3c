// The thumbnail pipeline for one uploaded object: find its photo, read and check the bytes, render
// the renditions, store them, and move the photo out of `pending` with a conditional update.
//
// Idempotent by construction: rendition keys are derived from the photo id (a redelivery overwrites
// the same objects with the same bytes), the status change is conditional on `pending`, and a photo
// that already left `pending` is not processed again.
import type { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getPhoto, markPhotoFailed, markPhotoReady, type Photo } from '@gallery/core/access/photos';
import { NotFoundError } from '@gallery/core/errors';
import { correlateWith } from '@gallery/lambda/observe';
import { ImageRejectedError, type RejectionReason } from '@gallery/images/errors';
import { readUpload } from '@gallery/images/read-upload';
import {
  DEFAULT_LIMITS,
  RENDITION_CACHE_CONTROL,
  renderImage,
  type ImageLimits,
  type RenditionName,
} from '@gallery/images/render';

export const THUMBNAIL_PREFIX = 'thumbnails/';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** `uploads/<ownerId>/<photoId>` → its ids; undefined for any other key. */
export function parseUploadKey(key: string): { ownerId: string; photoId: string } | undefined {
  const parts = key.split('/');
  if (parts.length !== 3 || parts[0] !== 'uploads') return undefined;
  const [, ownerId, photoId] = parts as [string, string, string];
  if (ownerId === '' || !ULID.test(photoId)) return undefined;
  return { ownerId, photoId };
}

/** Where a rendition of a photo lives: never under uploads/, so writing it cannot trigger the function. */
export function renditionKey(ownerId: string, photoId: string, name: RenditionName): string {
  return `${THUMBNAIL_PREFIX}${ownerId}/${photoId}/${name}.webp`;
}

export interface StoredRendition {
  name: RenditionName;
  key: string;
  width: number;
  height: number;
  contentType: string;
  bytes: number;
}

export type UploadOutcome =
  | {
      outcome: 'ready';
      photoId: string;
      width: number;
      height: number;
      /** Bytes of the upload as read. */
      bytes: number;
      renditions: StoredRendition[];
    }
  | { outcome: 'failed'; photoId: string; reason: RejectionReason; detail: string }
  /** Nothing to do: a redelivery, or an event for an object that is not (or no longer) a photo. */
  | {
      outcome: 'skipped';
      photoId?: string;
      why: 'unrecognised_key' | 'photo_not_found' | 'key_mismatch' | 'not_pending' | 'object_missing';
      status?: Photo['status'];
    };

export interface ProcessUploadOptions {
  s3: S3Client;
  bucket: string;
  key: string;
  limits?: ImageLimits;
}

async function readObject(s3: S3Client, bucket: string, key: string, limits: ImageLimits) {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!response.Body) throw new Error(`GetObject ${key} returned no body`);
  return readUpload(response.Body as Readable, {
    maxBytes: limits.maxBytes,
    declaredLength: response.ContentLength,
  });
}

async function markFailed(photoId: string, rejection: ImageRejectedError): Promise<UploadOutcome> {
  const result = await markPhotoFailed({ photoId, reason: rejection.reason });
  if (result.outcome === 'unchanged') {
    return { outcome: 'skipped', photoId, why: 'not_pending', status: result.photo.status };
  }
  return { outcome: 'failed', photoId, reason: rejection.reason, detail: rejection.message };
}

export async function processUpload(options: ProcessUploadOptions): Promise<UploadOutcome> {
  const { s3, bucket, key } = options;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const ids = parseUploadKey(key);
  if (!ids) return { outcome: 'skipped', why: 'unrecognised_key' };
  const { ownerId, photoId } = ids;

  let photo: Photo;
  try {
    // Consistent: the event can arrive before an eventually consistent read sees the new row.
    photo = await getPhoto(photoId, { consistent: true });
  } catch (err) {
    if (err instanceof NotFoundError) return { outcome: 'skipped', photoId, why: 'photo_not_found' };
    throw err;
  }
  // From here on, this upload's lines and trace carry the id of the API request that asked for it.
  if (photo.requestId) correlateWith(photo.requestId);
  if (photo.objectKey !== key || photo.ownerId !== ownerId) {
    return { outcome: 'skipped', photoId, why: 'key_mismatch' };
  }
  // A redelivered event (or one for an upload the reaper already failed): its work is done.
  if (photo.status !== 'pending')
    return { outcome: 'skipped', photoId, why: 'not_pending', status: photo.status };

  let upload: Awaited<ReturnType<typeof readObject>>;
  let rendered: Awaited<ReturnType<typeof renderImage>>;
  try {
    upload = await readObject(s3, bucket, key, limits);
    rendered = await renderImage(upload.data, upload.format, limits);
  } catch (err) {
    if (err instanceof ImageRejectedError) return markFailed(photoId, err);
    if (err instanceof NoSuchKey) return { outcome: 'skipped', photoId, why: 'object_missing' };
    throw err;
  }

  const renditions: StoredRendition[] = await Promise.all(
    rendered.renditions.map(async (rendition) => {
      const renditionObjectKey = renditionKey(ownerId, photoId, rendition.name);
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: renditionObjectKey,
          Body: rendition.data,
          ContentType: rendition.contentType,
          // The key changes with the photo id, so a rendition never changes once written.
          CacheControl: RENDITION_CACHE_CONTROL,
        }),
      );
      return {
        name: rendition.name,
        key: renditionObjectKey,
        width: rendition.width,
        height: rendition.height,
        contentType: rendition.contentType,
        bytes: rendition.data.length,
      };
    }),
  );

  const result = await markPhotoReady({
    photoId,
    albumId: photo.albumId,
    width: rendered.width,
    height: rendered.height,
    renditions,
  }).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  // Deleted while it was being processed: its renditions are orphans for the cleanup job.
  if (!result) return { outcome: 'skipped', photoId, why: 'photo_not_found' };
  if (result.outcome === 'unchanged') {
    return { outcome: 'skipped', photoId, why: 'not_pending', status: result.photo.status };
  }
  return {
    outcome: 'ready',
    photoId,
    width: rendered.width,
    height: rendered.height,
    bytes: upload.data.length,
    renditions,
  };
}

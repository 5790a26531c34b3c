// S3 calls of the jobs, one request each: a page of a listing and a batch delete.
import { DeleteObjectsCommand, ListObjectsV2Command, type _Object, type S3Client } from '@aws-sdk/client-s3';

/** The most keys one DeleteObjects takes. */
export const DELETE_OBJECTS_LIMIT = 1000;

export interface ObjectPage {
  objects: Array<{ key: string; lastModified: Date | undefined }>;
  /** More objects follow the last one of this page. */
  truncated: boolean;
}

/** One ListObjectsV2 page under `prefix`, after `startAfter` (a key: resumable without a token). */
export async function listObjectPage(
  s3: S3Client,
  bucket: string,
  prefix: string,
  options: { startAfter?: string | undefined; maxKeys?: number } = {},
): Promise<ObjectPage> {
  const output = await s3.send(
    new ListObjectsV2Command({
      Bucket: bucket,
      Prefix: prefix,
      MaxKeys: options.maxKeys ?? DELETE_OBJECTS_LIMIT,
      ...(options.startAfter ? { StartAfter: options.startAfter } : {}),
    }),
  );
  const objects = (output.Contents ?? [])
    .filter((o): o is _Object & { Key: string } => typeof o.Key === 'string')
    .map((o) => ({ key: o.Key, lastModified: o.LastModified }));
  return { objects, truncated: output.IsTruncated === true };
}

export interface DeleteResult {
  deleted: string[];
  failed: Array<{ key: string; code: string }>;
}

/**
 * Deletes up to 1000 keys with one DeleteObjects. Deleting a key that does not exist succeeds
 * (so a re-run is harmless); per-key errors are returned, not thrown.
 */
export async function deleteObjectBatch(
  s3: S3Client,
  bucket: string,
  keys: readonly string[],
): Promise<DeleteResult> {
  if (keys.length === 0) return { deleted: [], failed: [] };
  if (keys.length > DELETE_OBJECTS_LIMIT) {
    throw new RangeError(`DeleteObjects takes at most ${DELETE_OBJECTS_LIMIT} keys, got ${keys.length}`);
  }
  const output = await s3.send(
    new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
    }),
  );
  const failed = (output.Errors ?? []).map((e) => ({ key: e.Key ?? '', code: e.Code ?? 'Unknown' }));
  const failedKeys = new Set(failed.map((f) => f.key));
  return { deleted: keys.filter((k) => !failedKeys.has(k)), failed };
}

/** Deletes any number of keys, 1000 per DeleteObjects, one batch after the other. */
export async function deleteObjects(
  s3: S3Client,
  bucket: string,
  keys: readonly string[],
): Promise<DeleteResult> {
  const result: DeleteResult = { deleted: [], failed: [] };
  for (let i = 0; i < keys.length; i += DELETE_OBJECTS_LIMIT) {
    const batch = await deleteObjectBatch(s3, bucket, keys.slice(i, i + DELETE_OBJECTS_LIMIT));
    result.deleted.push(...batch.deleted);
    result.failed.push(...batch.failed);
  }
  return result;
}

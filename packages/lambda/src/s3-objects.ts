// S3 calls of the jobs and workflows that delete media objects: a page of a listing (one request) and deletes (DeleteObjects, 1000 keys a
// request, keys S3 failed for a passing reason sent again under the shared retry policy).
import { DeleteObjectsCommand, ListObjectsV2Command, type _Object, type S3Client } from '@aws-sdk/client-s3';
import {
  RETRY_POLICIES,
  isThrottlingCode,
  isTransientCode,
  retrying,
  type RetryOptions,
} from '@gallery/core/retry';

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

/**
 * Whether S3 may delete the key on another try. S3 reports a failure per key in a successful
 * DeleteObjects response, as a code only: `SlowDown` and timeouts are classified by the SDK's own
 * helpers, and `InternalError` is S3's code for a per-key 500 (which the SDK recognises by status).
 */
export function isRetryableDeleteCode(code: string): boolean {
  return isThrottlingCode(code) || isTransientCode(code) || code === 'InternalError';
}

/**
 * Deletes `keys` (one batch) with `send`, sending again the keys that failed for a passing reason
 * (RETRY_POLICIES.throttled, never past `options.deadline`). Keys still not deleted come back with
 * S3's code: those S3 refused for good at once, the others after the last attempt.
 */
export async function deleteObjectBatchWithRetry(
  keys: readonly string[],
  send: (keys: readonly string[]) => Promise<DeleteResult>,
  options: RetryOptions = {},
): Promise<DeleteResult> {
  const result: DeleteResult = { deleted: [], failed: [] };
  let pending = keys;
  const { value: retryable } = await retrying(
    RETRY_POLICIES.throttled,
    async () => {
      const batch = await send(pending);
      result.deleted.push(...batch.deleted);
      const again = batch.failed.filter((f) => isRetryableDeleteCode(f.code));
      result.failed.push(...batch.failed.filter((f) => !isRetryableDeleteCode(f.code)));
      pending = again.map((f) => f.key);
      return { retry: again.length > 0, value: again };
    },
    options,
  );
  result.failed.push(...retryable);
  return result;
}

/**
 * Deletes any number of keys, 1000 per DeleteObjects, one batch after the other, each with
 * `deleteObjectBatchWithRetry`. A request that fails outright (after the SDK's own retries) throws.
 */
export async function deleteObjects(
  s3: S3Client,
  bucket: string,
  keys: readonly string[],
  options: RetryOptions = {},
): Promise<DeleteResult> {
  const result: DeleteResult = { deleted: [], failed: [] };
  for (let i = 0; i < keys.length; i += DELETE_OBJECTS_LIMIT) {
    const batch = await deleteObjectBatchWithRetry(
      keys.slice(i, i + DELETE_OBJECTS_LIMIT),
      (pending) => deleteObjectBatch(s3, bucket, pending),
      options,
    );
    result.deleted.push(...batch.deleted);
    result.failed.push(...batch.failed);
  }
  return result;
}

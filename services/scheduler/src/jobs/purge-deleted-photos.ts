// Purges what a deleted (or reaped) photo leaves behind: its comments and likes in the table, and
// its media objects in S3 (the upload and its renditions). Comments and likes can be any number of
// items, more than the deletion's transaction holds, and objects are not in the table at all, so
// the deletion queues the photo in the same transaction and this job walks the queue: for each
// photo, pages through its partition (comments and likes only) and deletes them 25 at a time, then
// deletes its objects (DeleteObjects), then removes the queue entry.
//
// Resumable without a checkpoint: a photo stays queued until everything it left is gone, so a run
// that ran out of time (or failed on a batch) leaves it for the next run, which finds only what is
// still there (deleting a key that no longer exists succeeds). Idempotent: a second run over the
// same state finds an empty queue. An object written after the purge (a thumbnail run that was
// still going) is an orphan the sweep job removes.
import type { S3Client } from '@aws-sdk/client-s3';
import {
  BATCH_WRITE_LIMIT,
  completePhotoPurge,
  listPhotoLeftovers,
  listPhotoPurges,
  type PhotoPurge,
} from '@gallery/core/access/photo-purges';
import { chunk, deleteBatchWithRetry } from '@gallery/core/batch';
import { UnavailableError } from '@gallery/core/errors';
import { isRetryableError, type RetryOptions } from '@gallery/core/retry';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import { Tally, commonInput, defineJob, type JobRunOptions, type JobSummary } from '../lib/job';
import { deleteObjects, listObjectPage } from '@gallery/lambda/s3-objects';
import { thumbnailPrefix, uploadKey } from '@gallery/core/media-keys';

export const JOB = 'purgeDeletedPhotos';

type Key = Record<string, unknown>;

export interface PurgeOptions extends JobRunOptions {
  s3: S3Client;
  bucket: string;
  /** Queue entries per Query page. */
  pageSize?: number;
  /** Items of a photo's partition per Query page (evaluated before the comment/like filter). */
  leftoverPageSize?: number;
  /** Waits between resends (tests pass a clock that does not sleep). */
  retry?: Pick<RetryOptions, 'wait' | 'random'>;
}

export interface PurgeSummary extends JobSummary {
  /** Photos whose comments, likes and objects are all gone and whose queue entry was removed. */
  photosPurged: number;
  /** Object keys deleted (S3 reports a key that no longer exists as deleted too). */
  objectKeysDeleted: number;
}

type PhotoOutcome = 'purged' | 'budget' | 'failed';

export async function purgeDeletedPhotos(options: PurgeOptions): Promise<PurgeSummary> {
  const pageSize = options.pageSize ?? 100;
  const leftoverPageSize = options.leftoverPageSize ?? 100;
  const retry = (): RetryOptions => ({
    ...options.retry,
    deadline: Date.now() + options.budget.remainingMs(),
  });
  const tally = new Tally(JOB);
  let photosPurged = 0;
  let objectKeysDeleted = 0;

  /** Deletes one photo's comments and likes page by page; undefined once none are left. */
  async function purgeItems(photoId: string): Promise<PhotoOutcome | undefined> {
    let startKey: Key | undefined;
    do {
      if (options.budget.exhausted()) return 'budget';
      const page = await listPhotoLeftovers(photoId, startKey, leftoverPageSize);
      tally.pages++;
      let left = 0;
      for (const batch of chunk(page.keys, BATCH_WRITE_LIMIT)) {
        const result = await deleteBatchWithRetry(batch, retry());
        tally.changed += result.deleted;
        left += result.left.length;
      }
      // Keep the photo queued: the next run finds what is still there.
      if (left > 0) return 'failed';
      startKey = page.nextKey;
    } while (startKey);
    return undefined;
  }

  /**
   * Deletes the photo's upload and every rendition under its thumbnail prefix. An entry queued
   * without its owner (before objects were purged here) leaves its objects to the orphan sweep.
   */
  async function purgeObjects(entry: PhotoPurge): Promise<PhotoOutcome | undefined> {
    if (!entry.ownerId) return undefined;
    if (options.budget.exhausted()) return 'budget';
    const renditions = await listObjectPage(
      options.s3,
      options.bucket,
      thumbnailPrefix(entry.ownerId, entry.photoId),
      { maxKeys: 100 },
    );
    const keys = [uploadKey(entry.ownerId, entry.photoId), ...renditions.objects.map((o) => o.key)];
    const result = await deleteObjects(options.s3, options.bucket, keys, retry());
    objectKeysDeleted += result.deleted.length;
    // A listing cut at 100 keys, or a key S3 would not delete: the next run sees what is left.
    return result.failed.length > 0 || renditions.truncated ? 'failed' : undefined;
  }

  async function purgePhoto(entry: PhotoPurge): Promise<PhotoOutcome> {
    const outcome = (await purgeItems(entry.photoId)) ?? (await purgeObjects(entry));
    if (outcome) return outcome;
    await completePhotoPurge(entry.photoId);
    return 'purged';
  }

  let startKey: Key | undefined;
  try {
    walk: do {
      if (options.budget.exhausted()) {
        tally.stoppedBy = 'budget';
        break;
      }
      const page = await listPhotoPurges(startKey, pageSize);
      tally.pages++;
      for (const entry of page.items) {
        if (options.budget.exhausted()) {
          tally.stoppedBy = 'budget';
          break walk;
        }
        tally.examined++;
        let outcome: PhotoOutcome;
        try {
          outcome = await purgePhoto(entry);
        } catch (err) {
          // A throttled or unreachable table or bucket (past the SDK's retries) fails this photo,
          // not the run; anything else is a bug and stops the run with an error (the Lambda fails).
          if (!(err instanceof UnavailableError) && !isRetryableError(err)) throw err;
          outcome = 'failed';
        }
        if (outcome === 'purged') photosPurged++;
        else if (outcome === 'failed') tally.failed++;
        else {
          tally.stoppedBy = 'budget';
          options.onProgress?.(tally.progress(entry.photoId));
          break walk;
        }
      }
      options.onProgress?.(tally.progress(page.items.at(-1)?.photoId));
      startKey = page.nextKey;
    } while (startKey);
  } catch (err) {
    tally.fail(err);
  }
  return { ...tally.summary(), photosPurged, objectKeysDeleted };
}

export const purgeInput = commonInput;

export const purgeDeletedPhotosJob = defineJob({
  input: purgeInput,
  run: (_input, options) => purgeDeletedPhotos({ ...options, s3: s3Client(), bucket: bucketName() }),
});

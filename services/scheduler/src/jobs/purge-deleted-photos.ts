// Purges what a deleted photo leaves in the table: its comments and likes. They can be any number
// of items, more than the deletion's transaction holds, so the deletion (or the reaper) queues the
// photo in the same transaction and this job walks the queue: for each photo, pages through its
// partition (comments and likes only), deletes them 25 at a time, then removes the queue entry.
//
// Resumable without a checkpoint: a photo stays queued until everything it left is gone, so a run
// that ran out of time (or failed on a batch) leaves it for the next run, which finds only what is
// still there. Idempotent: a second run over the same state finds an empty queue.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BATCH_WRITE_LIMIT,
  completePhotoPurge,
  deleteItems,
  listPhotoLeftovers,
  listPhotoPurges,
} from '@gallery/core/access/maintenance';
import { UnavailableError } from '@gallery/core/errors';
import { Tally, type JobRunOptions, type JobSummary } from '../lib/job';

export const JOB = 'purgeDeletedPhotos';

type Key = Record<string, unknown>;

/** Waits before resending the items a BatchWriteItem left unprocessed (throttling). */
export const DEFAULT_RETRY_DELAYS_MS = [50, 200, 800] as const;

export interface PurgeOptions extends JobRunOptions {
  /** Queue entries per Query page. */
  pageSize?: number;
  /** Items of a photo's partition per Query page (evaluated before the comment/like filter). */
  leftoverPageSize?: number;
  /** One wait per resend of unprocessed deletes; their number is the number of resends. */
  retryDelaysMs?: readonly number[];
}

export interface PurgeSummary extends JobSummary {
  /** Photos whose comments and likes are all gone and whose queue entry was removed. */
  photosPurged: number;
}

export interface BatchDeleteResult {
  deleted: number;
  /** Keys still not deleted after every resend. */
  left: Key[];
}

/**
 * Deletes `keys` (at most 25) with one BatchWriteItem, resending what DynamoDB leaves unprocessed
 * after each of `delaysMs` (doubled by jitter at most, so a throttled table is not hammered).
 */
export async function deleteBatchWithRetry(
  keys: Key[],
  delaysMs: readonly number[],
  send: (keys: Key[]) => Promise<Key[]> = deleteItems,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<BatchDeleteResult> {
  let pending = await send(keys);
  for (const delay of delaysMs) {
    if (pending.length === 0) break;
    await wait(delay + Math.random() * delay);
    pending = await send(pending);
  }
  return { deleted: keys.length - pending.length, left: pending };
}

/** Pure: `items` in runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be ≥ 1, got ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

type PhotoOutcome = 'purged' | 'budget' | 'failed';

export async function purgeDeletedPhotos(options: PurgeOptions): Promise<PurgeSummary> {
  const pageSize = options.pageSize ?? 100;
  const leftoverPageSize = options.leftoverPageSize ?? 100;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const tally = new Tally(JOB);
  let photosPurged = 0;

  /** Deletes one photo's leftovers page by page; removes its queue entry once none are left. */
  async function purgePhoto(photoId: string): Promise<PhotoOutcome> {
    let startKey: Key | undefined;
    do {
      if (options.budget.exhausted()) return 'budget';
      const page = await listPhotoLeftovers(photoId, startKey, leftoverPageSize);
      tally.pages++;
      let left = 0;
      for (const batch of chunk(page.keys, BATCH_WRITE_LIMIT)) {
        const result = await deleteBatchWithRetry(batch, delays);
        tally.changed += result.deleted;
        left += result.left.length;
      }
      // Keep the photo queued: the next run finds what is still there.
      if (left > 0) return 'failed';
      startKey = page.nextKey;
    } while (startKey);
    await completePhotoPurge(photoId);
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
          outcome = await purgePhoto(entry.photoId);
        } catch (err) {
          // A throttled or unreachable table (past the SDK's retries) fails this photo, not the
          // run; anything else is a bug and stops the run with an error (the Lambda fails).
          if (!(err instanceof UnavailableError)) throw err;
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
  return { ...tally.summary(), photosPurged };
}

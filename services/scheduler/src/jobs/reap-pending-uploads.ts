// Reaps uploads that never arrived: photos still `pending` past a deadline. Walks the sparse
// pending index (gsi3, which only pending photos carry), oldest first and only below the
// deadline, so a run reads the stale photos and nothing else: its cost follows the number of
// abandoned uploads, not the number of photos. Each stale photo is deleted together with its
// album's photoCount−1 and a photo-purge queue entry in one transaction (conditional on still being
// pending); whatever it left in S3 (an upload that arrived late, renditions of a half-finished
// thumbnail run) goes with the purge job, like a deleted photo's.
//
// Resumable without a checkpoint: a reaped photo leaves the index, so the next run starts again
// from the oldest one left. Idempotent: a second run over the same state finds nothing.
import { reapPendingPhoto, type ReapOutcome } from '@gallery/core/access/reap';
import { listPendingPhotos, type Photo } from '@gallery/core/access/photos';
import { PAGE_LIMIT } from '@gallery/core/pagination';
import * as z from '@gallery/core/zod';
import { Tally, commonInput, defineJob, type JobRunOptions, type JobSummary } from '../lib/job';
import { mapLimit } from '../lib/pool';

export const JOB = 'reapPendingUploads';

/** Uploads pending for longer than this are considered abandoned. */
export const DEFAULT_MAX_PENDING_AGE_MINUTES = 60;

export interface ReapOptions extends JobRunOptions {
  maxPendingAgeMinutes?: number;
  /** Pending photos per Query page (1..100). */
  pageSize?: number;
  /** Transactions in flight at once. */
  concurrency?: number;
}

export interface ReapSummary extends JobSummary {
  /** Photos created before this instant and still pending are reaped. */
  cutoff: string;
  /** Left alone: finished (or deleted) between the listing and the transaction. */
  skipped: number;
}

/** Pure: the instant before which a still-pending upload counts as abandoned. */
export function pendingCutoff(now: Date, maxPendingAgeMinutes: number): Date {
  if (!Number.isFinite(maxPendingAgeMinutes) || maxPendingAgeMinutes <= 0) {
    throw new RangeError(`maxPendingAgeMinutes must be a positive number, got ${maxPendingAgeMinutes}`);
  }
  return new Date(now.getTime() - maxPendingAgeMinutes * 60_000);
}

type Reaped = { photo: Photo; outcome: ReapOutcome } | { photo: Photo; error: unknown };

export async function reapPendingUploads(options: ReapOptions): Promise<ReapSummary> {
  const now = (options.now ?? (() => new Date()))();
  const cutoff = pendingCutoff(now, options.maxPendingAgeMinutes ?? DEFAULT_MAX_PENDING_AGE_MINUTES);
  const pageSize = options.pageSize ?? PAGE_LIMIT.max;
  const concurrency = options.concurrency ?? 8;
  const tally = new Tally(JOB);
  let skipped = 0;
  let cursor: string | null = null;

  try {
    do {
      if (options.budget.exhausted()) {
        tally.stoppedBy = 'budget';
        break;
      }
      const page = await listPendingPhotos(cutoff, { limit: pageSize, cursor });
      tally.pages++;
      tally.examined += page.items.length;
      const results = await mapLimit(page.items, concurrency, async (photo): Promise<Reaped> => {
        try {
          return { photo, outcome: await reapPendingPhoto(photo) };
        } catch (error) {
          return { photo, error };
        }
      });
      for (const result of results) {
        if ('error' in result || result.outcome === 'album_missing') tally.failed++;
        else if (result.outcome === 'reaped') tally.changed++;
        else skipped++;
      }
      options.onProgress?.(tally.progress(page.items.at(-1)?.photoId));
      cursor = page.cursor;
    } while (cursor);
  } catch (err) {
    tally.fail(err);
  }
  return { ...tally.summary(), cutoff: cutoff.toISOString(), skipped };
}

export const reapInput = z.extend(commonInput, {
  maxPendingAgeMinutes: z.optional(z.number().check(z.positive())),
});

export const reapPendingUploadsJob = defineJob({
  input: reapInput,
  run: (input, options) =>
    reapPendingUploads({
      ...options,
      ...(input.maxPendingAgeMinutes === undefined
        ? {}
        : { maxPendingAgeMinutes: input.maxPendingAgeMinutes }),
    }),
});

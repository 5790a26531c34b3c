// Reaping abandoned uploads (the scheduler's reapPendingUploads job): a photo still pending past a
// deadline is deleted with its album's photoCount, and queued for the photo purge (its comments,
// likes and media objects), in one transaction. `build*` returns the request so its shape is
// testable without a network.
import { createWriteTransaction } from 'electrodb';
import * as z from '../zod';

import { entitiesFor } from '../entities/service';
import { failedCondition, runTransaction } from '../transactions';
import { parseInput, ulidSchema, userIdSchema } from '../validation';
import { photoPurgeEntry } from './photo-purges';

export const reapPendingPhotoInput = z.object({
  photoId: ulidSchema,
  albumId: ulidSchema,
  ownerId: userIdSchema,
});
export type ReapPendingPhotoInput = z.input<typeof reapPendingPhotoInput>;

/**
 * - `reaped`: this call deleted the photo row and decremented its album's photoCount.
 * - `gone`: no such row (reaped or deleted by someone else already): nothing to do.
 * - `not_pending`: the upload completed (or failed) after it was listed: the photo is kept.
 * - `album_missing`: the photo's album does not exist, an invariant the API guarantees; nothing
 *   was written, the photo is left for a human (and reported as a failure).
 */
export type ReapOutcome = 'reaped' | 'gone' | 'not_pending' | 'album_missing';

export function buildReapPendingPhoto(input: z.output<typeof reapPendingPhotoInput>, at = new Date()) {
  return createWriteTransaction(entitiesFor('photos', 'albums'), ({ photos, albums }) => [
    photos
      .delete({ photoId: input.photoId })
      // Only while still pending: the thumbnail function may have finished since the listing.
      .where(
        (attr, { eq }) =>
          `${eq(attr.status, 'pending')} AND ${eq(attr.albumId, input.albumId)} AND ${eq(attr.ownerId, input.ownerId)}`,
      )
      .commit({ response: 'all_old' }),
    albums.patch({ albumId: input.albumId }).subtract({ photoCount: 1 }).commit(),
    // A pending photo can already have comments, likes and an upload (or renditions) in S3: queue
    // them for the purge job, as a photo deletion does.
    photoPurgeEntry({ photoId: input.photoId, ownerId: input.ownerId }, at),
  ]);
}

/**
 * reap abandoned upload: Photo delete (still pending, same album and owner) + album photoCount−1
 * + photo-purge queue entry, one TransactWriteItems. Idempotent: a second call finds the row gone
 * and writes nothing. The purge job deletes the photo's comments, likes and S3 objects later (only
 * after `reaped`, so an upload that completed meanwhile keeps its original).
 */
export async function reapPendingPhoto(raw: ReapPendingPhotoInput): Promise<ReapOutcome> {
  const input = parseInput(reapPendingPhotoInput, raw);
  const outcome = await runTransaction(buildReapPendingPhoto(input, new Date()));
  if (outcome.ok) return 'reaped';
  if (failedCondition(outcome.reasons, 0)) {
    return outcome.reasons[0]?.item ? 'not_pending' : 'gone';
  }
  return 'album_missing';
}

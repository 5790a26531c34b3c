// Step 3: the user's photos, each with everything in its partition (the photo row, and the comments
// and likes anyone left on it). A list step pages through the user's photo ids (one Query of 1000)
// and hands them to the state machine's Map in batches of 100; each batch is deleted by its own
// invocation, at most 4 at a time. The next list call records what the batches erased.
import { chunk, deleteKeys } from '@gallery/core/batch';
import { listOwnPhotoIds, listPhotoItemKeys, type Key } from '@gallery/core/access/user-data';
import { entities } from '@gallery/core/entities/service';
import { ulidSchema } from '@gallery/core/validation';
import * as z from '@gallery/core/zod';
import type { TaskContext } from '../lib/task';
import { countersFrom, recordStep } from './progress';
import { counter, erasureIdSchema, erasureRef, startKeySchema } from './schemas';

/** Photo ids per list call (one Query page, ids only). */
export const PHOTO_PAGE = 1000;
/** Photos per Map item: one invocation deletes them and their partitions. */
export const PHOTO_BATCH = 100;
/** Photo partitions read at once within a batch. */
const PARTITION_READS = 8;

const erasedBatch = z.object({ photos: z.number(), items: z.number() });

export const listPhotoBatchesInput = z.extend(erasureRef, {
  loop: z.object({
    done: z.boolean(),
    startKey: startKeySchema,
    /** The listing has no page left: once these batches are erased, the step is done. */
    exhausted: z.optional(z.boolean()),
    photos: counter,
    reactionsOnPhotos: counter,
    batches: z.optional(z.array(z.array(z.string()))),
    /** What the Map's batches erased (the Map state writes it). */
    erased: z.optional(z.array(erasedBatch)),
  }),
});

export interface PhotosLoop {
  done: boolean;
  startKey: Key | null;
  exhausted: boolean;
  photos: number;
  reactionsOnPhotos: number;
  batches: string[][];
}

export async function listPhotoBatchesStep(
  input: z.output<typeof listPhotoBatchesInput>,
  task: TaskContext,
): Promise<PhotosLoop> {
  const { loop } = input;
  const counters = await countersFrom(input.erasureId, 'photos', ['photos', 'reactionsOnPhotos'], loop);
  for (const batch of loop.erased ?? []) {
    counters.photos += batch.photos;
    counters.reactionsOnPhotos += batch.items - batch.photos;
  }
  if (loop.exhausted) {
    await recordStep(input.erasureId, 'photos', counters);
    return { done: true, startKey: null, exhausted: true, batches: [], ...counters };
  }
  const page = await listOwnPhotoIds(input.userId, loop.startKey ?? undefined, PHOTO_PAGE);
  const batches = chunk(page.items, PHOTO_BATCH);
  await recordStep(input.erasureId, 'photos', counters);
  task.log.info('photo page', { photos: page.items.length, batches: batches.length });
  return {
    done: batches.length === 0,
    startKey: page.nextKey ?? null,
    exhausted: page.nextKey === undefined,
    batches,
    ...counters,
  };
}

export const erasePhotoBatchInput = z.object({
  erasureId: erasureIdSchema,
  photoIds: z.array(ulidSchema).check(z.minLength(1), z.maxLength(PHOTO_BATCH)),
});

function photoItemKey(photoId: string): string {
  const { Key } = entities().photos.get({ photoId }).params() as { Key: Key };
  return `${String(Key.pk)}|${String(Key.sk)}`;
}

/** Every key of one photo's partition (the photo, its comments and likes), all pages. */
async function partitionKeys(photoId: string): Promise<Key[]> {
  const keys: Key[] = [];
  let startKey: Key | undefined;
  do {
    const page = await listPhotoItemKeys(photoId, startKey);
    keys.push(...page.items);
    startKey = page.nextKey;
  } while (startKey);
  return keys;
}

/**
 * One Map item: the partitions of up to 100 photos read (8 at a time, one Query each), then deleted
 * 25 keys per BatchWriteItem across photos: the photo items first, then what is on them. The table's
 * stream then sees each photo go before its likes and comments, so the activity service drops their
 * removals (nothing to count on a photo that is gone) instead of writing the owner's activity again.
 * A batch run again finds only what is left.
 */
export async function erasePhotoBatchStep(
  input: z.output<typeof erasePhotoBatchInput>,
  task: TaskContext,
): Promise<{ photos: number; items: number }> {
  const keys: Key[] = [];
  for (const ids of chunk(input.photoIds, PARTITION_READS)) {
    for (const found of await Promise.all(ids.map(partitionKeys))) keys.push(...found);
  }
  const photoKeys = new Set(input.photoIds.map((photoId) => photoItemKey(photoId)));
  const isPhoto = (key: Key) => photoKeys.has(`${String(key.pk)}|${String(key.sk)}`);
  await deleteKeys(keys.filter(isPhoto));
  await deleteKeys(keys.filter((key) => !isPhoto(key)));
  task.log.info('photos erased', { photos: input.photoIds.length, items: keys.length });
  return { photos: input.photoIds.length, items: keys.length };
}

// Step 7: one read per pattern that could still hold something of the user. An index that had not
// caught up yet, or a write that passed the token check just before the block, leaves something
// behind; the state machine then runs every step again (another pass), up to three.
import { listExportKeys } from '@gallery/core/access/exports';
import {
  listActivityKeys,
  listAuthoredComments,
  listGivenLikes,
  listOwnAlbums,
  listOwnPhotoIds,
} from '@gallery/core/access/user-data';
import { getHandleOwner, getUser } from '@gallery/core/access/users';
import { NotFoundError } from '@gallery/core/errors';
import { userPrefixes } from '@gallery/core/media-keys';
import * as z from '@gallery/core/zod';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import { listObjectPage } from '@gallery/lambda/s3-objects';
import type { TaskContext } from '../lib/task';
import { recordStep } from './progress';
import { erasureRef } from './schemas';

export const verifyErasureInput = z.extend(erasureRef, {
  handle: z.nullable(z.string()),
  pass: z.number().check(z.int(), z.minimum(1)),
});

export interface Verdict {
  clean: boolean;
  /** The pass the next round would be. */
  pass: number;
  leftovers: string[];
  reactions: { done: false };
  photos: { done: false };
  albums: { done: false };
  objects: { done: false };
}

async function profileLeft(userId: string): Promise<boolean> {
  try {
    await getUser(userId);
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

export async function verifyErasureStep(
  input: z.output<typeof verifyErasureInput>,
  task: TaskContext,
): Promise<Verdict> {
  await recordStep(input.erasureId, 'verifying');
  const { userId } = input;
  const checks: Record<string, () => Promise<boolean>> = {
    likes: async () => (await listGivenLikes(userId, undefined, 1)).items.length > 0,
    comments: async () => (await listAuthoredComments(userId, undefined, 1)).items.length > 0,
    photos: async () => (await listOwnPhotoIds(userId, undefined, 1)).items.length > 0,
    albums: async () => (await listOwnAlbums(userId, undefined, 1)).items.length > 0,
    exports: async () => (await listExportKeys(userId)).keys.length > 0,
    activity: async () => (await listActivityKeys(userId, undefined, 1)).items.length > 0,
    profile: () => profileLeft(userId),
    handle: async () => input.handle !== null && (await getHandleOwner(input.handle)) === userId,
    ...Object.fromEntries(
      userPrefixes(userId).map((prefix) => [
        prefix.split('/')[0] as string,
        async () =>
          (await listObjectPage(s3Client(), bucketName(), prefix, { maxKeys: 1 })).objects.length > 0,
      ]),
    ),
  };
  const found = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await check()] as const),
  );
  const leftovers = found.filter(([, left]) => left).map(([name]) => name);
  task.log.info('erasure verified', { pass: input.pass, leftovers });
  return {
    clean: leftovers.length === 0,
    pass: input.pass + 1,
    leftovers,
    reactions: { done: false },
    photos: { done: false },
    albums: { done: false },
    objects: { done: false },
  };
}

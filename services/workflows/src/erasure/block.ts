// Step 1: no new sign-in, no token of the account accepted any more, and the totals the status
// shows progress against. Idempotent: the account may already be disabled and blocked (the api
// blocks it before starting the workflow; an execution run again blocks it again).
import { blockAccount } from '@gallery/core/access/account-blocks';
import { resumeErasure } from '@gallery/core/access/erasures';
import { listOwnAlbums, type Key } from '@gallery/core/access/user-data';
import { getUser } from '@gallery/core/access/users';
import { NotFoundError } from '@gallery/core/errors';
import * as z from '@gallery/core/zod';
import { disableLogin } from '../lib/cognito-admin';
import type { TaskContext } from '../lib/task';
import { recordStep } from './progress';
import { erasureIdSchema, userIdSchema, usernameSchema } from './schemas';

export const blockAccountInput = z.object({
  erasureId: erasureIdSchema,
  userId: userIdSchema,
  username: usernameSchema,
});

/** An execution started on an erasure that has already completed: nothing to do, nothing touched. */
export class ErasureCompletedError extends Error {
  constructor() {
    super('This erasure has already completed');
    this.name = 'ErasureCompletedError';
  }
}

export interface BlockedAccount {
  /** The profile's handle, if the profile still exists (the final check reads its reservation). */
  handle: string | null;
  albumsTotal: number;
  photosTotal: number;
}

/** The user's albums and photos, counted from the albums (each keeps its photoCount). */
async function totals(userId: string): Promise<{ albumsTotal: number; photosTotal: number }> {
  let albumsTotal = 0;
  let photosTotal = 0;
  let startKey: Key | undefined;
  do {
    const page = await listOwnAlbums(userId, startKey, 1000);
    albumsTotal += page.items.length;
    photosTotal += page.items.reduce((sum, album) => sum + album.photoCount, 0);
    startKey = page.nextKey;
  } while (startKey);
  return { albumsTotal, photosTotal };
}

async function handleOf(userId: string): Promise<string | null> {
  try {
    return (await getUser(userId)).handle;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

export async function blockAccountStep(
  input: z.output<typeof blockAccountInput>,
  task: TaskContext,
): Promise<BlockedAccount> {
  if (!(await resumeErasure(input.erasureId))) throw new ErasureCompletedError();
  await recordStep(input.erasureId, 'blocking');
  const login = await disableLogin(input.username);
  await blockAccount(input.userId);
  const [counted, handle] = await Promise.all([totals(input.userId), handleOf(input.userId)]);
  await recordStep(input.erasureId, 'waiting-for-uploads', counted);
  task.log.info('account blocked', { login, ...counted });
  return { handle, ...counted };
}

// Step 6: the user's export records and activity entries (what others did on their photos, which
// the activity service writes from the table's stream), then the profile and its handle
// reservation in one transaction: from that write on, the handle is free for anyone to register.
import { listExportKeys } from '@gallery/core/access/exports';
import { listActivityKeys, type Key } from '@gallery/core/access/user-data';
import { deleteProfile, getUser } from '@gallery/core/access/users';
import { deleteKeys } from '@gallery/core/batch';
import { NotFoundError } from '@gallery/core/errors';
import type * as z from '@gallery/core/zod';
import type { TaskContext } from '../lib/task';
import { recordStep } from './progress';
import { erasureRef } from './schemas';

export const eraseProfileInput = erasureRef;

export async function eraseProfileStep(
  input: z.output<typeof eraseProfileInput>,
  task: TaskContext,
): Promise<{ exports: number; activity: number; profile: boolean }> {
  let exports = 0;
  let startKey: Key | undefined;
  do {
    const page = await listExportKeys(input.userId, startKey);
    exports += await deleteKeys(page.keys);
    startKey = page.nextKey;
  } while (startKey);
  let activity = 0;
  startKey = undefined;
  do {
    const page = await listActivityKeys(input.userId, startKey);
    activity += await deleteKeys(page.items);
    startKey = page.nextKey;
  } while (startKey);
  let profile = false;
  try {
    const user = await getUser(input.userId);
    await deleteProfile(user.userId, user.handle);
    profile = true;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  await recordStep(input.erasureId, 'profile', { exports, activity });
  task.log.info('profile erased', { exports, activity, profile });
  return { exports, activity, profile };
}

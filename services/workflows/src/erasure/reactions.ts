// Step 2: the likes and comments the user gave on anyone's photos (their own photos' go with the
// photos), page by page, likes first, each page deleted 25 keys per BatchWriteItem. The photos'
// counters and their owners' activity entries follow from the table's stream (services/activity):
// each deleted Like or Comment item is a REMOVE record the aggregator counts off exactly once.
import { listAuthoredCommentKeys, listGivenLikeKeys, type Key } from '@gallery/core/access/user-data';
import { deleteKeys } from '@gallery/core/batch';
import * as z from '@gallery/core/zod';
import type { TaskContext } from '../lib/task';
import { countersFrom, recordStep } from './progress';
import { counter, erasureRef, startKeySchema } from './schemas';

/** Reactions read (and deleted) per page. */
export const REACTION_PAGE = 500;

export const eraseReactionsInput = z.extend(erasureRef, {
  loop: z.object({
    done: z.boolean(),
    phase: z.optional(z.enum(['likes', 'comments'])),
    startKey: startKeySchema,
    likes: counter,
    comments: counter,
  }),
});

export interface ReactionsLoop {
  done: boolean;
  phase: 'likes' | 'comments';
  startKey: Key | null;
  likes: number;
  comments: number;
}

const PAGES = { likes: listGivenLikeKeys, comments: listAuthoredCommentKeys } as const;

export async function eraseReactionsStep(
  input: z.output<typeof eraseReactionsInput>,
  task: TaskContext,
): Promise<ReactionsLoop> {
  const counters = await countersFrom(input.erasureId, 'reactions', ['likes', 'comments'], input.loop);
  let phase = input.loop.phase ?? 'likes';
  let startKey = input.loop.startKey ?? undefined;
  let done = false;
  while (Date.now() < task.deadline) {
    const page = await PAGES[phase](input.userId, startKey, REACTION_PAGE);
    // Deleting a key that is already gone succeeds: a page read again after an interrupted attempt
    // is counted again (the counter says what this erasure sent, not what existed).
    counters[phase] += await deleteKeys(page.items);
    startKey = page.nextKey;
    if (startKey) continue;
    if (phase === 'comments') {
      done = true;
      break;
    }
    phase = 'comments';
  }
  await recordStep(input.erasureId, 'reactions', counters);
  return { done, phase, startKey: startKey ?? null, ...counters };
}

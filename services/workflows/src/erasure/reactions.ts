// Step 2: the likes and comments the user gave on anyone's photos (their own photos' go with the
// photos), page by page, likes first. Each page goes in batched transactions that move the photos'
// counters by exactly what they delete (@gallery/core/access/reactions).
import type { Reaction } from '@gallery/core/access/reactions';
import { removeReactions } from '@gallery/core/access/reactions';
import { listAuthoredComments, listGivenLikes, type Key } from '@gallery/core/access/user-data';
import * as z from '@gallery/core/zod';
import type { TaskContext } from '../lib/task';
import { countersFrom, recordStep } from './progress';
import { counter, erasureRef, startKeySchema } from './schemas';

/** Reactions read (and removed) per page. */
export const REACTION_PAGE = 100;

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

async function page(
  userId: string,
  phase: 'likes' | 'comments',
  startKey: Key | undefined,
): Promise<{ reactions: Reaction[]; nextKey: Key | undefined }> {
  if (phase === 'likes') {
    const likes = await listGivenLikes(userId, startKey, REACTION_PAGE);
    const reactions = likes.items.map((like) => ({ kind: 'like' as const, photoId: like.photoId, userId }));
    return { reactions, nextKey: likes.nextKey };
  }
  const comments = await listAuthoredComments(userId, startKey, REACTION_PAGE);
  const reactions = comments.items.map((comment) => ({
    kind: 'comment' as const,
    photoId: comment.photoId,
    commentId: comment.commentId,
  }));
  return { reactions, nextKey: comments.nextKey };
}

export async function eraseReactionsStep(
  input: z.output<typeof eraseReactionsInput>,
  task: TaskContext,
): Promise<ReactionsLoop> {
  const counters = await countersFrom(input.erasureId, 'reactions', ['likes', 'comments'], input.loop);
  let phase = input.loop.phase ?? 'likes';
  let startKey = input.loop.startKey ?? undefined;
  let done = false;
  while (Date.now() < task.deadline) {
    const { reactions, nextKey } = await page(input.userId, phase, startKey);
    const removal = await removeReactions(reactions);
    // What this call deleted; a reaction already gone (unliked meanwhile, or deleted by an attempt
    // that failed before it could record its count) is not counted again.
    counters[phase] += removal.removed + removal.orphaned;
    startKey = nextKey;
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

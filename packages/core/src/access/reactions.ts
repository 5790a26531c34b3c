// Removing many of one user's likes and comments at once (account erasure) while the counters of
// the photos they are on stay exact. Today a photo's likeCount and commentCount move in the same
// transaction as the Like or Comment item (likes.ts, comments.ts), so the removal does the same,
// batched: one TransactWriteItems deletes up to 100 actions' worth of reactions (each only if it
// still exists) and moves each of their photos' counters by exactly what it deleted there. A reaction already gone
// (unliked meanwhile, or removed by an earlier attempt) is dropped from the batch, not counted. A
// photo that no longer exists has no counter to keep: its reactions go with a plain batch delete.
//
// When the counters are aggregated from the table's stream instead (one conditional Like/Comment
// write per request, the counts derived from the stream), this module becomes plain deletes of the
// items (BatchWriteItem): the stream then moves the counters, and moving them here too would count
// twice.
import { createWriteTransaction } from 'electrodb';

import { chunk, deleteKeys } from '../batch';
import { entities, entitiesFor } from '../entities/service';
import { keys } from '../table/definition';
import { ConflictError } from '../errors';
import { runTransaction } from '../transactions';

type Key = Record<string, unknown>;

export type Reaction =
  { kind: 'like'; photoId: string; userId: string } | { kind: 'comment'; photoId: string; commentId: string };

/** TransactWriteItems takes 100 actions: reactions plus one counter update per photo. */
export const TRANSACTION_ACTIONS = 100;
/** Cancelled transactions resent with what their cancellation showed, at most this often. */
const ATTEMPTS = 4;

/** Reactions on one photo, removed in one transaction with that photo's counter update. */
export interface PhotoReactions {
  photoId: string;
  reactions: Reaction[];
}

/** Actions a batch sends: every reaction and one counter update per photo. */
const actionsOf = (batch: readonly PhotoReactions[]) =>
  batch.reduce((sum, group) => sum + group.reactions.length + 1, 0);

/**
 * Pure: the reactions grouped by photo (a photo's counter can be written once per transaction),
 * the groups packed into transactions of at most 100 actions; a photo with more than 99 reactions
 * is split over several.
 */
export function planReactionBatches(reactions: readonly Reaction[]): PhotoReactions[][] {
  const byPhoto = new Map<string, Reaction[]>();
  for (const reaction of reactions) {
    const list = byPhoto.get(reaction.photoId) ?? [];
    list.push(reaction);
    byPhoto.set(reaction.photoId, list);
  }
  const groups = [...byPhoto].flatMap(([photoId, list]) =>
    chunk(list, TRANSACTION_ACTIONS - 1).map((part) => ({ photoId, reactions: part })),
  );
  const batches: PhotoReactions[][] = [];
  let current: PhotoReactions[] = [];
  for (const group of groups) {
    if (current.length > 0 && actionsOf(current) + group.reactions.length + 1 > TRANSACTION_ACTIONS) {
      batches.push(current);
      current = [];
    }
    current.push(group);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function counts(reactions: readonly Reaction[]): Record<string, number> {
  const likeCount = reactions.filter((r) => r.kind === 'like').length;
  const moved = { likeCount, commentCount: reactions.length - likeCount };
  return Object.fromEntries(Object.entries(moved).filter(([, n]) => n > 0));
}

/**
 * Each reaction removed only if it exists, and each photo's counters moved by as many as its group
 * holds (the photo must exist), one transaction.
 */
export function buildRemoveReactions(batch: readonly PhotoReactions[]) {
  if (batch.length === 0 || actionsOf(batch) > TRANSACTION_ACTIONS) {
    throw new RangeError(`a batch is 1 to ${TRANSACTION_ACTIONS} actions`);
  }
  return createWriteTransaction(entitiesFor('likes', 'comments', 'photos'), ({ likes, comments, photos }) =>
    batch.flatMap((group) => [
      ...group.reactions.map((reaction) => {
        if (reaction.photoId !== group.photoId)
          throw new RangeError("a reaction is not on its group's photo");
        return reaction.kind === 'like'
          ? likes.remove({ photoId: reaction.photoId, userId: reaction.userId }).commit()
          : comments.remove({ photoId: reaction.photoId, commentId: reaction.commentId }).commit();
      }),
      photos.patch({ photoId: group.photoId }).subtract(counts(group.reactions)).commit(),
    ]),
  );
}

function reactionKey(reaction: Reaction): Key {
  const params =
    reaction.kind === 'like'
      ? entities().likes.delete({ photoId: reaction.photoId, userId: reaction.userId }).params()
      : entities().comments.delete({ photoId: reaction.photoId, commentId: reaction.commentId }).params();
  const key = (params as { Key: Key }).Key;
  return { [keys.table.pk]: key[keys.table.pk], [keys.table.sk]: key[keys.table.sk] };
}

export interface ReactionRemoval {
  /** Reactions this call deleted (and counted off their photos). */
  removed: number;
  /** Reactions that were already gone. */
  missing: number;
  /** Reactions on photos that no longer exist, deleted without a counter to move. */
  orphaned: number;
}

async function removeBatch(batch: PhotoReactions[], result: ReactionRemoval): Promise<void> {
  let pending = batch;
  for (let attempt = 0; attempt < ATTEMPTS && pending.length > 0; attempt += 1) {
    const outcome = await runTransaction(buildRemoveReactions(pending));
    if (outcome.ok) {
      result.removed += pending.reduce((sum, group) => sum + group.reactions.length, 0);
      return;
    }
    // Reasons come in request order: each group's reactions, then its photo's update.
    const next: PhotoReactions[] = [];
    let index = 0;
    for (const group of pending) {
      const reasons = outcome.reasons.slice(index, index + group.reactions.length + 1);
      index += group.reactions.length + 1;
      if (reasons[group.reactions.length]?.code === 'ConditionalCheckFailed') {
        // The photo is gone: nothing left to count, only items to delete.
        await deleteKeys(group.reactions.map(reactionKey));
        result.orphaned += group.reactions.length;
        continue;
      }
      const present = group.reactions.filter((_, i) => reasons[i]?.code !== 'ConditionalCheckFailed');
      result.missing += group.reactions.length - present.length;
      if (present.length > 0) next.push({ photoId: group.photoId, reactions: present });
    }
    pending = next;
  }
  if (pending.length > 0) throw new ConflictError('Reactions kept changing while they were being removed');
}

/**
 * remove reactions: one TransactWriteItems per batch of up to 100 actions (planReactionBatches),
 * sent one after the other; a cancelled one is resent without what its cancellation showed was
 * already gone. Exact for the photos' counters under any concurrency.
 */
export async function removeReactions(reactions: readonly Reaction[]): Promise<ReactionRemoval> {
  const result: ReactionRemoval = { removed: 0, missing: 0, orphaned: 0 };
  for (const batch of planReactionBatches(reactions)) await removeBatch(batch, result);
  return result;
}

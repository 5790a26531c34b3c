// Reactions (likes and comments) applied from the table's stream: a photo's likeCount and
// commentCount, and its owner's activity entries. One call applies one photo's reactions from one
// stream batch as one TransactWriteItems:
//
//   - the photo: ADD the summed +1/−1 deltas (one write, whatever the number of reactions), on
//     condition the photo still exists (a ConditionCheck instead when the deltas sum to zero);
//   - the owner's activity entry of each day the reactions happened on (usually one), by others
//     only: ADD their deltas, SET or vacate named-actor slots;
//   - a receipt per stream record (`streamReceipt`, conditional on not existing).
//
// Exactly once in effect: a record's effects and its receipt commit together or not at all, so a
// record delivered again (a retried batch, a resumed partial batch, a bisected half, a timed-out
// invocation whose writes landed) finds its receipt and is dropped; the rest of the group is applied.
// Nothing depends on the order or the grouping of deliveries, nor on which stream shard a record
// came from (Lambda does not tell a DynamoDB stream consumer its shard), so a photo whose likes
// arrive on several shards at once (a partition split for heat) stays exact too.
import type { DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createWriteTransaction } from 'electrodb';
import { NAMED_ACTORS } from '../entities/activity';
import { entities, entitiesFor } from '../entities/service';
import type { Photo } from '../entities/types';
import { failedCondition, runTransaction } from '../transactions';

export type ReactionKind = 'like' | 'comment';

/** One Like or Comment item appearing (+1) or disappearing (−1), as read from a stream record. */
export interface Reaction {
  /** The stream record's eventID (unique per record): the receipt's key. */
  eventId: string;
  kind: ReactionKind;
  delta: 1 | -1;
  photoId: string;
  photoOwnerId: string;
  /** The liker or the comment's author. */
  actorId: string;
  /** When the like or comment was made (ISO): it decides the activity day, also for its removal. */
  at: string;
}

/**
 * The reaction a stream record stands for: a Like or Comment item inserted (+1) or removed (−1),
 * read from its new or old image with the entity's own parser. Null for anything else (a MODIFY,
 * another entity: the function's filter patterns keep those away).
 */
export function reactionOf(record: DynamoDBRecord): Reaction | null {
  const eventId = record.eventID;
  const insert = record.eventName === 'INSERT';
  if (!eventId || (!insert && record.eventName !== 'REMOVE')) return null;
  const image = insert ? record.dynamodb?.NewImage : record.dynamodb?.OldImage;
  if (!image) return null;
  // The Lambda event's attribute values are the DynamoDB JSON the SDK's own type describes.
  const item = unmarshall(image as Record<string, AttributeValue>);
  const delta = insert ? 1 : -1;
  const like = entities().likes.parse({ Item: item }).data;
  if (like) {
    return {
      eventId,
      kind: 'like',
      delta,
      photoId: like.photoId,
      photoOwnerId: like.photoOwnerId,
      actorId: like.userId,
      at: like.likedAt,
    };
  }
  const comment = entities().comments.parse({ Item: item }).data;
  if (comment) {
    return {
      eventId,
      kind: 'comment',
      delta,
      photoId: comment.photoId,
      photoOwnerId: comment.photoOwnerId,
      actorId: comment.authorId,
      at: comment.createdAt,
    };
  }
  return null;
}

/** The photo a REMOVE record deleted (from its old image), or null for any other record. */
export function deletedPhotoOf(record: DynamoDBRecord): Photo | null {
  const image = record.eventName === 'REMOVE' ? record.dynamodb?.OldImage : undefined;
  if (!image) return null;
  return entities().photos.parse({ Item: unmarshall(image as Record<string, AttributeValue>) }).data ?? null;
}

export interface ReactionGroup {
  photoId: string;
  /** This photo's reactions in stream order. */
  reactions: readonly Reaction[];
  /** Handles of the actors, where known (named in activity entries). */
  handles: ReadonlyMap<string, string>;
  /** Whose receipts: each consumer of the stream keeps its own. */
  consumer: string;
  now: Date;
}

/** Activity entries expire this long after their day (the table's TTL; reads filter too). */
export const ACTIVITY_RETENTION_DAYS = 90;
/** DynamoDB Streams keeps records 24 h: a receipt outlives every redelivery of its record. */
const RECEIPT_TTL_SECONDS = 25 * 3600;
/** TransactWriteItems takes at most 100 items. */
const MAX_TRANSACTION_ITEMS = 100;

const DAY_MS = 86_400_000;

export function activityDay(at: string): string {
  return at.slice(0, 10);
}

/** Epoch seconds at which an activity entry of `day` expires. */
export function activityExpiry(day: string): number {
  return Math.floor((Date.parse(`${day}T00:00:00.000Z`) + DAY_MS * (ACTIVITY_RETENTION_DAYS + 1)) / 1000);
}

/** Which named-actor slot a user takes: fixed per user, so their own removal vacates it. */
export function actorSlot(userId: string): number {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return hash % NAMED_ACTORS;
}

type Slot = 'liker0' | 'liker1' | 'liker2' | 'commenter0' | 'commenter1' | 'commenter2';
type Actor = { userId?: string; handle?: string };

export interface ActivityChange {
  day: string;
  likeDelta: number;
  commentDelta: number;
  /** Last write per slot in stream order: an actor, or `{}` (vacated). */
  slots: Partial<Record<Slot, Actor>>;
  lastActivityAt: string | undefined;
}

export interface GroupPlan {
  likeDelta: number;
  commentDelta: number;
  photoOwnerId: string;
  activity: ActivityChange[];
  eventIds: string[];
}

/**
 * What one photo's reactions change, summed. Reactions by the photo's owner count but make no
 * activity; a removal vacates the actor's slot (so nobody is named for a like they took back) and
 * counts against the day the like or comment was made.
 */
export function planReactionGroup(group: Pick<ReactionGroup, 'reactions' | 'handles'>): GroupPlan {
  const first = group.reactions[0];
  if (!first) throw new RangeError('a reaction group has at least one reaction');
  const days = new Map<string, ActivityChange>();
  let likeDelta = 0;
  let commentDelta = 0;
  for (const reaction of group.reactions) {
    if (reaction.kind === 'like') likeDelta += reaction.delta;
    else commentDelta += reaction.delta;
    if (reaction.actorId === reaction.photoOwnerId) continue;
    const day = activityDay(reaction.at);
    let change = days.get(day);
    if (!change) {
      change = { day, likeDelta: 0, commentDelta: 0, slots: {}, lastActivityAt: undefined };
      days.set(day, change);
    }
    if (reaction.kind === 'like') change.likeDelta += reaction.delta;
    else change.commentDelta += reaction.delta;
    const slot = `${reaction.kind === 'like' ? 'liker' : 'commenter'}${actorSlot(reaction.actorId)}` as Slot;
    if (reaction.delta === 1) {
      const handle = group.handles.get(reaction.actorId);
      change.slots[slot] = { userId: reaction.actorId, ...(handle ? { handle } : {}) };
      if (!change.lastActivityAt || reaction.at > change.lastActivityAt) change.lastActivityAt = reaction.at;
    } else if (change.slots[slot] === undefined || change.slots[slot]?.userId === reaction.actorId) {
      // Vacate unless someone else took the slot later in this batch (then the slot is theirs).
      change.slots[slot] = {};
    }
  }
  return {
    likeDelta,
    commentDelta,
    photoOwnerId: first.photoOwnerId,
    activity: [...days.values()],
    eventIds: group.reactions.map((r) => r.eventId),
  };
}

/**
 * The people a photo's reactions will name in its activity entries (at most three likers and three
 * commenters a day): the only ones whose handles are worth reading.
 */
export function namedActors(reactions: readonly Reaction[]): string[] {
  const { activity } = planReactionGroup({ reactions, handles: new Map() });
  const ids = activity.flatMap((change) => Object.values(change.slots).map((actor) => actor?.userId));
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/**
 * Splits a photo's reactions into runs whose transactions stay within DynamoDB's 100 items (the
 * photo, one entry per day, one receipt per record). Usually a single run.
 */
export function transactionRuns(reactions: readonly Reaction[]): Reaction[][] {
  const runs: Reaction[][] = [];
  let run: Reaction[] = [];
  let days = new Set<string>();
  for (const reaction of reactions) {
    const day = activityDay(reaction.at);
    const newDay = reaction.actorId !== reaction.photoOwnerId && !days.has(day) ? 1 : 0;
    if (1 + days.size + newDay + run.length + 1 > MAX_TRANSACTION_ITEMS) {
      runs.push(run);
      run = [];
      days = new Set();
    }
    run.push(reaction);
    if (reaction.actorId !== reaction.photoOwnerId) days.add(day);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

export function buildApplyReactions(group: ReactionGroup) {
  const plan = planReactionGroup(group);
  const receiptTtl = Math.floor(group.now.getTime() / 1000) + RECEIPT_TTL_SECONDS;
  const transaction = createWriteTransaction(
    entitiesFor('photos', 'activity', 'streamReceipts'),
    ({ photos, activity, streamReceipts }) => [
      plan.likeDelta !== 0 || plan.commentDelta !== 0
        ? photos
            .patch({ photoId: group.photoId })
            .add({ likeCount: plan.likeDelta, commentCount: plan.commentDelta })
            .commit()
        : photos
            .check({ photoId: group.photoId })
            .where((attr, { exists }) => exists(attr.photoId))
            .commit(),
      ...plan.activity.map((change) =>
        activity
          .upsert({
            ownerId: plan.photoOwnerId,
            photoId: group.photoId,
            day: change.day,
            ttl: activityExpiry(change.day),
          })
          .add({ likeCount: change.likeDelta, commentCount: change.commentDelta })
          .set({
            ...change.slots,
            ...(change.lastActivityAt ? { lastActivityAt: change.lastActivityAt } : {}),
          })
          .commit(),
      ),
      ...plan.eventIds.map((eventId) =>
        streamReceipts.create({ eventId, consumer: group.consumer, ttl: receiptTtl }).commit(),
      ),
    ],
  );
  return { plan, transaction };
}

export interface AppliedReactions {
  /** Reactions whose effects this call wrote. */
  applied: number;
  /** Reactions found already applied (their receipt existed): a redelivery. */
  duplicates: number;
  /** Reactions dropped because the photo is gone (deleted or reaped: nothing left to count). */
  photoGone: number;
}

/**
 * apply a photo's reactions from one stream batch: one TransactWriteItems per run of up to ~98
 * reactions (see transactionRuns). A cancelled transaction writes nothing: reactions whose receipt
 * already existed are dropped and the rest sent again; a missing photo drops them all.
 */
export async function applyReactions(group: ReactionGroup): Promise<AppliedReactions> {
  const result: AppliedReactions = { applied: 0, duplicates: 0, photoGone: 0 };
  for (const run of transactionRuns(group.reactions)) {
    let pending = run;
    while (pending.length > 0) {
      const { plan, transaction } = buildApplyReactions({ ...group, reactions: pending });
      const outcome = await runTransaction(transaction);
      if (outcome.ok) {
        result.applied += pending.length;
        break;
      }
      if (failedCondition(outcome.reasons, 0)) {
        result.photoGone += pending.length;
        break;
      }
      // Receipts come after the photo and the activity entries, in reaction order.
      const firstReceipt = 1 + plan.activity.length;
      const seen = new Set(
        pending.filter((_, i) => failedCondition(outcome.reasons, firstReceipt + i)).map((r) => r.eventId),
      );
      if (seen.size === 0) throw new Error('reactions transaction cancelled by a condition it does not set');
      result.duplicates += seen.size;
      pending = pending.filter((r) => !seen.has(r.eventId));
    }
  }
  return result;
}

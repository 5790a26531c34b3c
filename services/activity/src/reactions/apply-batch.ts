// One stream batch of Like/Comment records → one transaction per photo (reactions.ts in
// @gallery/core says why that is exact once in effect). Photos are independent, so their groups go
// out concurrently; a group that fails marks all its records failed, and Lambda resumes the batch
// at the first of them (records of groups that succeeded and come later are redelivered and found
// already applied).
import type { DynamoDBRecord } from 'aws-lambda';
import { applyReactions, namedActors, reactionOf, type Reaction } from '@gallery/core/access/reactions';
import { getHandles } from '@gallery/core/access/users';
import type { Logger } from '@gallery/lambda/logger';

/** Each stream consumer keeps its own receipts. */
export const CONSUMER = 'activity-reactions';

/** Photo groups in flight at once (each is one TransactWriteItems). */
const CONCURRENCY = 8;

export interface BatchSummary {
  records: number;
  photos: number;
  applied: number;
  duplicates: number;
  photoGone: number;
  ignored: number;
  failedPhotos: number;
}

export interface BatchResult {
  summary: BatchSummary;
  /** The failure of each record that must be delivered again, by sequence number. */
  failures: Map<string, Error>;
}

/** The handles of the people the batch's activity entries will name (a few per photo, not every actor). */
async function handlesOf(groups: readonly Reaction[][], log: Logger): Promise<Map<string, string>> {
  const named = groups.flatMap((reactions) => namedActors(reactions));
  try {
    return await getHandles(named);
  } catch (err) {
    // Names are a nicety: the counts must not wait for them.
    log.warn('actor handles unavailable', { err });
    return new Map();
  }
}

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function applyReactionBatch(
  records: readonly DynamoDBRecord[],
  log: Logger,
  now: () => Date = () => new Date(),
): Promise<BatchResult> {
  const groups = new Map<string, { reactions: Reaction[]; records: DynamoDBRecord[] }>();
  let ignored = 0;
  for (const record of records) {
    const reaction = reactionOf(record);
    if (!reaction) {
      ignored++;
      continue;
    }
    const group = groups.get(reaction.photoId) ?? { reactions: [], records: [] };
    group.reactions.push(reaction);
    group.records.push(record);
    groups.set(reaction.photoId, group);
  }
  const handles = await handlesOf(
    [...groups.values()].map((g) => g.reactions),
    log,
  );
  const summary: BatchSummary = {
    records: records.length,
    photos: groups.size,
    applied: 0,
    duplicates: 0,
    photoGone: 0,
    ignored,
    failedPhotos: 0,
  };
  const failures = new Map<string, Error>();
  await eachLimited([...groups.entries()], CONCURRENCY, async ([photoId, group]) => {
    try {
      const result = await applyReactions({
        photoId,
        reactions: group.reactions,
        handles,
        consumer: CONSUMER,
        now: now(),
      });
      summary.applied += result.applied;
      summary.duplicates += result.duplicates;
      summary.photoGone += result.photoGone;
    } catch (err) {
      summary.failedPhotos++;
      log.error('reactions not applied; the batch resumes at their first record', { photoId, err });
      const error = err instanceof Error ? err : new Error(String(err));
      for (const record of group.records) {
        const sequenceNumber = record.dynamodb?.SequenceNumber;
        if (sequenceNumber) failures.set(sequenceNumber, error);
      }
    }
  });
  return { summary, failures };
}

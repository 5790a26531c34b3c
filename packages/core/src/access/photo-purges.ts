// The photo-purge queue: deleted (or reaped) photos whose comments, likes and media objects are
// still to be removed by the scheduler's purgeDeletedPhotos job.
// The queue and checkpoint items of the maintenance jobs are plain items (not ElectroDB entities) in
// partitions of their own, `$maintenance#...`, which no entity key can produce (entity keys start
// with `$gallery#`). Each function sends one request (a paged walk is one request per call, the
// caller loops); `build*` returns the request so its shape is testable without a network.
import {
  BatchWriteCommand,
  DeleteCommand,
  QueryCommand,
  type BatchWriteCommandInput,
  type DeleteCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';

import { docClient } from '../client';
import { entities } from '../entities/service';
import { keys, tableName } from '../table/definition';
import { guarded, type TransactionWriteItem } from '../transactions';
import { parseInput, ulidSchema, userIdSchema } from '../validation';

type Key = Record<string, unknown>;
// A deleted photo's comments and likes can be any number of items, more than one transaction
// holds, and its media objects are not in the table at all: the deletion (or the reap) queues the
// photo in the same transaction instead, and the purge job deletes what is left in the photo's
// partition and its objects, then the queue entry.
const PURGE_PARTITION = '$maintenance#photo-purge';

/** The most requests one BatchWriteItem takes. */
export const BATCH_WRITE_LIMIT = 25;

function purgeKey(photoId: string): Key {
  return { [keys.table.pk]: PURGE_PARTITION, [keys.table.sk]: photoId };
}

const photoToPurge = z.object({ photoId: ulidSchema, ownerId: userIdSchema });
export type PhotoToPurge = z.input<typeof photoToPurge>;

/**
 * The transaction item that queues a deleted photo for the purge: a Put without condition (a
 * photo id is never reused, and queuing it twice keeps one entry), so it never cancels the
 * deletion it rides with.
 */
export function photoPurgeEntry(photo: PhotoToPurge, at = new Date()): TransactionWriteItem {
  const { photoId, ownerId } = parseInput(photoToPurge, photo);
  const put = {
    Put: {
      TableName: tableName(),
      Item: { ...purgeKey(photoId), photoId, ownerId, requestedAt: at.toISOString() },
    },
  };
  // ElectroDB sends a committed item's params as they are; its type brand only links an item to
  // the entity that parses a cancelled item's ALL_OLD image, which a Put without condition never has.
  return put as unknown as TransactionWriteItem;
}

export interface PhotoPurge {
  photoId: string;
  /**
   * Whose photo it was: its media objects live under the owner's prefixes. Absent from entries
   * queued before the purge removed objects too (their objects are left to the orphan sweep).
   */
  ownerId: string | undefined;
  requestedAt: string;
}

export function buildListPhotoPurges(startKey?: Key, limit = 100): QueryCommandInput {
  const pageLimit = parseInput(z.number().check(z.int(), z.minimum(1), z.maximum(1000)), limit);
  return {
    TableName: tableName(),
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': keys.table.pk },
    ExpressionAttributeValues: { ':pk': PURGE_PARTITION },
    ConsistentRead: true,
    Limit: pageLimit,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

export interface PhotoPurgePage {
  items: PhotoPurge[];
  /** Where the next page starts; undefined on the last page. */
  nextKey: Key | undefined;
}

/** deleted photos waiting for their comments, likes and objects to be purged: one Query page of the queue. */
export async function listPhotoPurges(startKey?: Key, limit = 100): Promise<PhotoPurgePage> {
  const output = await guarded(() =>
    docClient().send(new QueryCommand(buildListPhotoPurges(startKey, limit))),
  );
  return {
    items: (output.Items ?? []).map((item) => ({
      photoId: String(item.photoId),
      ownerId: typeof item.ownerId === 'string' ? item.ownerId : undefined,
      requestedAt: String(item.requestedAt),
    })),
    nextKey: output.LastEvaluatedKey,
  };
}

/**
 * The photo's partition and the sort-key prefixes of the items a deletion leaves there, as the
 * Comment and Like entities write them (so a change to either key shows up here).
 */
function leftoverKeys(photoId: string) {
  const values = (query: { params(): unknown }) =>
    (query.params() as { ExpressionAttributeValues: { ':pk': string; ':sk1': string } })
      .ExpressionAttributeValues;
  const comments = values(entities().comments.query.byPhoto({ photoId }));
  const likes = values(entities().likes.query.byPhoto({ photoId }));
  if (comments[':pk'] !== likes[':pk']) {
    throw new Error('comments and likes of a photo are expected to share its partition');
  }
  return { pk: comments[':pk'], prefixes: [comments[':sk1'], likes[':sk1']] };
}

export function buildListPhotoLeftovers(photoId: string, startKey?: Key, limit = 100): QueryCommandInput {
  const id = parseInput(ulidSchema, photoId);
  const pageLimit = parseInput(z.number().check(z.int(), z.minimum(1), z.maximum(1000)), limit);
  return {
    TableName: tableName(),
    // The whole partition, keys only: DynamoDB takes no filter on a key attribute, so the few
    // items that are neither comments nor likes are dropped by `selectPhotoLeftovers`.
    KeyConditionExpression: '#pk = :pk',
    ProjectionExpression: '#pk, #sk',
    ExpressionAttributeNames: { '#pk': keys.table.pk, '#sk': keys.table.sk },
    ExpressionAttributeValues: { ':pk': leftoverKeys(id).pk },
    ConsistentRead: true,
    Limit: pageLimit,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

/**
 * Pure: the primary keys of the comments and likes among a page of the photo's partition. Anything
 * else there (the photo row itself, were it queued while still present) is never purged.
 */
export function selectPhotoLeftovers(photoId: string, items: readonly Key[]): Key[] {
  const { prefixes } = leftoverKeys(parseInput(ulidSchema, photoId));
  return items
    .filter((item) => {
      const sk = item[keys.table.sk];
      return typeof sk === 'string' && prefixes.some((prefix) => sk.startsWith(prefix));
    })
    .map((item) => ({ [keys.table.pk]: item[keys.table.pk], [keys.table.sk]: item[keys.table.sk] }));
}

export interface LeftoverPage {
  /** Primary keys of the comments and likes on this page (possibly none on a page that has more). */
  keys: Key[];
  nextKey: Key | undefined;
}

/**
 * a deleted photo's remaining comments and likes: one Query page of its partition (keys only).
 * A page can hold none and still have a next page: walk until `nextKey` is undefined.
 */
export async function listPhotoLeftovers(
  photoId: string,
  startKey?: Key,
  limit = 100,
): Promise<LeftoverPage> {
  const output = await guarded(() =>
    docClient().send(new QueryCommand(buildListPhotoLeftovers(photoId, startKey, limit))),
  );
  return { keys: selectPhotoLeftovers(photoId, output.Items ?? []), nextKey: output.LastEvaluatedKey };
}

export function buildDeleteItems(itemKeys: Key[]): BatchWriteCommandInput {
  if (itemKeys.length < 1 || itemKeys.length > BATCH_WRITE_LIMIT) {
    throw new RangeError(`a batch deletes 1 to ${BATCH_WRITE_LIMIT} items, got ${itemKeys.length}`);
  }
  return {
    RequestItems: {
      [tableName()]: itemKeys.map((key) => ({
        DeleteRequest: { Key: { [keys.table.pk]: key[keys.table.pk], [keys.table.sk]: key[keys.table.sk] } },
      })),
    },
  };
}

/**
 * delete items by primary key: one BatchWriteItem of up to 25 deletes (deleting a missing item
 * succeeds). Returns the keys DynamoDB left unprocessed, for the caller to resend.
 */
export async function deleteItems(itemKeys: Key[]): Promise<Key[]> {
  const input = buildDeleteItems(itemKeys);
  const output = await guarded(() => docClient().send(new BatchWriteCommand(input)));
  return (output.UnprocessedItems?.[tableName()] ?? []).flatMap((entry) =>
    entry.DeleteRequest?.Key ? [entry.DeleteRequest.Key] : [],
  );
}

export function buildCompletePhotoPurge(photoId: string): DeleteCommandInput {
  return { TableName: tableName(), Key: purgeKey(parseInput(ulidSchema, photoId)) };
}

/** done purging a deleted photo's comments, likes and objects: DeleteItem of its queue entry. */
export async function completePhotoPurge(photoId: string): Promise<void> {
  await guarded(() => docClient().send(new DeleteCommand(buildCompletePhotoPurge(photoId))));
}

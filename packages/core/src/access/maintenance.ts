// Access patterns of the maintenance jobs (services/scheduler): reaping abandoned uploads, recounting
// counters from the items they count, the counter-repair queue, the queue of deleted photos whose
// comments and likes are still to be purged, job checkpoints, and "which of these photos still
// exist" for the orphan-object sweep. Each function sends one request (a paged
// walk is one request per call, the caller loops); `build*` returns the request so its shape is
// testable without a network.
//
// The queue and checkpoint items are plain items (not ElectroDB entities) in partitions of their
// own, `$maintenance#...`, which no entity key can produce (entity keys start with `$gallery#`).
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type BatchGetCommandInput,
  type BatchWriteCommandInput,
  type DeleteCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { createWriteTransaction } from 'electrodb';
import * as z from '../zod';

import { docClient } from '../client';
import { entities, entitiesFor, type createGalleryService } from '../entities/service';
import type { Photo } from '../entities/types';
import { keys, tableName } from '../table/definition';
import { failedCondition, guarded, runTransaction } from '../transactions';
import { parseInput, ulidSchema, userIdSchema } from '../validation';

type Key = Record<string, unknown>;
/** One item of an ElectroDB `transaction.write` (the type is not exported by name). */
type TransactionWriteItem = ReturnType<
  Parameters<ReturnType<typeof createGalleryService>['transaction']['write']>[0]
>[number];

// ---------------------------------------------------------------------------------------------
// Reaping abandoned uploads
// ---------------------------------------------------------------------------------------------

export const reapPendingPhotoInput = z.object({
  photoId: ulidSchema,
  albumId: ulidSchema,
  ownerId: userIdSchema,
});
export type ReapPendingPhotoInput = z.input<typeof reapPendingPhotoInput>;

/**
 * - `reaped`: this call deleted the photo row and decremented its album's photoCount.
 * - `gone`: no such row (reaped or deleted by someone else already): nothing to do.
 * - `not_pending`: the upload completed (or failed) after it was listed: the photo is kept.
 * - `album_missing`: the photo's album does not exist, an invariant the API guarantees; nothing
 *   was written, the photo is left for a human (and reported as a failure).
 */
export type ReapOutcome = 'reaped' | 'gone' | 'not_pending' | 'album_missing';

export function buildReapPendingPhoto(input: z.output<typeof reapPendingPhotoInput>, at = new Date()) {
  return createWriteTransaction(entitiesFor('photos', 'albums'), ({ photos, albums }) => [
    photos
      .delete({ photoId: input.photoId })
      // Only while still pending: the thumbnail function may have finished since the listing.
      .where(
        (attr, { eq }) =>
          `${eq(attr.status, 'pending')} AND ${eq(attr.albumId, input.albumId)} AND ${eq(attr.ownerId, input.ownerId)}`,
      )
      .commit({ response: 'all_old' }),
    albums.patch({ albumId: input.albumId }).subtract({ photoCount: 1 }).commit(),
    // A pending photo can already have comments and likes (the API accepts them on its owner's
    // photos): queue them for the purge job, as a photo deletion does.
    photoPurgeEntry(input.photoId, at),
  ]);
}

/**
 * reap abandoned upload: Photo delete (still pending, same album and owner) + album photoCount−1
 * + photo-purge queue entry, one TransactWriteItems. Idempotent: a second call finds the row gone and writes nothing. The
 * caller deletes the photo's S3 objects afterwards (only after `reaped`, so an upload that
 * completed meanwhile keeps its original).
 */
export async function reapPendingPhoto(raw: ReapPendingPhotoInput): Promise<ReapOutcome> {
  const input = parseInput(reapPendingPhotoInput, raw);
  const outcome = await runTransaction(buildReapPendingPhoto(input, new Date()));
  if (outcome.ok) return 'reaped';
  if (failedCondition(outcome.reasons, 0)) {
    return outcome.reasons[0]?.item ? 'not_pending' : 'gone';
  }
  return 'album_missing';
}

// ---------------------------------------------------------------------------------------------
// Counters, recounted from the items they count
// ---------------------------------------------------------------------------------------------

export const COUNTER_KINDS = ['user', 'album', 'photo'] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

/** One counter: a user's albumCount, an album's photoCount, or a photo's likeCount. */
export interface CounterTarget {
  kind: CounterKind;
  id: string;
}

/** What each kind counts, and the kind of the items counted (for a deep repair). */
export const COUNTERS = {
  user: { counter: 'albumCount', counts: 'album' },
  album: { counter: 'photoCount', counts: 'photo' },
  photo: { counter: 'likeCount', counts: null },
} as const satisfies Record<CounterKind, { counter: string; counts: CounterKind | null }>;

export const counterTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: userIdSchema }),
  z.object({ kind: z.literal('album'), id: ulidSchema }),
  z.object({ kind: z.literal('photo'), id: ulidSchema }),
]);

function childQuery(target: CounterTarget) {
  switch (target.kind) {
    case 'user':
      return entities().albums.query.byOwner({ ownerId: target.id });
    case 'album':
      return entities().photos.query.byAlbum({ albumId: target.id });
    case 'photo':
      return entities().likes.query.byPhoto({ photoId: target.id });
  }
}

/** The attribute that names a counted item (collected for a deep repair). */
const CHILD_ID = { user: 'albumId', album: 'photoId', photo: 'userId' } as const;

export interface CountPageOptions {
  startKey?: Key;
  /** Also return the ids of the counted items (a deep repair queues them); reads the same items. */
  collectIds?: boolean;
}

/**
 * One Query page over the items a counter counts, on the same key condition the read paths use:
 * `Select: COUNT` (or just the child id when ids are wanted). The likes of a photo live in the
 * photo's own partition, so that count is strongly consistent; albums and photos are counted on
 * gsi1, which is eventually consistent (the repair guards against that with a settle time).
 */
export function buildCountChildrenPage(
  raw: CounterTarget,
  options: CountPageOptions = {},
): QueryCommandInput {
  const target = parseInput(counterTargetSchema, raw);
  // The three queries differ only in type: each builds plain Query params.
  const params = (childQuery(target) as { params(): unknown }).params() as QueryCommandInput;
  const idName = CHILD_ID[target.kind];
  const request: QueryCommandInput = {
    TableName: params.TableName,
    IndexName: params.IndexName,
    KeyConditionExpression: params.KeyConditionExpression,
    ExpressionAttributeNames: { ...params.ExpressionAttributeNames },
    ExpressionAttributeValues: params.ExpressionAttributeValues,
    ...(params.IndexName ? {} : { ConsistentRead: true }),
    ...(options.startKey ? { ExclusiveStartKey: options.startKey } : {}),
  };
  if (options.collectIds) {
    request.ExpressionAttributeNames = { ...request.ExpressionAttributeNames, '#childId': idName };
    request.ProjectionExpression = '#childId';
  } else {
    request.Select = 'COUNT';
  }
  return request;
}

export interface CountPage {
  count: number;
  ids: string[];
  /** Where the next page starts; undefined on the last page. */
  nextKey: Key | undefined;
}

/** count the items behind a counter, one page (up to 1 MB of items): one Query. */
export async function countChildrenPage(
  target: CounterTarget,
  options: CountPageOptions = {},
): Promise<CountPage> {
  const request = buildCountChildrenPage(target, options);
  const output = await guarded(() => docClient().send(new QueryCommand(request)));
  const idName = '#childId' in (request.ExpressionAttributeNames ?? {}) ? CHILD_ID[target.kind] : undefined;
  return {
    count: output.Count ?? 0,
    ids: idName ? (output.Items ?? []).map((item) => String(item[idName])) : [],
    nextKey: output.LastEvaluatedKey,
  };
}

export interface CounterState {
  value: number;
  /** The item's `updatedAt`: every write to it (counters included) changes it. */
  updatedAt: string;
}

function counterItem(target: CounterTarget) {
  switch (target.kind) {
    case 'user':
      return entities().users.get({ userId: target.id });
    case 'album':
      return entities().albums.get({ albumId: target.id });
    case 'photo':
      return entities().photos.get({ photoId: target.id });
  }
}

export function buildGetCounter(raw: CounterTarget) {
  const target = parseInput(counterTargetSchema, raw);
  const params = (counterItem(target) as { params(): unknown }).params() as { TableName: string; Key: Key };
  return {
    TableName: params.TableName,
    Key: params.Key,
    ConsistentRead: true,
    ProjectionExpression: '#counter, #updatedAt',
    ExpressionAttributeNames: { '#counter': COUNTERS[target.kind].counter, '#updatedAt': 'updatedAt' },
  };
}

/** a counter and when its item last changed, strongly consistent: GetItem. Null if the item is gone. */
export async function getCounter(target: CounterTarget): Promise<CounterState | null> {
  const output = await guarded(() => docClient().send(new GetCommand(buildGetCounter(target))));
  const item = output.Item;
  if (!item) return null;
  const value = item[COUNTERS[target.kind].counter];
  return {
    value: typeof value === 'number' ? value : 0,
    updatedAt: typeof item.updatedAt === 'string' ? item.updatedAt : '',
  };
}

export interface SetCounterInput {
  target: CounterTarget;
  /** The state read before counting: the write happens only if the item has not changed since. */
  expected: CounterState;
  value: number;
}

export function buildSetCounter(input: SetCounterInput) {
  const target = parseInput(counterTargetSchema, input.target);
  const value = parseInput(z.number().check(z.int(), z.minimum(0)), input.value);
  const { value: old, updatedAt } = input.expected;
  switch (target.kind) {
    case 'user':
      return entities()
        .users.patch({ userId: target.id })
        .set({ albumCount: value })
        .where((a, { eq }) => `${eq(a.albumCount, old)} AND ${eq(a.updatedAt, updatedAt)}`);
    case 'album':
      return entities()
        .albums.patch({ albumId: target.id })
        .set({ photoCount: value })
        .where((a, { eq }) => `${eq(a.photoCount, old)} AND ${eq(a.updatedAt, updatedAt)}`);
    case 'photo':
      return entities()
        .photos.patch({ photoId: target.id })
        .set({ likeCount: value })
        .where((a, { eq }) => `${eq(a.likeCount, old)} AND ${eq(a.updatedAt, updatedAt)}`);
  }
}

/**
 * repair a counter: UpdateItem conditioned on the counter *and* `updatedAt` being what was read
 * before counting. A like, photo or album written in between changes both, so the write is
 * refused (`changed`) instead of clobbering it; the next run recounts.
 */
export async function setCounter(input: SetCounterInput): Promise<'updated' | 'changed'> {
  // `true`: a failed condition comes back as `rejected` instead of an exception, without the item.
  const op = buildSetCounter(input) as unknown as {
    go(options: object): Promise<{ rejected?: boolean }>;
  };
  const result = await guarded(() => op.go({ response: 'none', returnOnConditionCheckFailure: true }));
  return result.rejected ? 'changed' : 'updated';
}

// ---------------------------------------------------------------------------------------------
// The counter-repair queue
// ---------------------------------------------------------------------------------------------

const REPAIR_PARTITION = '$maintenance#counter-repair';
// Parents sort before their children, so a deep repair that queues an album's photos while the
// queue is being walked finds them later in the same walk.
const RANK: Record<CounterKind, number> = { user: 1, album: 2, photo: 3 };

export interface RepairRequest extends CounterTarget {
  /** Also queue the counted items (a user's albums, an album's photos) for repair. */
  deep: boolean;
  /** When it was queued (or re-queued): it is removed only if still the same when done. */
  requestedAt: string;
}

function repairKey(target: CounterTarget): Key {
  return {
    [keys.table.pk]: REPAIR_PARTITION,
    [keys.table.sk]: `${RANK[target.kind]}#${target.kind}#${target.id}`,
  };
}

export function buildRequestCounterRepairs(requests: RepairRequest[]): BatchWriteCommandInput {
  if (requests.length < 1 || requests.length > 25) {
    throw new RangeError(`a batch holds 1 to 25 repair requests, got ${requests.length}`);
  }
  return {
    RequestItems: {
      [tableName()]: requests.map((request) => {
        const target = parseInput(counterTargetSchema, { kind: request.kind, id: request.id });
        return {
          PutRequest: {
            Item: {
              ...repairKey(target),
              kind: target.kind,
              id: target.id,
              deep: request.deep,
              requestedAt: request.requestedAt,
            },
          },
        };
      }),
    },
  };
}

/**
 * queue counter repairs: one BatchWriteItem of up to 25 requests. Queuing a target twice keeps one
 * request (same key). Returns the requests DynamoDB left unprocessed, for the caller to resend.
 */
export async function requestCounterRepairs(requests: RepairRequest[]): Promise<RepairRequest[]> {
  const input = buildRequestCounterRepairs(requests);
  const output = await guarded(() => docClient().send(new BatchWriteCommand(input)));
  const left = output.UnprocessedItems?.[tableName()] ?? [];
  return left.map((entry) => {
    const item = entry.PutRequest?.Item ?? {};
    return {
      kind: item.kind as CounterKind,
      id: String(item.id),
      deep: item.deep === true,
      requestedAt: String(item.requestedAt),
    };
  });
}

export function buildListCounterRepairs(startKey?: Key, limit = 100): QueryCommandInput {
  return {
    TableName: tableName(),
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': keys.table.pk },
    ExpressionAttributeValues: { ':pk': REPAIR_PARTITION },
    ConsistentRead: true,
    Limit: limit,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

export interface RepairPage {
  items: RepairRequest[];
  /** Where the next page starts; undefined when the queue held nothing further at read time. */
  nextKey: Key | undefined;
  /** The key of the last item returned: a walk that queued more work resumes after it. */
  lastKey: Key | undefined;
}

/** queued counter repairs, parents first: one Query page of the queue's partition. */
export async function listCounterRepairs(startKey?: Key, limit = 100): Promise<RepairPage> {
  const output = await guarded(() =>
    docClient().send(new QueryCommand(buildListCounterRepairs(startKey, limit))),
  );
  const items = (output.Items ?? []).map((item) => ({
    kind: item.kind as CounterKind,
    id: String(item.id),
    deep: item.deep === true,
    requestedAt: String(item.requestedAt),
  }));
  const last = items.at(-1);
  return { items, nextKey: output.LastEvaluatedKey, lastKey: last ? repairKey(last) : undefined };
}

/**
 * done with a repair request: DeleteItem, only if it was not queued again meanwhile (same
 * `requestedAt`), so a request made during the repair is not lost.
 */
export async function completeCounterRepair(request: RepairRequest): Promise<void> {
  await guarded(async () => {
    try {
      await docClient().send(
        new DeleteCommand({
          TableName: tableName(),
          Key: repairKey(request),
          ConditionExpression: 'attribute_not_exists(#pk) OR #requestedAt = :requestedAt',
          ExpressionAttributeNames: { '#pk': keys.table.pk, '#requestedAt': 'requestedAt' },
          ExpressionAttributeValues: { ':requestedAt': request.requestedAt },
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The photo-purge queue: deleted photos whose comments and likes are still in the table
// ---------------------------------------------------------------------------------------------

// A deleted photo's comments and likes can be any number of items, more than one transaction
// holds: the deletion (or the reap) queues the photo in the same transaction instead, and the
// purge job deletes what is left in the photo's partition, then the queue entry.
const PURGE_PARTITION = '$maintenance#photo-purge';

/** The most requests one BatchWriteItem takes. */
export const BATCH_WRITE_LIMIT = 25;

function purgeKey(photoId: string): Key {
  return { [keys.table.pk]: PURGE_PARTITION, [keys.table.sk]: photoId };
}

/**
 * The transaction item that queues a deleted photo for the purge: a Put without condition (a
 * photo id is never reused, and queuing it twice keeps one entry), so it never cancels the
 * deletion it rides with.
 */
export function photoPurgeEntry(photoId: string, at = new Date()): TransactionWriteItem {
  const id = parseInput(ulidSchema, photoId);
  const put = {
    Put: {
      TableName: tableName(),
      Item: { ...purgeKey(id), photoId: id, requestedAt: at.toISOString() },
    },
  };
  // ElectroDB sends a committed item's params as they are; its type brand only links an item to
  // the entity that parses a cancelled item's ALL_OLD image, which a Put without condition never has.
  return put as unknown as TransactionWriteItem;
}

export interface PhotoPurge {
  photoId: string;
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

/** deleted photos waiting for their comments and likes to be purged: one Query page of the queue. */
export async function listPhotoPurges(startKey?: Key, limit = 100): Promise<PhotoPurgePage> {
  const output = await guarded(() =>
    docClient().send(new QueryCommand(buildListPhotoPurges(startKey, limit))),
  );
  return {
    items: (output.Items ?? []).map((item) => ({
      photoId: String(item.photoId),
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

/** done purging a deleted photo's comments and likes: DeleteItem of its queue entry. */
export async function completePhotoPurge(photoId: string): Promise<void> {
  await guarded(() => docClient().send(new DeleteCommand(buildCompletePhotoPurge(photoId))));
}

// ---------------------------------------------------------------------------------------------
// Job checkpoints
// ---------------------------------------------------------------------------------------------

const CHECKPOINT_PARTITION = '$maintenance#checkpoint';

function checkpointKey(job: string, scope: string): Key {
  return { [keys.table.pk]: CHECKPOINT_PARTITION, [keys.table.sk]: `${job}#${scope}` };
}

export interface Checkpoint {
  /** Where the job resumes (opaque to this layer: an S3 key, a LastEvaluatedKey as JSON...). */
  position: string;
  savedAt: string;
}

/** a job's checkpoint: GetItem (strongly consistent). */
export async function getCheckpoint(job: string, scope: string): Promise<Checkpoint | null> {
  const output = await guarded(() =>
    docClient().send(
      new GetCommand({ TableName: tableName(), Key: checkpointKey(job, scope), ConsistentRead: true }),
    ),
  );
  if (!output.Item) return null;
  return { position: String(output.Item.position), savedAt: String(output.Item.savedAt) };
}

/** save a job's checkpoint: PutItem. */
export async function saveCheckpoint(
  job: string,
  scope: string,
  position: string,
  at = new Date(),
): Promise<void> {
  await guarded(() =>
    docClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...checkpointKey(job, scope), position, savedAt: at.toISOString() },
      }),
    ),
  );
}

/** forget a job's checkpoint (a pass finished; the next starts from the beginning): DeleteItem. */
export async function clearCheckpoint(job: string, scope: string): Promise<void> {
  await guarded(() =>
    docClient().send(new DeleteCommand({ TableName: tableName(), Key: checkpointKey(job, scope) })),
  );
}

// ---------------------------------------------------------------------------------------------
// Which photos exist (orphan-object sweep)
// ---------------------------------------------------------------------------------------------

/** The most keys one BatchGetItem takes. */
export const BATCH_GET_LIMIT = 100;

export function buildGetPhotoOwners(photoIds: string[]): BatchGetCommandInput {
  const ids = parseInput(z.array(ulidSchema).check(z.minLength(1), z.maxLength(BATCH_GET_LIMIT)), photoIds);
  const unique = [...new Set(ids)];
  return {
    RequestItems: {
      [tableName()]: {
        Keys: unique.map((photoId) => (entities().photos.get({ photoId }).params() as { Key: Key }).Key),
        ProjectionExpression: '#photoId, #ownerId',
        ExpressionAttributeNames: { '#photoId': 'photoId', '#ownerId': 'ownerId' },
      },
    },
  };
}

export interface PhotoOwners {
  /** photoId → ownerId, for the photos that exist. */
  found: Map<string, Pick<Photo, 'ownerId'>>;
  /** Ids DynamoDB did not answer for (throttling): neither found nor known to be missing. */
  unprocessed: string[];
}

/** which of these photos exist, and whose: one BatchGetItem of up to 100 keys. */
export async function getPhotoOwners(photoIds: string[]): Promise<PhotoOwners> {
  const input = buildGetPhotoOwners(photoIds);
  const output = await guarded(() => docClient().send(new BatchGetCommand(input)));
  const found = new Map<string, Pick<Photo, 'ownerId'>>();
  for (const item of output.Responses?.[tableName()] ?? []) {
    found.set(String(item.photoId), { ownerId: String(item.ownerId) });
  }
  const unprocessedKeys = output.UnprocessedKeys?.[tableName()]?.Keys ?? [];
  const unprocessedPks = new Set(unprocessedKeys.map((k) => String(k[keys.table.pk])));
  const unprocessed = [...new Set(photoIds)].filter((id) =>
    unprocessedPks.has(
      String((entities().photos.get({ photoId: id }).params() as { Key: Key }).Key[keys.table.pk]),
    ),
  );
  return { found, unprocessed };
}

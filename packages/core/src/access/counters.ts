// Counters recounted from the items they count (the scheduler's repairCounters job): a user's
// albumCount, an album's photoCount and readyPhotoCount, a photo's likeCount. Each function sends
// one request; `build*` returns the request so its shape is testable without a network.
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';

import { docClient } from '../client';
import { entities } from '../entities/service';
import { guarded } from '../transactions';
import { parseInput, ulidSchema, userIdSchema } from '../validation';

type Key = Record<string, unknown>;

export const COUNTER_KINDS = ['user', 'album', 'photo'] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

/** One counter: a user's albumCount, an album's photoCount, or a photo's likeCount. */
export interface CounterTarget {
  kind: CounterKind;
  id: string;
}

/**
 * What each kind counts, the kind of the items counted (for a deep repair), and the counter of the
 * counted items that are ready, where the item keeps one (an album's readyPhotoCount).
 */
export const COUNTERS = {
  user: { counter: 'albumCount', counts: 'album', ready: null },
  album: { counter: 'photoCount', counts: 'photo', ready: 'readyPhotoCount' },
  photo: { counter: 'likeCount', counts: null, ready: null },
} as const satisfies Record<
  CounterKind,
  { counter: string; counts: CounterKind | null; ready: string | null }
>;

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
 * `Select: COUNT`, or only the attributes needed: the child id when ids are wanted, the status when
 * ready items are counted too (an album's photos). The likes of a photo live in the
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
  const projected: Record<string, string> = {
    ...(options.collectIds ? { '#childId': idName } : {}),
    ...(COUNTERS[target.kind].ready ? { '#status': 'status' } : {}),
  };
  if (Object.keys(projected).length === 0) {
    request.Select = 'COUNT';
  } else {
    request.ExpressionAttributeNames = { ...request.ExpressionAttributeNames, ...projected };
    request.ProjectionExpression = Object.keys(projected).join(', ');
  }
  return request;
}

export interface CountPage {
  count: number;
  /** Of them, those with status `ready` (0 for a kind without a ready counter). */
  ready: number;
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
  const items = output.Items ?? [];
  return {
    count: output.Count ?? 0,
    ready: items.filter((item) => item.status === 'ready').length,
    ids: idName ? items.map((item) => String(item[idName])) : [],
    nextKey: output.LastEvaluatedKey,
  };
}

export interface CounterState {
  value: number;
  /** The ready counter, for a kind that keeps one; undefined when the item lacks it. */
  ready?: number | undefined;
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
  const { counter, ready } = COUNTERS[target.kind];
  return {
    TableName: params.TableName,
    Key: params.Key,
    ConsistentRead: true,
    ProjectionExpression: ready ? '#counter, #ready, #updatedAt' : '#counter, #updatedAt',
    ExpressionAttributeNames: {
      '#counter': counter,
      ...(ready ? { '#ready': ready } : {}),
      '#updatedAt': 'updatedAt',
    },
  };
}

/**
 * a counter (and its ready counter) and when its item last changed, strongly consistent: GetItem.
 * Null if the item is gone.
 */
export async function getCounter(target: CounterTarget): Promise<CounterState | null> {
  const output = await guarded(() => docClient().send(new GetCommand(buildGetCounter(target))));
  const item = output.Item;
  if (!item) return null;
  const { counter, ready } = COUNTERS[target.kind];
  const value = item[counter];
  const readyValue = ready ? item[ready] : undefined;
  return {
    value: typeof value === 'number' ? value : 0,
    ...(ready ? { ready: typeof readyValue === 'number' ? readyValue : undefined } : {}),
    updatedAt: typeof item.updatedAt === 'string' ? item.updatedAt : '',
  };
}

export interface SetCounterInput {
  target: CounterTarget;
  /** The state read before counting: the write happens only if the item has not changed since. */
  expected: CounterState;
  value: number;
  /** The ready count, for a kind that keeps one (required there). */
  ready?: number;
}

export function buildSetCounter(input: SetCounterInput) {
  const target = parseInput(counterTargetSchema, input.target);
  const count = z.number().check(z.int(), z.minimum(0));
  const value = parseInput(count, input.value);
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
        .set({ photoCount: value, readyPhotoCount: parseInput(count, input.ready) })
        .where((a, { eq }) => `${eq(a.photoCount, old)} AND ${eq(a.updatedAt, updatedAt)}`);
    case 'photo':
      return entities()
        .photos.patch({ photoId: target.id })
        .set({ likeCount: value })
        .where((a, { eq }) => `${eq(a.likeCount, old)} AND ${eq(a.updatedAt, updatedAt)}`);
  }
}

/**
 * repair a counter (and its ready counter): UpdateItem conditioned on the counter *and*
 * `updatedAt` being what was read before counting. A like, photo or album written in between changes both, so the write is
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

// Everything one user owns or wrote, page by page: what account erasure deletes and data export
// archives. Each function sends one Query (on the index that serves the pattern, never a Scan) and
// returns a DynamoDB start key for the next page rather than a signed cursor: callers are the
// workflows, which pass it from one step to the next, never a client. `build*` returns the request
// so its shape is testable without a network.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';

import { docClient } from '../client';
import { entities } from '../entities/service';
import type { Album, Comment, Like, Photo } from '../entities/types';
import { parseItems } from '../format';
import { keys } from '../table/definition';
import { guarded } from '../transactions';
import { parseInput, ulidSchema, userIdSchema } from '../validation';

export type Key = Record<string, unknown>;

export interface KeyedPage<T> {
  items: T[];
  /** Where the next page starts; undefined on the last page. */
  nextKey: Key | undefined;
}

const pageLimit = z.number().check(z.int(), z.minimum(1), z.maximum(1000));

/** An ElectroDB query's request for one page from `startKey`, optionally projecting `attributes`. */
function pageRequest(
  op: { params(options?: object): unknown },
  startKey: Key | undefined,
  limit: number,
  attributes?: readonly string[],
): QueryCommandInput {
  const request = op.params({ limit: parseInput(pageLimit, limit) }) as QueryCommandInput;
  if (startKey) request.ExclusiveStartKey = startKey;
  if (attributes) {
    const names = Object.fromEntries(attributes.map((name, i) => [`#p${i}`, name]));
    request.ExpressionAttributeNames = { ...request.ExpressionAttributeNames, ...names };
    request.ProjectionExpression = Object.keys(names).join(', ');
  }
  return request;
}

async function rawPage(request: QueryCommandInput): Promise<{ items: Key[]; nextKey: Key | undefined }> {
  const output = await guarded(() => docClient().send(new QueryCommand(request)));
  return { items: output.Items ?? [], nextKey: output.LastEvaluatedKey };
}

const primaryKey = (item: Key): Key => ({
  [keys.table.pk]: item[keys.table.pk],
  [keys.table.sk]: item[keys.table.sk],
});

export function buildListOwnPhotoIds(userId: string, startKey?: Key, limit = 1000): QueryCommandInput {
  const op = entities().photos.query.byOwner({ ownerId: parseInput(userIdSchema, userId) });
  return pageRequest(op, startKey, limit, ['photoId']);
}

/** the ids of a user's photos: one Query page on gsi2 (projection: photoId). */
export async function listOwnPhotoIds(
  userId: string,
  startKey?: Key,
  limit = 1000,
): Promise<KeyedPage<string>> {
  const page = await rawPage(buildListOwnPhotoIds(userId, startKey, limit));
  return { items: page.items.map((item) => String(item.photoId)), nextKey: page.nextKey };
}

export function buildListOwnPhotos(userId: string, startKey?: Key, limit = 100): QueryCommandInput {
  const op = entities().photos.query.byOwner({ ownerId: parseInput(userIdSchema, userId) });
  return pageRequest(op, startKey, limit);
}

/** a user's photos (every status), oldest first: one Query page on gsi2. */
export async function listOwnPhotos(userId: string, startKey?: Key, limit = 100): Promise<KeyedPage<Photo>> {
  const page = await rawPage(buildListOwnPhotos(userId, startKey, limit));
  return { items: parseItems<Photo>('photos', page.items), nextKey: page.nextKey };
}

export function buildListOwnAlbums(userId: string, startKey?: Key, limit = 100): QueryCommandInput {
  const op = entities().albums.query.byOwner({ ownerId: parseInput(userIdSchema, userId) });
  return pageRequest(op, startKey, limit);
}

/** a user's albums (public and private), oldest first: one Query page on gsi1. */
export async function listOwnAlbums(userId: string, startKey?: Key, limit = 100): Promise<KeyedPage<Album>> {
  const page = await rawPage(buildListOwnAlbums(userId, startKey, limit));
  return { items: parseItems<Album>('albums', page.items), nextKey: page.nextKey };
}

export function buildListAuthoredComments(userId: string, startKey?: Key, limit = 100): QueryCommandInput {
  const op = entities().comments.query.byAuthor({ authorId: parseInput(userIdSchema, userId) });
  return pageRequest(op, startKey, limit);
}

/** the comments a user wrote, on anyone's photos, oldest first: one Query page on gsi1. */
export async function listAuthoredComments(
  userId: string,
  startKey?: Key,
  limit = 100,
): Promise<KeyedPage<Comment>> {
  const page = await rawPage(buildListAuthoredComments(userId, startKey, limit));
  return { items: parseItems<Comment>('comments', page.items), nextKey: page.nextKey };
}

export function buildListGivenLikes(userId: string, startKey?: Key, limit = 100): QueryCommandInput {
  const op = entities().likes.query.byUser({ userId: parseInput(userIdSchema, userId) });
  return pageRequest(op, startKey, limit);
}

/** the likes a user gave, on anyone's photos, oldest first: one Query page on gsi1. */
export async function listGivenLikes(userId: string, startKey?: Key, limit = 100): Promise<KeyedPage<Like>> {
  const page = await rawPage(buildListGivenLikes(userId, startKey, limit));
  return { items: parseItems<Like>('likes', page.items), nextKey: page.nextKey };
}

/** The primary keys of a user's likes on anyone's photos: one Query page on gsi1 (keys only). */
export async function listGivenLikeKeys(
  userId: string,
  startKey?: Key,
  limit = 1000,
): Promise<KeyedPage<Key>> {
  const op = entities().likes.query.byUser({ userId: parseInput(userIdSchema, userId) });
  const page = await rawPage(pageRequest(op, startKey, limit, [keys.table.pk, keys.table.sk]));
  return { items: page.items.map(primaryKey), nextKey: page.nextKey };
}

/** The primary keys of the comments a user wrote on anyone's photos: one Query page on gsi1 (keys only). */
export async function listAuthoredCommentKeys(
  userId: string,
  startKey?: Key,
  limit = 1000,
): Promise<KeyedPage<Key>> {
  const op = entities().comments.query.byAuthor({ authorId: parseInput(userIdSchema, userId) });
  const page = await rawPage(pageRequest(op, startKey, limit, [keys.table.pk, keys.table.sk]));
  return { items: page.items.map(primaryKey), nextKey: page.nextKey };
}

export function buildListActivityKeys(ownerId: string, startKey?: Key, limit = 1000): QueryCommandInput {
  const op = entities().activity.query.byOwner({ ownerId: parseInput(userIdSchema, ownerId) });
  return pageRequest(op, startKey, limit, [keys.table.pk, keys.table.sk]);
}

/** The primary keys of a user's activity entries (what others did on their photos): one Query page. */
export async function listActivityKeys(
  ownerId: string,
  startKey?: Key,
  limit = 1000,
): Promise<KeyedPage<Key>> {
  const page = await rawPage(buildListActivityKeys(ownerId, startKey, limit));
  return { items: page.items.map(primaryKey), nextKey: page.nextKey };
}

export function buildListShareLinkKeys(
  ownerId: string,
  albumId: string,
  startKey?: Key,
  limit = 1000,
): QueryCommandInput {
  const op = entities().shareLinks.query.byOwnerAlbum({
    ownerId: parseInput(userIdSchema, ownerId),
    albumId: parseInput(ulidSchema, albumId),
  });
  return pageRequest(op, startKey, limit, [keys.table.pk, keys.table.sk]);
}

/** the primary keys of an owner's share links to one album, expired ones included: one Query page on gsi1. */
export async function listShareLinkKeys(
  ownerId: string,
  albumId: string,
  startKey?: Key,
  limit = 1000,
): Promise<KeyedPage<Key>> {
  const page = await rawPage(buildListShareLinkKeys(ownerId, albumId, startKey, limit));
  return { items: page.items.map(primaryKey), nextKey: page.nextKey };
}

/**
 * The photo's partition and the sort-key prefixes of what lives there, as the Photo, Comment and
 * Like entities write them (so a change to any of those keys shows up here).
 */
function photoPartition(photoId: string): { pk: string; prefixes: string[] } {
  const values = (params: unknown) =>
    (params as { ExpressionAttributeValues: { ':pk': string; ':sk1': string } }).ExpressionAttributeValues;
  const photo = entities().photos.get({ photoId }).params() as { Key: Record<string, string> };
  const comments = values(entities().comments.query.byPhoto({ photoId }).params());
  const likes = values(entities().likes.query.byPhoto({ photoId }).params());
  const pk = photo.Key[keys.table.pk] as string;
  if (comments[':pk'] !== pk || likes[':pk'] !== pk) {
    throw new Error('a photo, its comments and its likes are expected to share its partition');
  }
  return { pk, prefixes: [photo.Key[keys.table.sk] as string, comments[':sk1'], likes[':sk1']] };
}

export function buildListPhotoItemKeys(photoId: string, startKey?: Key, limit = 1000): QueryCommandInput {
  const { pk } = photoPartition(parseInput(ulidSchema, photoId));
  return {
    TableName: entities().photos.get({ photoId }).params().TableName as string,
    KeyConditionExpression: '#pk = :pk',
    ProjectionExpression: '#pk, #sk',
    ExpressionAttributeNames: { '#pk': keys.table.pk, '#sk': keys.table.sk },
    ExpressionAttributeValues: { ':pk': pk },
    ConsistentRead: true,
    Limit: parseInput(pageLimit, limit),
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

/**
 * the primary keys of a photo and of everything on it (its comments and likes, whoever wrote them):
 * one Query page of the photo's partition, keys only. Keys of any other kind are left out, so a
 * caller deleting what this returns deletes nothing else.
 */
export async function listPhotoItemKeys(
  photoId: string,
  startKey?: Key,
  limit = 1000,
): Promise<KeyedPage<Key>> {
  const { prefixes } = photoPartition(parseInput(ulidSchema, photoId));
  const page = await rawPage(buildListPhotoItemKeys(photoId, startKey, limit));
  const items = page.items.filter((item) => {
    const sk = item[keys.table.sk];
    return typeof sk === 'string' && prefixes.some((prefix) => sk.startsWith(prefix));
  });
  return { items: items.map(primaryKey), nextKey: page.nextKey };
}

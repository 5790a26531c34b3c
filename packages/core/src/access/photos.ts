// Photos. Each function is one DynamoDB request; `build*` returns the ElectroDB
// operation so its request shape is testable with `.params()`.
import { encodeTime, ulid } from 'ulid';
import { createWriteTransaction } from 'electrodb';
import * as z from '../zod';

import { entities, entitiesFor } from '../entities/service';
import type { Album, Photo } from '../entities/types';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { toItem, toPage } from '../format';
import { resolvePage, type Page, type PageRequest } from '../pagination';
import { getItem, queryPage } from '../reads';
import { failedCondition, guarded, runTransaction } from '../transactions';
import { parseInput, ulidSchema, userIdSchema, versionSchema } from '../validation';
import { photoPurgeEntry } from './maintenance';
import { notOwnerError } from './visibility';
import { MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES } from '../media-limits';

export type { Photo };

export { MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES };

const caption = z.string().check(z.maxLength(2000));

export function photoObjectKey(ownerId: string, photoId: string): string {
  return `uploads/${ownerId}/${photoId}`;
}

export const addPhotoInput = z.object({
  albumId: ulidSchema,
  ownerId: userIdSchema,
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  size: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_PHOTO_BYTES)),
  caption: z.optional(caption),
});
export type AddPhotoInput = z.input<typeof addPhotoInput>;

export function buildAddPhoto(input: z.output<typeof addPhotoInput>, at = new Date()) {
  const timestamp = at.toISOString();
  const photoId = ulid(at.getTime());
  const photo = {
    photoId,
    albumId: input.albumId,
    ownerId: input.ownerId,
    status: 'pending' as const,
    contentType: input.contentType,
    size: input.size,
    ...(input.caption !== undefined ? { caption: input.caption } : {}),
    objectKey: photoObjectKey(input.ownerId, photoId),
    likeCount: 0,
    commentCount: 0,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  const transaction = createWriteTransaction(entitiesFor('photos', 'albums'), ({ photos, albums }) => [
    photos.create(photo).commit(),
    albums
      .patch({ albumId: input.albumId })
      .add({ photoCount: 1 })
      .where((attr, { eq }) => eq(attr.ownerId, input.ownerId))
      .commit({ response: 'all_old' }),
  ]);
  return { photo: photo as Photo, transaction };
}

/** add photo: Photo put (pending) + album photoCount+1 (album exists, caller owns it), one TransactWriteItems. */
export async function addPhoto(raw: AddPhotoInput): Promise<Photo> {
  const input = parseInput(addPhotoInput, raw);
  const { photo, transaction } = buildAddPhoto(input);
  const outcome = await runTransaction(transaction);
  if (outcome.ok) return photo;
  if (failedCondition(outcome.reasons, 1)) {
    const album = outcome.reasons[1]?.item as Album | null | undefined;
    if (!album) throw new NotFoundError('Album');
    throw notOwnerError('Album', album.visibility);
  }
  throw new ConflictError('Photo id collision, try again');
}

export function buildGetPhoto(photoId: string) {
  return entities().photos.get({ photoId });
}

/**
 * photo by id: GetItem. `consistent` for readers that may run right after the photo was written
 * (the thumbnail function, triggered as soon as the upload lands).
 */
export async function getPhoto(photoId: string, options: { consistent?: boolean } = {}): Promise<Photo> {
  const id = parseInput(ulidSchema, photoId);
  const data = toItem<Photo>('photos', await getItem(buildGetPhoto(id), options));
  if (!data) throw new NotFoundError('Photo');
  return data;
}

/** A photo's like count, read strongly consistent after a like/unlike: GetItem projecting likeCount. */
export async function getPhotoLikeCount(photoId: string): Promise<number> {
  const id = parseInput(ulidSchema, photoId);
  const { data } = await guarded(() => buildGetPhoto(id).go({ consistent: true, attributes: ['likeCount'] }));
  if (!data) throw new NotFoundError('Photo');
  return data.likeCount ?? 0;
}

export function buildListAlbumPhotos(albumId: string) {
  return entities().photos.query.byAlbum({ albumId });
}

/** photos of an album in upload order: one Query page on gsi1 (ascending ULIDs). */
export async function listAlbumPhotos(albumId: string, page?: PageRequest): Promise<Page<Photo>> {
  const id = parseInput(ulidSchema, albumId);
  const list = { pattern: 'listAlbumPhotos', partition: id };
  const response = await queryPage(buildListAlbumPhotos(id), resolvePage(list, page), 'asc');
  return toPage('photos', list, response);
}

export function buildListUserPhotos(ownerId: string) {
  return entities().photos.query.byOwner({ ownerId });
}

/** a user's photos, newest first: one Query page on gsi2 (descending). */
export async function listUserPhotos(ownerId: string, page?: PageRequest): Promise<Page<Photo>> {
  const id = parseInput(userIdSchema, ownerId);
  const list = { pattern: 'listUserPhotos', partition: id };
  const response = await queryPage(buildListUserPhotos(id), resolvePage(list, page), 'desc');
  return toPage('photos', list, response);
}

/** The smallest ULID of instant `at`: every id created before `at` sorts below it. */
export function ulidLowerBound(at: Date): string {
  return `${encodeTime(at.getTime(), 10)}${'0'.repeat(16)}`;
}

export function buildListPendingPhotos(olderThan: Date) {
  return entities()
    .photos.query.pending({ status: 'pending' })
    .lt({ photoId: ulidLowerBound(olderThan) });
}

/**
 * pending uploads older than T, oldest first: one Query page on the sparse gsi3
 * (only pending photos carry its keys), never the table.
 */
export async function listPendingPhotos(olderThan: Date, page?: PageRequest): Promise<Page<Photo>> {
  if (!(olderThan instanceof Date) || Number.isNaN(olderThan.getTime())) {
    parseInput(z.date(), olderThan);
  }
  const list = { pattern: 'listPendingPhotos', partition: 'pending' };
  const response = await queryPage(buildListPendingPhotos(olderThan), resolvePage(list, page), 'asc');
  return toPage('photos', list, response);
}

export const updatePhotoInput = z.object({
  photoId: ulidSchema,
  ownerId: userIdSchema,
  expectedVersion: versionSchema,
  caption,
});
export type UpdatePhotoInput = z.input<typeof updatePhotoInput>;

export function buildUpdatePhoto(input: z.output<typeof updatePhotoInput>) {
  return entities()
    .photos.patch({ photoId: input.photoId })
    .set({ caption: input.caption })
    .add({ version: 1 })
    .where(
      (attr, { eq }) => `${eq(attr.ownerId, input.ownerId)} AND ${eq(attr.version, input.expectedVersion)}`,
    );
}

/** edit caption: UpdateItem conditioned on owner and `version` (optimistic concurrency). */
export async function updatePhoto(raw: UpdatePhotoInput): Promise<Photo> {
  const input = parseInput(updatePhotoInput, raw);
  const result = await guarded(() =>
    buildUpdatePhoto(input).go({ response: 'all_new', returnOnConditionCheckFailure: 'all_old' }),
  );
  if (!result.rejected) return result.data as Photo;
  const current = result.data as Photo | null;
  if (!current) throw new NotFoundError('Photo');
  // The photo carries no album visibility: callers decide 403 vs 404 from their own read.
  if (current.ownerId !== input.ownerId) throw new ForbiddenError('This photo belongs to someone else');
  throw new ConflictError('The photo was changed by another request');
}

const rendition = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(40)),
  key: z.string().check(z.minLength(1), z.maxLength(1024)),
  width: z.number().check(z.int(), z.minimum(1)),
  height: z.number().check(z.int(), z.minimum(1)),
  contentType: z.string().check(z.minLength(1), z.maxLength(100)),
  bytes: z.number().check(z.int(), z.minimum(1)),
});

export const markPhotoReadyInput = z.object({
  photoId: ulidSchema,
  width: z.number().check(z.int(), z.minimum(1)),
  height: z.number().check(z.int(), z.minimum(1)),
  renditions: z.array(rendition).check(z.minLength(1), z.maxLength(10)),
});
export type MarkPhotoReadyInput = z.input<typeof markPhotoReadyInput>;

export const markPhotoFailedInput = z.object({
  photoId: ulidSchema,
  reason: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type MarkPhotoFailedInput = z.input<typeof markPhotoFailedInput>;

/** `updated`: this call moved the photo out of pending; `unchanged`: it had already left pending (redelivery). */
export type MarkPhotoOutcome = { outcome: 'updated'; photo: Photo } | { outcome: 'unchanged'; photo: Photo };

export function buildMarkPhotoReady(input: z.output<typeof markPhotoReadyInput>) {
  return entities()
    .photos.patch({ photoId: input.photoId })
    .set({ status: 'ready', width: input.width, height: input.height, renditions: input.renditions })
    .add({ version: 1 })
    .where((attr, { eq }) => eq(attr.status, 'pending'));
}

export function buildMarkPhotoFailed(input: z.output<typeof markPhotoFailedInput>) {
  return entities()
    .photos.patch({ photoId: input.photoId })
    .set({ status: 'failed', failureReason: input.reason })
    .add({ version: 1 })
    .where((attr, { eq }) => eq(attr.status, 'pending'));
}

async function markPhoto(op: ReturnType<typeof buildMarkPhotoReady>): Promise<MarkPhotoOutcome> {
  const result = await guarded(() =>
    op.go({ response: 'all_new', returnOnConditionCheckFailure: 'all_old' }),
  );
  if (!result.rejected) return { outcome: 'updated', photo: result.data as Photo };
  const current = result.data as Photo | null;
  if (!current) throw new NotFoundError('Photo');
  return { outcome: 'unchanged', photo: current };
}

/**
 * photo ready: UpdateItem only from pending (conditional); drops the photo
 * from the sparse pending index. A redelivered event returns `unchanged`.
 */
export async function markPhotoReady(raw: MarkPhotoReadyInput): Promise<MarkPhotoOutcome> {
  return markPhoto(buildMarkPhotoReady(parseInput(markPhotoReadyInput, raw)));
}

/** photo failed: as markPhotoReady, recording why. */
export async function markPhotoFailed(raw: MarkPhotoFailedInput): Promise<MarkPhotoOutcome> {
  return markPhoto(buildMarkPhotoFailed(parseInput(markPhotoFailedInput, raw)));
}

export const deletePhotoInput = z.object({ photoId: ulidSchema, albumId: ulidSchema, ownerId: userIdSchema });
export type DeletePhotoInput = z.input<typeof deletePhotoInput>;

export function buildDeletePhoto(input: z.output<typeof deletePhotoInput>, at = new Date()) {
  return createWriteTransaction(entitiesFor('photos', 'albums'), ({ photos, albums }) => [
    photos
      .delete({ photoId: input.photoId })
      .where((attr, { eq }) => `${eq(attr.ownerId, input.ownerId)} AND ${eq(attr.albumId, input.albumId)}`)
      .commit({ response: 'all_old' }),
    albums.patch({ albumId: input.albumId }).subtract({ photoCount: 1 }).commit(),
    photoPurgeEntry(input.photoId, at),
  ]);
}

/**
 * delete photo: Photo delete (exists, caller owns it, in that album) + album
 * photoCount−1 + photo-purge queue entry, one TransactWriteItems. The caller
 * passes the albumId it read with getPhoto (it needs the photo anyway to remove
 * its S3 objects); the condition makes a wrong albumId a NotFound rather than a
 * drifted counter. Its comments and likes (any number of items, more than a
 * transaction holds) are deleted by the scheduler's purgeDeletedPhotos job,
 * which the queue entry written here hands them to.
 */
export async function deletePhoto(raw: DeletePhotoInput): Promise<void> {
  const input = parseInput(deletePhotoInput, raw);
  const outcome = await runTransaction(buildDeletePhoto(input));
  if (outcome.ok) return;
  if (failedCondition(outcome.reasons, 0)) {
    const current = outcome.reasons[0]?.item as Photo | null | undefined;
    if (!current || current.albumId !== input.albumId) throw new NotFoundError('Photo');
    throw new ForbiddenError('This photo belongs to someone else');
  }
  throw new NotFoundError('Album');
}

// Photos. Each function is one DynamoDB request; `build*` returns the ElectroDB
// operation so its request shape is testable with `.params()`.
import { encodeTime, ulid } from 'ulid';
import { createWriteTransaction } from 'electrodb';
import * as z from '../zod';

import { entities, entitiesFor } from '../entities/service';
import { PHOTO_STATUSES } from '../entities/photo';
import type { Album, Photo } from '../entities/types';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { toItem, toPage } from '../format';
import { resolvePage, type Page, type PageRequest } from '../pagination';
import { getItem, queryPage } from '../reads';
import { failedCondition, guarded, runTransaction } from '../transactions';
import { parseInput, requestIdSchema, text, ulidSchema, userIdSchema, versionSchema } from '../validation';
import { photoPurgeEntry } from './photo-purges';
import { notOwnerError } from './visibility';
import { MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES } from '../media-limits';

export type { Photo };

export { MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES };

/** A caption as clients send it (the HTTP contract uses the same schema). */
export const captionSchema = text({ max: 2000 });
const caption = captionSchema;

export function photoObjectKey(ownerId: string, photoId: string): string {
  return `uploads/${ownerId}/${photoId}`;
}

export const addPhotoInput = z.object({
  albumId: ulidSchema,
  ownerId: userIdSchema,
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  size: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_PHOTO_BYTES)),
  caption: z.optional(caption),
  /** The API request that asked for the upload: the thumbnail function's correlation id. */
  requestId: z.optional(requestIdSchema),
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
    ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
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

/** A photo as gsi2 holds it: without the counters, which the index does not project (table.json). */
export type PhotoSummary = Omit<Photo, 'likeCount' | 'commentCount'>;

/** a user's photos, newest first, without their counters: one Query page on gsi2 (descending). */
export async function listUserPhotos(ownerId: string, page?: PageRequest): Promise<Page<PhotoSummary>> {
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
  /** The album the photo was read in: its ready count moves with the photo, in the same write. */
  albumId: ulidSchema,
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
export type MarkPhotoOutcome = { outcome: 'updated' } | { outcome: 'unchanged'; photo: Photo };

export function buildMarkPhotoReady(input: z.output<typeof markPhotoReadyInput>) {
  return createWriteTransaction(entitiesFor('photos', 'albums'), ({ photos, albums }) => [
    photos
      .patch({ photoId: input.photoId })
      .set({ status: 'ready', width: input.width, height: input.height, renditions: input.renditions })
      .add({ version: 1 })
      .where((attr, { eq }) => `${eq(attr.status, 'pending')} AND ${eq(attr.albumId, input.albumId)}`)
      .commit({ response: 'all_old' }),
    albums.patch({ albumId: input.albumId }).add({ readyPhotoCount: 1 }).commit(),
  ]);
}

export function buildMarkPhotoFailed(input: z.output<typeof markPhotoFailedInput>) {
  return entities()
    .photos.patch({ photoId: input.photoId })
    .set({ status: 'failed', failureReason: input.reason })
    .add({ version: 1 })
    .where((attr, { eq }) => eq(attr.status, 'pending'));
}

/**
 * photo ready: Photo update only from pending, in the album it claims (conditional; drops the
 * photo from the sparse pending index) + the album's readyPhotoCount+1, one TransactWriteItems. A
 * redelivered event returns `unchanged`.
 */
export async function markPhotoReady(raw: MarkPhotoReadyInput): Promise<MarkPhotoOutcome> {
  const input = parseInput(markPhotoReadyInput, raw);
  const outcome = await runTransaction(buildMarkPhotoReady(input));
  if (outcome.ok) return { outcome: 'updated' };
  if (failedCondition(outcome.reasons, 0)) {
    // ElectroDB hands back the item as it was, already formatted.
    const current = outcome.reasons[0]?.item as Photo | null | undefined;
    if (!current || current.albumId !== input.albumId) throw new NotFoundError('Photo');
    return { outcome: 'unchanged', photo: current };
  }
  throw new NotFoundError('Album');
}

/** photo failed: UpdateItem only from pending, recording why (no counter moves). */
export async function markPhotoFailed(raw: MarkPhotoFailedInput): Promise<MarkPhotoOutcome> {
  const input = parseInput(markPhotoFailedInput, raw);
  const result = await guarded(() =>
    buildMarkPhotoFailed(input).go({ response: 'none', returnOnConditionCheckFailure: 'all_old' }),
  );
  if (!result.rejected) return { outcome: 'updated' };
  const current = result.data as Photo | null;
  if (!current) throw new NotFoundError('Photo');
  return { outcome: 'unchanged', photo: current };
}

export const deletePhotoInput = z.object({
  photoId: ulidSchema,
  albumId: ulidSchema,
  ownerId: userIdSchema,
  /** The status the caller read, if it read the photo: the first expectation of the deletion. */
  status: z.optional(z.enum(PHOTO_STATUSES)),
});
export type DeletePhotoInput = z.input<typeof deletePhotoInput>;

/**
 * What the deletion expects to find, and so which album counters and fields it changes: the
 * photo's readiness (readyPhotoCount), and whether it is the album's cover (cleared). Each is a
 * condition of the same transaction, so a wrong expectation cancels it instead of miscounting.
 */
export interface DeletePhotoExpectation {
  ready: boolean;
  cover: boolean;
}

export function buildDeletePhoto(
  input: z.output<typeof deletePhotoInput>,
  expect: DeletePhotoExpectation = { ready: false, cover: false },
  at = new Date(),
) {
  return createWriteTransaction(entitiesFor('photos', 'albums'), ({ photos, albums }) => {
    const counters = expect.ready ? { photoCount: 1, readyPhotoCount: 1 } : { photoCount: 1 };
    const album = albums.patch({ albumId: input.albumId }).subtract(counters);
    return [
      photos
        .delete({ photoId: input.photoId })
        .where(
          (attr, { eq, ne }) =>
            `${eq(attr.ownerId, input.ownerId)} AND ${eq(attr.albumId, input.albumId)} AND ${
              expect.ready ? eq(attr.status, 'ready') : ne(attr.status, 'ready')
            }`,
        )
        .commit({ response: 'all_old' }),
      (expect.cover
        ? album.remove(['coverPhotoId']).where((attr, { eq }) => eq(attr.coverPhotoId, input.photoId))
        : album.where(
            (attr, { ne, notExists }) =>
              `(${notExists(attr.coverPhotoId)} OR ${ne(attr.coverPhotoId, input.photoId)})`,
          )
      ).commit({ response: 'all_old' }),
      photoPurgeEntry({ photoId: input.photoId, ownerId: input.ownerId }, at),
    ];
  });
}

/** Expectations a deletion may have to correct, one per race it can lose. */
const DELETE_PHOTO_ATTEMPTS = 4;

/**
 * delete photo: Photo delete (exists, caller owns it, in that album) + album photoCount−1 (and
 * readyPhotoCount−1 if it was ready, and its cover cleared if it was this photo) + photo-purge
 * queue entry, one TransactWriteItems. The caller passes the albumId it read with getPhoto, and
 * may pass the status it saw; the conditions check both, so a wrong albumId is a NotFound rather
 * than a drifted counter, and a photo that became ready (or a cover set) meanwhile cancels the
 * transaction, which is sent again with what the cancellation showed. Its comments, likes and S3
 * objects are deleted by the scheduler's purgeDeletedPhotos job, which the queue entry hands them
 * to.
 */
export async function deletePhoto(raw: DeletePhotoInput): Promise<void> {
  const input = parseInput(deletePhotoInput, raw);
  const expect: DeletePhotoExpectation = { ready: input.status === 'ready', cover: false };
  for (let attempt = 0; attempt < DELETE_PHOTO_ATTEMPTS; attempt++) {
    const outcome = await runTransaction(buildDeletePhoto(input, expect));
    if (outcome.ok) return;
    if (failedCondition(outcome.reasons, 0)) {
      const current = outcome.reasons[0]?.item as Photo | null | undefined;
      if (!current || current.albumId !== input.albumId) throw new NotFoundError('Photo');
      if (current.ownerId !== input.ownerId) throw new ForbiddenError('This photo belongs to someone else');
      expect.ready = current.status === 'ready';
    }
    if (failedCondition(outcome.reasons, 1)) {
      const album = outcome.reasons[1]?.item as Album | null | undefined;
      if (!album) throw new NotFoundError('Album');
      expect.cover = album.coverPhotoId === input.photoId;
    }
  }
  throw new ConflictError('The photo changed while it was being deleted, try again');
}

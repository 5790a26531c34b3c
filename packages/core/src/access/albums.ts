// Albums. Each function is one DynamoDB request; `build*` returns the ElectroDB
// operation so its request shape is testable with `.params()`.
import type { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { createWriteTransaction } from 'electrodb';
import * as z from '../zod';

import { entities, entitiesFor } from '../entities/service';
import { VISIBILITIES } from '../entities/album';
import type { Album } from '../entities/types';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseItem, toItem, toPage } from '../format';
import { docClient } from '../client';
import { resolvePage, type Page, type PageRequest } from '../pagination';
import { getItem, queryPage } from '../reads';
import { failedCondition, guarded, runTransaction } from '../transactions';
import { atLeastOneOf, parseInput, text, ulidSchema, userIdSchema, versionSchema } from '../validation';
import { notOwnerError } from './visibility';

export type { Album };

/** Album fields as clients send them (the HTTP contract uses the same schemas). */
export const albumTitleSchema = text({ min: 1, max: 120, notBlank: true, trim: true });
export const albumDescriptionSchema = text({ max: 2000 });
const title = albumTitleSchema;
const description = albumDescriptionSchema;
const visibility = z.enum(VISIBILITIES);

export const createAlbumInput = z.object({
  ownerId: userIdSchema,
  title,
  description: z.optional(description),
  visibility,
});
export type CreateAlbumInput = z.input<typeof createAlbumInput>;

export function buildCreateAlbum(input: z.output<typeof createAlbumInput>, at = new Date()) {
  const timestamp = at.toISOString();
  const album = {
    albumId: ulid(at.getTime()),
    ownerId: input.ownerId,
    title: input.title,
    description: input.description ?? '',
    visibility: input.visibility,
    photoCount: 0,
    readyPhotoCount: 0,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  const transaction = createWriteTransaction(entitiesFor('albums', 'users'), ({ albums, users }) => [
    albums.create(album).commit(),
    users.patch({ userId: input.ownerId }).add({ albumCount: 1 }).commit(),
  ]);
  return { album, transaction };
}

/** create album: Album put + owner's albumCount+1 (owner must exist), one TransactWriteItems. */
export async function createAlbum(raw: CreateAlbumInput): Promise<Album> {
  const input = parseInput(createAlbumInput, raw);
  const { album, transaction } = buildCreateAlbum(input);
  const outcome = await runTransaction(transaction);
  if (outcome.ok) return album;
  if (failedCondition(outcome.reasons, 1)) throw new NotFoundError('User');
  throw new ConflictError('Album id collision, try again');
}

export function buildGetAlbum(albumId: string) {
  return entities().albums.get({ albumId });
}

/** album by id: GetItem. Visibility is the caller's decision (the album carries it). */
export async function getAlbum(albumId: string): Promise<Album> {
  const id = parseInput(ulidSchema, albumId);
  const data = toItem<Album>('albums', await getItem(buildGetAlbum(id)));
  if (!data) throw new NotFoundError('Album');
  return data;
}

export function buildListUserAlbums(ownerId: string) {
  return entities().albums.query.byOwner({ ownerId });
}

/** a user's albums, newest first: one Query page on gsi1 (descending). */
export async function listUserAlbums(ownerId: string, page?: PageRequest): Promise<Page<Album>> {
  const id = parseInput(userIdSchema, ownerId);
  const list = { pattern: 'listUserAlbums', partition: id };
  const response = await queryPage(buildListUserAlbums(id), resolvePage(list, page), 'desc');
  return toPage('albums', list, response);
}

export function buildListPublicAlbums(ownerId: string) {
  return entities().albums.query.publicByOwner({ ownerId, visibility: 'public' });
}

/** public albums of a user, newest first: one Query page on gsi2 (sparse: public albums only). */
export async function listPublicAlbums(ownerId: string, page?: PageRequest): Promise<Page<Album>> {
  const id = parseInput(userIdSchema, ownerId);
  const list = { pattern: 'listPublicAlbums', partition: id };
  const response = await queryPage(buildListPublicAlbums(id), resolvePage(list, page), 'desc');
  return toPage('albums', list, response);
}

/** An update must change something: the domain and the HTTP contract refuse an empty one alike. */
export const albumChangeRequired = atLeastOneOf(
  ['title', 'description', 'visibility', 'coverPhotoId'],
  'nothing to update: give title, description, visibility or coverPhotoId',
);

export const updateAlbumInput = z
  .object({
    albumId: ulidSchema,
    ownerId: userIdSchema,
    expectedVersion: versionSchema,
    title: z.optional(title),
    description: z.optional(description),
    visibility: z.optional(visibility),
    coverPhotoId: z.optional(ulidSchema),
  })
  .check(albumChangeRequired);
export type UpdateAlbumInput = z.input<typeof updateAlbumInput>;

/** The attributes an update sets, and whether it moves the album in or out of the public index. */
function albumChanges(input: z.output<typeof updateAlbumInput>) {
  const { albumId: _albumId, ownerId: _ownerId, expectedVersion: _version, ...changes } = input;
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<
    Pick<Album, 'title' | 'description' | 'visibility' | 'coverPhotoId'>
  >;
}

export function buildUpdateAlbum(input: z.output<typeof updateAlbumInput>) {
  const set = albumChanges(input);
  let op = entities().albums.patch({ albumId: input.albumId }).set(set).add({ version: 1 });
  // A visibility change moves the album in or out of the sparse gsi2, which
  // needs every gsi2 composite: the owner is known (it is the condition).
  if (set.visibility !== undefined) op = op.composite({ ownerId: input.ownerId });
  return op.where(
    (attr, { eq }) => `${eq(attr.ownerId, input.ownerId)} AND ${eq(attr.version, input.expectedVersion)}`,
  );
}

/**
 * A new cover, with its check: the album update and a ConditionCheck that the photo exists in this
 * album, one TransactWriteItems. A photo deleted meanwhile cancels it, and a deletion that commits
 * after it finds the cover and clears it (deletePhoto), so a cover never outlives its photo.
 */
export function buildSetAlbumCover(input: z.output<typeof updateAlbumInput> & { coverPhotoId: string }) {
  return createWriteTransaction(entitiesFor('albums', 'photos'), ({ albums, photos }) => {
    const set = albumChanges(input);
    let album = albums.patch({ albumId: input.albumId }).set(set).add({ version: 1 });
    if (set.visibility !== undefined) album = album.composite({ ownerId: input.ownerId });
    return [
      album
        .where(
          (attr, { eq }) =>
            `${eq(attr.ownerId, input.ownerId)} AND ${eq(attr.version, input.expectedVersion)}`,
        )
        .commit({ response: 'all_old' }),
      photos
        .check({ photoId: input.coverPhotoId })
        .where((attr, { eq }) => eq(attr.albumId, input.albumId))
        .commit(),
    ];
  });
}

/** The cover given is not a photo of this album (it never was, or it was deleted meanwhile). */
function coverNotInAlbumError(): ValidationError {
  return new ValidationError('The cover must be a photo of this album', [
    { path: 'coverPhotoId', message: 'must be a photo of this album' },
  ]);
}

function albumRefusal(current: Album | null | undefined, ownerId: string): Error {
  if (!current) return new NotFoundError('Album');
  if (current.ownerId !== ownerId) return notOwnerError('Album', current.visibility);
  return new ConflictError('The album was changed by another request');
}

/**
 * edit album: UpdateItem conditioned on owner and `version` (optimistic concurrency: a stale
 * version is a ConflictError, never a lost update). A new cover is set with buildSetAlbumCover,
 * then the album read back (GetItem, strongly consistent): a transaction returns no item.
 */
export async function updateAlbum(raw: UpdateAlbumInput): Promise<Album> {
  const input = parseInput(updateAlbumInput, raw);
  if (input.coverPhotoId !== undefined) {
    const outcome = await runTransaction(buildSetAlbumCover({ ...input, coverPhotoId: input.coverPhotoId }));
    if (!outcome.ok) {
      if (failedCondition(outcome.reasons, 0)) {
        throw albumRefusal(outcome.reasons[0]?.item as Album | null | undefined, input.ownerId);
      }
      throw coverNotInAlbumError();
    }
    const album = toItem<Album>('albums', await getItem(buildGetAlbum(input.albumId), { consistent: true }));
    // Deleted in the instant since: as if the update had come after.
    if (!album) throw new NotFoundError('Album');
    return album;
  }
  // Sent through the DocumentClient with ElectroDB's own params, and formatted by ElectroDB
  // (format.ts), so the album as it was on a failed condition comes back in the same request.
  const params: UpdateCommandInput = {
    ...(buildUpdateAlbum(input).params({ response: 'all_new' }) as UpdateCommandInput),
    // The album as it was when the condition failed tells "not found", "not yours" and "stale
    // version" apart without a second read.
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
  let current: Album | null = null;
  try {
    const { Attributes } = await guarded(() => docClient().send(new UpdateCommand(params)));
    const album = parseItem<Album>('albums', Attributes);
    if (album) return album;
  } catch (err) {
    if (!(err instanceof Error) || err.name !== 'ConditionalCheckFailedException') throw err;
    const old = (err as ConditionalCheckFailedException).Item;
    current = old ? parseItem<Album>('albums', unmarshall(old)) : null;
  }
  throw albumRefusal(current, input.ownerId);
}

export const deleteAlbumInput = z.object({ albumId: ulidSchema, ownerId: userIdSchema });
export type DeleteAlbumInput = z.input<typeof deleteAlbumInput>;

export function buildDeleteAlbum(input: z.output<typeof deleteAlbumInput>) {
  return createWriteTransaction(entitiesFor('albums', 'users'), ({ albums, users }) => [
    albums
      .delete({ albumId: input.albumId })
      .where((attr, { eq }) => `${eq(attr.ownerId, input.ownerId)} AND ${eq(attr.photoCount, 0)}`)
      .commit({ response: 'all_old' }),
    users.patch({ userId: input.ownerId }).subtract({ albumCount: 1 }).commit(),
  ]);
}

/**
 * delete album: Album delete + owner's albumCount−1, one TransactWriteItems.
 * Only an empty album can be deleted (photoCount = 0, checked in the same
 * condition): photos carry S3 objects, likes and comments whose cleanup is a
 * per-photo job, so the caller deletes photos first (ConflictError otherwise).
 */
export async function deleteAlbum(raw: DeleteAlbumInput): Promise<void> {
  const input = parseInput(deleteAlbumInput, raw);
  const outcome = await runTransaction(buildDeleteAlbum(input));
  if (outcome.ok) return;
  const current = outcome.reasons[0]?.item as Album | null | undefined;
  if (failedCondition(outcome.reasons, 0)) {
    if (!current) throw new NotFoundError('Album');
    if (current.ownerId !== input.ownerId) throw notOwnerError('Album', current.visibility);
    throw new ConflictError('The album still has photos; delete them first');
  }
  throw new NotFoundError('User');
}

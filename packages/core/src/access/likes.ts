// Likes. Each function is one DynamoDB request; `build*` returns the ElectroDB
// operation so its request shape is testable with `.params()`.
import { createWriteTransaction } from 'electrodb';
import * as z from '../zod';

import { entities, entitiesFor } from '../entities/service';
import type { Like } from '../entities/types';
import { NotFoundError } from '../errors';
import { toItem, toPage } from '../format';
import { resolvePage, type Page, type PageRequest } from '../pagination';
import { getItem, queryPage } from '../reads';
import { failedCondition, runTransaction } from '../transactions';
import { parseInput, ulidSchema, userIdSchema } from '../validation';

export type { Like };

export const likeInput = z.object({ photoId: ulidSchema, userId: userIdSchema });
export type LikeInput = z.input<typeof likeInput>;

/**
 * `changed` is false when the request found the like already in the wanted
 * state (idempotent PUT/DELETE). TransactWriteItems returns no attributes, so
 * the new count is not known here: read it with `getPhotoLikeCount`
 * (a second, separate access pattern) when the response needs it.
 */
export interface LikeResult {
  liked: boolean;
  changed: boolean;
}

export function buildLikePhoto(input: z.output<typeof likeInput>, at = new Date()) {
  return createWriteTransaction(entitiesFor('likes', 'photos'), ({ likes, photos }) => [
    likes.create({ photoId: input.photoId, userId: input.userId, likedAt: at.toISOString() }).commit(),
    photos.patch({ photoId: input.photoId }).add({ likeCount: 1 }).commit(),
  ]);
}

/**
 * like: Like put (attribute_not_exists) + photo likeCount+1 (photo exists), one
 * TransactWriteItems. Both succeed or neither, so likeCount always equals the
 * number of Like items, under any concurrency; a repeated like changes nothing.
 */
export async function likePhoto(raw: LikeInput): Promise<LikeResult> {
  const input = parseInput(likeInput, raw);
  const outcome = await runTransaction(buildLikePhoto(input));
  if (outcome.ok) return { liked: true, changed: true };
  if (failedCondition(outcome.reasons, 1)) throw new NotFoundError('Photo');
  return { liked: true, changed: false };
}

export function buildUnlikePhoto(input: z.output<typeof likeInput>) {
  return createWriteTransaction(entitiesFor('likes', 'photos'), ({ likes, photos }) => [
    likes.remove({ photoId: input.photoId, userId: input.userId }).commit(),
    photos.patch({ photoId: input.photoId }).subtract({ likeCount: 1 }).commit(),
  ]);
}

/** unlike: Like delete (attribute_exists) + photo likeCount−1, one TransactWriteItems; idempotent. */
export async function unlikePhoto(raw: LikeInput): Promise<LikeResult> {
  const input = parseInput(likeInput, raw);
  const outcome = await runTransaction(buildUnlikePhoto(input));
  if (outcome.ok) return { liked: false, changed: true };
  if (failedCondition(outcome.reasons, 1)) throw new NotFoundError('Photo');
  return { liked: false, changed: false };
}

export function buildGetLike(input: z.output<typeof likeInput>) {
  return entities().likes.get({ photoId: input.photoId, userId: input.userId });
}

/** has this user liked this photo: GetItem. */
export async function hasLiked(raw: LikeInput): Promise<boolean> {
  const input = parseInput(likeInput, raw);
  return toItem<Like>('likes', await getItem(buildGetLike(input))) !== null;
}

export function buildListLikedPhotos(userId: string) {
  return entities().likes.query.byUser({ userId });
}

/** photos a user liked, most recent first: one Query page on gsi1 (Like items: photoId + likedAt). */
export async function listLikedPhotos(userId: string, page?: PageRequest): Promise<Page<Like>> {
  const id = parseInput(userIdSchema, userId);
  const list = { pattern: 'listLikedPhotos', partition: id };
  const response = await queryPage(buildListLikedPhotos(id), resolvePage(list, page), 'desc');
  return toPage('likes', list, response);
}

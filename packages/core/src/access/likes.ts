// Likes. Each function is one DynamoDB request; `build*` returns the ElectroDB
// operation so its request shape is testable with `.params()`.
import * as z from '../zod';

import { entities } from '../entities/service';
import type { Like } from '../entities/types';
import { toItem, toPage } from '../format';
import { resolvePage, type Page, type PageRequest } from '../pagination';
import { getItem, queryPage } from '../reads';
import { guarded } from '../transactions';
import { parseInput, requestIdSchema, ulidSchema, userIdSchema } from '../validation';

export type { Like };

export const likeInput = z.object({ photoId: ulidSchema, userId: userIdSchema });
export type LikeInput = z.input<typeof likeInput>;

export const likePhotoInput = z.extend(likeInput, {
  photoOwnerId: userIdSchema,
  /** The API request that liked: the activity service's correlation id for the like's record. */
  requestId: z.optional(requestIdSchema),
});
export type LikePhotoInput = z.input<typeof likePhotoInput>;

/**
 * `changed` is false when the request found the like already in the wanted state (idempotent
 * PUT/DELETE). The photo's likeCount is not written here: the activity service adds the Like
 * items' stream records to it (eventually consistent; `getPhotoLikeCount` reads it).
 */
export interface LikeResult {
  liked: boolean;
  changed: boolean;
}

export function buildLikePhoto(input: z.output<typeof likePhotoInput>, at = new Date()) {
  return entities().likes.create({
    photoId: input.photoId,
    userId: input.userId,
    photoOwnerId: input.photoOwnerId,
    ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
    likedAt: at.toISOString(),
  });
}

/**
 * like: one PutItem of the Like item, conditional on it not existing (a repeated like changes
 * nothing). Only the Like item is written: the photo item is not, so a viral photo's likes do not
 * all queue on one item. The caller has checked the photo exists and may be read.
 */
export async function likePhoto(raw: LikePhotoInput): Promise<LikeResult> {
  const input = parseInput(likePhotoInput, raw);
  const result = await guarded(() =>
    buildLikePhoto(input).go({ response: 'none', returnOnConditionCheckFailure: true }),
  );
  return { liked: true, changed: !result.rejected };
}

export function buildUnlikePhoto(input: z.output<typeof likeInput>) {
  return entities().likes.remove({ photoId: input.photoId, userId: input.userId });
}

/** unlike: one DeleteItem of the Like item, conditional on it existing; idempotent. */
export async function unlikePhoto(raw: LikeInput): Promise<LikeResult> {
  const input = parseInput(likeInput, raw);
  const result = await guarded(() =>
    buildUnlikePhoto(input).go({ response: 'none', returnOnConditionCheckFailure: true }),
  );
  return { liked: false, changed: !result.rejected };
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

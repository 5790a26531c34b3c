// Comments. Each function is one DynamoDB request; `build*` returns the
// ElectroDB operation so its request shape is testable with `.params()`.
import { ulid } from 'ulid';
import { createWriteTransaction } from 'electrodb';
import * as z from '../zod';
import { entities, entitiesFor } from '../entities/service';
import type { Comment } from '../entities/types';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { toPage } from '../format';
import { resolvePage, type Page, type PageRequest } from '../pagination';
import { queryPage } from '../reads';
import { failedCondition, runTransaction } from '../transactions';
import { parseInput, text, ulidSchema, userIdSchema } from '../validation';

export type { Comment };

/** A comment's text as clients send it (the HTTP contract uses the same schema). */
export const commentBodySchema = text({ min: 1, max: 2000, notBlank: true, trim: true });

export const addCommentInput = z.object({
  photoId: ulidSchema,
  authorId: userIdSchema,
  body: commentBodySchema,
});
export type AddCommentInput = z.input<typeof addCommentInput>;

export function buildAddComment(input: z.output<typeof addCommentInput>, at = new Date()) {
  const comment = {
    photoId: input.photoId,
    commentId: ulid(at.getTime()),
    authorId: input.authorId,
    body: input.body,
    createdAt: at.toISOString(),
  };
  const transaction = createWriteTransaction(entitiesFor('comments', 'photos'), ({ comments, photos }) => [
    comments.create(comment).commit(),
    photos.patch({ photoId: input.photoId }).add({ commentCount: 1 }).commit(),
  ]);
  return { comment, transaction };
}

/** add comment: Comment put + photo commentCount+1 (photo exists), one TransactWriteItems. */
export async function addComment(raw: AddCommentInput): Promise<Comment> {
  const input = parseInput(addCommentInput, raw);
  const { comment, transaction } = buildAddComment(input);
  const outcome = await runTransaction(transaction);
  if (outcome.ok) return comment;
  if (failedCondition(outcome.reasons, 1)) throw new NotFoundError('Photo');
  throw new ConflictError('Comment id collision, try again');
}

export const deleteCommentInput = z.object({
  photoId: ulidSchema,
  commentId: ulidSchema,
  authorId: userIdSchema,
});
export type DeleteCommentInput = z.input<typeof deleteCommentInput>;

export function buildDeleteComment(input: z.output<typeof deleteCommentInput>) {
  return createWriteTransaction(entitiesFor('comments', 'photos'), ({ comments, photos }) => [
    comments
      .delete({ photoId: input.photoId, commentId: input.commentId })
      .where((attr, { eq }) => eq(attr.authorId, input.authorId))
      .commit({ response: 'all_old' }),
    photos.patch({ photoId: input.photoId }).subtract({ commentCount: 1 }).commit(),
  ]);
}

/** delete comment: Comment delete (exists, caller wrote it) + photo commentCount−1, one TransactWriteItems. */
export async function deleteComment(raw: DeleteCommentInput): Promise<void> {
  const input = parseInput(deleteCommentInput, raw);
  const outcome = await runTransaction(buildDeleteComment(input));
  if (outcome.ok) return;
  if (failedCondition(outcome.reasons, 0)) {
    if (!outcome.reasons[0]?.item) throw new NotFoundError('Comment');
    throw new ForbiddenError('This comment belongs to someone else');
  }
  throw new NotFoundError('Photo');
}

export function buildListPhotoComments(photoId: string) {
  return entities().comments.query.byPhoto({ photoId });
}

/** comments of a photo, newest first: one Query page on the table (descending ULIDs). */
export async function listPhotoComments(photoId: string, page?: PageRequest): Promise<Page<Comment>> {
  const id = parseInput(ulidSchema, photoId);
  const list = { pattern: 'listPhotoComments', partition: id };
  const response = await queryPage(buildListPhotoComments(id), resolvePage(list, page), 'desc');
  return toPage('comments', list, response);
}

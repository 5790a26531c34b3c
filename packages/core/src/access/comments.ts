// Comments. Each function is one DynamoDB request; `build*` returns the
// ElectroDB operation so its request shape is testable with `.params()`.
import { ulid } from 'ulid';
import * as z from '../zod';
import { entities } from '../entities/service';
import type { Comment } from '../entities/types';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { toPage } from '../format';
import { resolvePage, type Page, type PageRequest } from '../pagination';
import { queryPage } from '../reads';
import { guarded } from '../transactions';
import { parseInput, requestIdSchema, text, ulidSchema, userIdSchema } from '../validation';

export type { Comment };

/** A comment's text as clients send it (the HTTP contract uses the same schema). */
export const commentBodySchema = text({ min: 1, max: 2000, notBlank: true, trim: true });

export const addCommentInput = z.object({
  photoId: ulidSchema,
  authorId: userIdSchema,
  photoOwnerId: userIdSchema,
  body: commentBodySchema,
  /** The API request that commented: the activity service's correlation id for its record. */
  requestId: z.optional(requestIdSchema),
});
export type AddCommentInput = z.input<typeof addCommentInput>;

export function buildAddComment(input: z.output<typeof addCommentInput>, at = new Date()) {
  const comment = {
    photoId: input.photoId,
    commentId: ulid(at.getTime()),
    authorId: input.authorId,
    photoOwnerId: input.photoOwnerId,
    body: input.body,
    ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
    createdAt: at.toISOString(),
  };
  return { comment, operation: entities().comments.create(comment) };
}

/**
 * add comment: one PutItem of the Comment item (its id must be new). The photo's commentCount is
 * the activity service's to update, from the stream. The caller has checked the photo may be read.
 */
export async function addComment(raw: AddCommentInput): Promise<Comment> {
  const input = parseInput(addCommentInput, raw);
  const { comment, operation } = buildAddComment(input);
  const result = await guarded(() => operation.go({ response: 'none', returnOnConditionCheckFailure: true }));
  if (result.rejected) throw new ConflictError('Comment id collision, try again');
  return comment;
}

export const deleteCommentInput = z.object({
  photoId: ulidSchema,
  commentId: ulidSchema,
  authorId: userIdSchema,
});
export type DeleteCommentInput = z.input<typeof deleteCommentInput>;

export function buildDeleteComment(input: z.output<typeof deleteCommentInput>) {
  return entities()
    .comments.delete({ photoId: input.photoId, commentId: input.commentId })
    .where((attr, { eq }) => eq(attr.authorId, input.authorId));
}

/** delete comment: one DeleteItem, conditional on the comment existing and the caller having written it. */
export async function deleteComment(raw: DeleteCommentInput): Promise<void> {
  const input = parseInput(deleteCommentInput, raw);
  const result = await guarded(() =>
    buildDeleteComment(input).go({ response: 'none', returnOnConditionCheckFailure: 'all_old' }),
  );
  if (!result.rejected) return;
  if (!result.data) throw new NotFoundError('Comment');
  throw new ForbiddenError('This comment belongs to someone else');
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

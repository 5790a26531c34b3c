import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import { commentBodySchema } from '@gallery/core/access/comments';
import { commentSchema, page, pageQuery, photoParams, ulid } from './common';

export const listCommentsRoute = {
  operationId: 'listPhotoComments',
  method: 'GET',
  path: '/v1/photos/{photoId}/comments',
  summary: 'Comments of a photo, newest first',
  tags: ['comments'],
  auth: 'jwt',
  params: photoParams,
  query: pageQuery,
  responses: { 200: { description: 'One page of comments', schema: page(commentSchema) } },
  errors: [400, 404, 422],
} satisfies RouteContract;

export const addCommentBody = z.strictObject({
  body: commentBodySchema,
});

export const addCommentRoute = {
  operationId: 'addComment',
  method: 'POST',
  idempotent: true,
  path: '/v1/photos/{photoId}/comments',
  summary: 'Comment on a photo',
  tags: ['comments'],
  auth: 'jwt',
  params: photoParams,
  body: addCommentBody,
  responses: { 201: { description: 'The new comment', schema: commentSchema } },
  errors: [400, 404, 413, 415, 422],
} satisfies RouteContract;

export const deleteCommentRoute = {
  operationId: 'deleteComment',
  method: 'DELETE',
  path: '/v1/photos/{photoId}/comments/{commentId}',
  summary: 'Delete your comment',
  tags: ['comments'],
  auth: 'jwt',
  params: z.object({ photoId: ulid('Photo id'), commentId: ulid('Comment id') }),
  responses: { 204: { description: 'Deleted' } },
  errors: [403, 404, 422],
} satisfies RouteContract;

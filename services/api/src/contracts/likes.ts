import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import { photoParams } from './common';

export const likeStateSchema = z.object({
  liked: z.boolean().check(z.describe('Whether you like the photo now')),
  likeCount: z
    .number()
    .check(
      z.int(),
      z.describe(
        "The photo's like count, eventually consistent: likes are counted from the table's stream, so a " +
          'like or unlike shows here (and on GET /v1/photos/{photoId}) typically 1-2 s after it was made ' +
          '(a 1 s batching window plus delivery). Under failures the stream retries for at most an hour; ' +
          'a change still not counted then is corrected by the counter repair job.',
      ),
    ),
});

export const likePhotoRoute = {
  operationId: 'likePhoto',
  method: 'PUT',
  path: '/v1/photos/{photoId}/like',
  summary: 'Like a photo (idempotent)',
  tags: ['likes'],
  auth: 'jwt',
  params: photoParams,
  responses: { 200: { description: 'You like the photo', schema: likeStateSchema } },
  errors: [404, 422],
} satisfies RouteContract;

export const unlikePhotoRoute = {
  operationId: 'unlikePhoto',
  method: 'DELETE',
  path: '/v1/photos/{photoId}/like',
  summary: 'Take back a like (idempotent)',
  tags: ['likes'],
  auth: 'jwt',
  params: photoParams,
  responses: { 200: { description: 'You do not like the photo', schema: likeStateSchema } },
  errors: [404, 422],
} satisfies RouteContract;

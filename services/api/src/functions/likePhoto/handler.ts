import { likePhoto as like } from '@gallery/core/access/likes';
import { getPhotoLikeCount } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { likePhotoRoute as route, type likeStateSchema } from '../../contracts/likes';
import { callerId } from '../../lib/caller';
import { readablePhoto } from '../../lib/visibility';

type Params = z.output<typeof route.params>;

/**
 * PUT /v1/photos/{photoId}/like: visibility check (photo, plus its album for non-owners), then Like
 * put + likeCount+1 in one transaction (a repeated like changes nothing), then the count, read
 * consistently. Idempotent: every repeat answers the same.
 */
export const likePhoto: PureHttpHandler<
  Params,
  undefined,
  undefined,
  z.output<typeof likeStateSchema>
> = async (request) => {
  const { photoId } = request.params;
  const caller = callerId(request.principal);
  await readablePhoto(photoId, caller);
  const { liked } = await like({ photoId, userId: caller });
  return { statusCode: 200, body: { liked, likeCount: await getPhotoLikeCount(photoId) } };
};

export const handler = httpHandler({ authenticate, params: route.params }, likePhoto);

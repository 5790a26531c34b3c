import { likePhoto as like } from '@gallery/core/access/likes';
import { getPhotoLikeCount } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { likePhotoRoute as route } from '../../contracts/likes';
import { readablePhoto } from '../../lib/visibility';

/**
 * PUT /v1/photos/{photoId}/like: visibility check (photo, plus its album for non-owners), then Like
 * put + likeCount+1 in one transaction (a repeated like changes nothing), then the count, read
 * consistently. Idempotent: every repeat answers the same.
 */
export const likePhoto: RouteHandler<typeof route> = async (request) => {
  const { photoId } = request.params;
  const caller = request.principal.userId;
  await readablePhoto(photoId, caller);
  const { liked } = await like({ photoId, userId: caller });
  return { statusCode: 200, body: { liked, likeCount: await getPhotoLikeCount(photoId) } };
};

export const handler = httpHandler(route, likePhoto, { authenticate });

import { likePhoto as like } from '@gallery/core/access/likes';
import { getPhotoLikeCount } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import { likePhotoRoute as route } from '../../contracts/likes';
import { readablePhoto } from '../../lib/visibility';

/**
 * PUT /v1/photos/{photoId}/like: visibility check (photo, plus its album for non-owners), then one
 * conditional Like put (a repeated like changes nothing), then the photo's count. `liked` is the
 * caller's state now; `likeCount` is the photo's count as the activity service has applied it from
 * the table's stream, which may not include this like yet (see the contract). Idempotent.
 */
export const likePhoto: RouteHandler<typeof route> = async (request) => {
  const { photoId } = request.params;
  const caller = request.principal.userId;
  const { photo } = await readablePhoto(photoId, caller);
  const { liked, changed } = await like({
    photoId,
    userId: caller,
    photoOwnerId: photo.ownerId,
    requestId: request.requestId,
  });
  if (changed) countEvent(BusinessMetric.Likes);
  return { statusCode: 200, body: { liked, likeCount: await getPhotoLikeCount(photoId) } };
};

export const handler = httpHandler(route, likePhoto, { authenticate });

import { unlikePhoto as unlike } from '@gallery/core/access/likes';
import { getPhotoLikeCount } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { unlikePhotoRoute as route } from '../../contracts/likes';
import { readablePhoto } from '../../lib/visibility';

/**
 * DELETE /v1/photos/{photoId}/like: visibility check, then one conditional Like delete (nothing when
 * there was no like), then the photo's count, eventually consistent as for a like. Idempotent.
 */
export const unlikePhoto: RouteHandler<typeof route> = async (request) => {
  const { photoId } = request.params;
  const caller = request.principal.userId;
  await readablePhoto(photoId, caller);
  const { liked } = await unlike({ photoId, userId: caller });
  return { statusCode: 200, body: { liked, likeCount: await getPhotoLikeCount(photoId) } };
};

export const handler = httpHandler(route, unlikePhoto, { authenticate });

import { unlikePhoto as unlike } from '@gallery/core/access/likes';
import { getPhotoLikeCount } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { unlikePhotoRoute as route, type likeStateSchema } from '../../contracts/likes';
import { callerId } from '../../lib/caller';
import { readablePhoto } from '../../lib/visibility';

type Params = z.output<typeof route.params>;

/**
 * DELETE /v1/photos/{photoId}/like: visibility check, then one conditional Like delete (nothing when
 * there was no like), then the photo's count, eventually consistent as for a like. Idempotent.
 */
export const unlikePhoto: PureHttpHandler<
  Params,
  undefined,
  undefined,
  z.output<typeof likeStateSchema>
> = async (request) => {
  const { photoId } = request.params;
  const caller = callerId(request.principal);
  await readablePhoto(photoId, caller);
  const { liked } = await unlike({ photoId, userId: caller });
  return { statusCode: 200, body: { liked, likeCount: await getPhotoLikeCount(photoId) } };
};

export const handler = httpHandler({ authenticate, params: route.params }, unlikePhoto);

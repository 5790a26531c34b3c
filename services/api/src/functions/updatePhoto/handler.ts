import { updatePhoto as update } from '@gallery/core/access/photos';
import { ForbiddenError } from '@gallery/core/errors';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { updatePhotoRoute as route } from '../../contracts/photos';
import { photoNotYours } from '../../lib/visibility';
import { photoView } from '../../lib/views';

/**
 * PATCH /v1/photos/{photoId}: one UpdateItem conditioned on owner and version. Only when the caller
 * is not the owner are the photo and its album read, to answer 403 (visible) or 404 (not visible).
 */
export const updatePhoto: RouteHandler<typeof route> = async (request) => {
  const caller = request.principal.userId;
  const { photoId } = request.params;
  try {
    const photo = await update({
      photoId,
      ownerId: caller,
      expectedVersion: request.body.version,
      caption: request.body.caption,
    });
    return { statusCode: 200, body: await photoView(photo) };
  } catch (err) {
    if (err instanceof ForbiddenError) throw await photoNotYours(photoId, caller);
    throw err;
  }
};

export const handler = httpHandler(route, updatePhoto, { authenticate });

import { updatePhoto as update } from '@gallery/core/access/photos';
import { ForbiddenError } from '@gallery/core/errors';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import type { PhotoView } from '../../contracts/common';
import { updatePhotoRoute as route } from '../../contracts/photos';
import { callerId } from '../../lib/caller';
import { photoNotYours } from '../../lib/visibility';
import { photoView } from '../../lib/views';

type Params = z.output<typeof route.params>;
type Body = z.output<typeof route.body>;

/**
 * PATCH /v1/photos/{photoId}: one UpdateItem conditioned on owner and version. Only when the caller
 * is not the owner are the photo and its album read, to answer 403 (visible) or 404 (not visible).
 */
export const updatePhoto: PureHttpHandler<Params, undefined, Body, PhotoView> = async (request) => {
  const caller = callerId(request.principal);
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

export const handler = httpHandler({ authenticate, params: route.params, body: route.body }, updatePhoto);

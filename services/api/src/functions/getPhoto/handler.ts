import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import type { PhotoView } from '../../contracts/common';
import { getPhotoRoute as route } from '../../contracts/photos';
import { callerId } from '../../lib/caller';
import { readablePhoto } from '../../lib/visibility';
import { photoView } from '../../lib/views';

type Params = z.output<typeof route.params>;

/** GET /v1/photos/{photoId}: GetItem of the photo, plus one of its album for anyone but the owner. */
export const getPhoto: PureHttpHandler<Params, undefined, undefined, PhotoView> = async (request) => {
  const { photo } = await readablePhoto(request.params.photoId, callerId(request.principal));
  return { statusCode: 200, body: await photoView(photo), headers: { 'cache-control': 'private, no-store' } };
};

export const handler = httpHandler({ authenticate, params: route.params }, getPhoto);

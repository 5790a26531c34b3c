import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { getPhotoRoute as route } from '../../contracts/photos';
import { readablePhoto } from '../../lib/visibility';
import { photoView } from '../../lib/views';

/** GET /v1/photos/{photoId}: GetItem of the photo, plus one of its album for anyone but the owner. */
export const getPhoto: RouteHandler<typeof route> = async (request) => {
  const { photo } = await readablePhoto(request.params.photoId, request.principal.userId);
  return { statusCode: 200, body: await photoView(photo), headers: { 'cache-control': 'private, no-store' } };
};

export const handler = httpHandler(route, getPhoto, { authenticate });

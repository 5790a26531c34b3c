import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { getAlbumRoute as route } from '../../contracts/albums';
import { readableAlbum } from '../../lib/visibility';
import { albumView } from '../../lib/views';

/** GET /v1/albums/{albumId}: one GetItem; someone else's private album is 404. */
export const getAlbum: RouteHandler<typeof route> = async (request) => {
  const caller = request.principal.userId;
  return { statusCode: 200, body: albumView(await readableAlbum(request.params.albumId, caller), caller) };
};

export const handler = httpHandler(route, getAlbum, { authenticate });

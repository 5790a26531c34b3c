import { createAlbum as create } from '@gallery/core/access/albums';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { idempotency } from '@gallery/lambda/idempotency';
import { createAlbumRoute as route } from '../../contracts/albums';
import { albumView } from '../../lib/views';

/** POST /v1/albums: Album put + owner's albumCount+1, one transaction (404 if the caller has no profile). */
export const createAlbum: RouteHandler<typeof route> = async (request) => {
  const album = await create({ ...request.body, ownerId: request.principal.userId });
  return {
    statusCode: 201,
    body: albumView(album, album.ownerId),
    headers: { location: `/v1/albums/${album.albumId}` },
  };
};

export const handler = httpHandler(route, createAlbum, { authenticate, idempotency });

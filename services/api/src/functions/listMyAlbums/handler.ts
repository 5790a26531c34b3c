import { listUserAlbums } from '@gallery/core/access/albums';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { listMyAlbumsRoute as route } from '../../contracts/albums';
import { albumView } from '../../lib/views';

/** GET /v1/albums: the caller's albums, newest first (one Query on gsi1). */
export const listMyAlbums: RouteHandler<typeof route> = async (request) => {
  const page = await listUserAlbums(request.principal.userId, request.query);
  return {
    statusCode: 200,
    body: { items: page.items.map((album) => albumView(album, album.ownerId)), cursor: page.cursor },
  };
};

export const handler = httpHandler(route, listMyAlbums, { authenticate });

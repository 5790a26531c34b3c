import { listPublicAlbums, listUserAlbums as listAllAlbums } from '@gallery/core/access/albums';
import { getUserByHandle } from '@gallery/core/access/users';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { listUserAlbumsRoute as route } from '../../contracts/users';
import { albumView } from '../../lib/views';

/**
 * GET /v1/users/{handle}/albums: user by handle (Query gsi1), then their public albums (Query on the
 * sparse gsi2), or all their albums (gsi1) when the handle is the caller's own.
 */
export const listUserAlbums: RouteHandler<typeof route> = async (request) => {
  const user = await getUserByHandle(request.params.handle);
  const list = user.userId === request.principal.userId ? listAllAlbums : listPublicAlbums;
  const page = await list(user.userId, request.query);
  return {
    statusCode: 200,
    body: {
      items: page.items.map((album) => albumView(album, request.principal.userId)),
      cursor: page.cursor,
    },
  };
};

export const handler = httpHandler(route, listUserAlbums, { authenticate });

import { listPublicAlbums, listUserAlbums as listAllAlbums } from '@gallery/core/access/albums';
import { getUserByHandle } from '@gallery/core/access/users';
import type { Page } from '@gallery/core/pagination';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import type { AlbumView } from '../../contracts/common';
import { listUserAlbumsRoute as route } from '../../contracts/users';
import { callerId } from '../../lib/caller';
import { albumView } from '../../lib/views';

type Params = z.output<typeof route.params>;
type Query = z.output<typeof route.query>;

/**
 * GET /v1/users/{handle}/albums: user by handle (Query gsi1), then their public albums (Query on the
 * sparse gsi2), or all their albums (gsi1) when the handle is the caller's own.
 */
export const listUserAlbums: PureHttpHandler<Params, Query, undefined, Page<AlbumView>> = async (request) => {
  const user = await getUserByHandle(request.params.handle);
  const list = user.userId === callerId(request.principal) ? listAllAlbums : listPublicAlbums;
  const page = await list(user.userId, request.query);
  return {
    statusCode: 200,
    body: {
      items: page.items.map((album) => albumView(album, callerId(request.principal))),
      cursor: page.cursor,
    },
  };
};

export const handler = httpHandler(
  { authenticate, params: route.params, query: route.query },
  listUserAlbums,
);

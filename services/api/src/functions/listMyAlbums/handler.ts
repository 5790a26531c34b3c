import { listUserAlbums } from '@gallery/core/access/albums';
import type { Page } from '@gallery/core/pagination';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { listMyAlbumsRoute as route } from '../../contracts/albums';
import type { AlbumView } from '../../contracts/common';
import { callerId } from '../../lib/caller';
import { albumView } from '../../lib/views';

type Query = z.output<typeof route.query>;

/** GET /v1/albums: the caller's albums, newest first (one Query on gsi1). */
export const listMyAlbums: PureHttpHandler<undefined, Query, undefined, Page<AlbumView>> = async (
  request,
) => {
  const page = await listUserAlbums(callerId(request.principal), request.query);
  return {
    statusCode: 200,
    body: { items: page.items.map((album) => albumView(album, album.ownerId)), cursor: page.cursor },
  };
};

export const handler = httpHandler({ authenticate, query: route.query }, listMyAlbums);

import { createAlbum as create } from '@gallery/core/access/albums';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { createAlbumRoute as route } from '../../contracts/albums';
import type { AlbumView } from '../../contracts/common';
import { callerId } from '../../lib/caller';
import { albumView } from '../../lib/views';

type Body = z.output<typeof route.body>;

/** POST /v1/albums: Album put + owner's albumCount+1, one transaction (404 if the caller has no profile). */
export const createAlbum: PureHttpHandler<undefined, undefined, Body, AlbumView> = async (request) => {
  const album = await create({ ...request.body, ownerId: callerId(request.principal) });
  return {
    statusCode: 201,
    body: albumView(album, album.ownerId),
    headers: { location: `/v1/albums/${album.albumId}` },
  };
};

export const handler = httpHandler({ authenticate, body: route.body }, createAlbum);

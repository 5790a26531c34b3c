import { deleteAlbum as remove } from '@gallery/core/access/albums';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { deleteAlbumRoute as route } from '../../contracts/albums';
import { callerId } from '../../lib/caller';

type Params = z.output<typeof route.params>;

/** DELETE /v1/albums/{albumId}: Album delete + albumCount−1, one transaction; 409 while it has photos. */
export const deleteAlbum: PureHttpHandler<Params, undefined, undefined, undefined> = async (request) => {
  await remove({ albumId: request.params.albumId, ownerId: callerId(request.principal) });
  return { statusCode: 204 };
};

export const handler = httpHandler({ authenticate, params: route.params }, deleteAlbum);

import { deleteAlbum as remove } from '@gallery/core/access/albums';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { deleteAlbumRoute as route } from '../../contracts/albums';

/** DELETE /v1/albums/{albumId}: Album delete + albumCount−1, one transaction; 409 while it has photos. */
export const deleteAlbum: RouteHandler<typeof route> = async (request) => {
  await remove({ albumId: request.params.albumId, ownerId: request.principal.userId });
  return { statusCode: 204 };
};

export const handler = httpHandler(route, deleteAlbum, { authenticate });

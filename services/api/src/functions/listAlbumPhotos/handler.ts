import { listAlbumPhotos as list } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { listAlbumPhotosRoute as route } from '../../contracts/photos';
import { readableAlbum } from '../../lib/visibility';
import { photoView } from '../../lib/views';

/**
 * GET /v1/albums/{albumId}/photos: GetItem of the album (the visibility check), then one Query page
 * of its photos on gsi1, with presigned thumbnail URLs for the ready ones. Non-owners see ready
 * photos only.
 */
export const listAlbumPhotos: RouteHandler<typeof route> = async (request) => {
  const { albumId } = request.params;
  const caller = request.principal.userId;
  const album = await readableAlbum(albumId, caller);
  const page = await list(albumId, request.query);
  // Others see finished photos only (a page may then hold fewer than `limit`; the cursor still
  // moves on), never pending uploads or failure reasons.
  const items = album.ownerId === caller ? page.items : page.items.filter((p) => p.status === 'ready');
  return {
    statusCode: 200,
    body: { items: await Promise.all(items.map((photo) => photoView(photo))), cursor: page.cursor },
    headers: { 'cache-control': 'private, no-store' },
  };
};

export const handler = httpHandler(route, listAlbumPhotos, { authenticate });

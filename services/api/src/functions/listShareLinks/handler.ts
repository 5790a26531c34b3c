import { getAlbum } from '@gallery/core/access/albums';
import { listAlbumShareLinks } from '@gallery/core/access/shares';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { listShareLinksRoute as route } from '../../contracts/shares';
import { shareLinkView } from '../../lib/share-url';
import { albumNotYours } from '../../lib/visibility';

/**
 * GET /v1/albums/{albumId}/shares: album by id (GetItem: an unknown or deleted album is 404, someone
 * else's 404 or 403 as for any change to it) and one Query page of the caller's links to it, sent
 * together: the Query reads the caller's own partition, so it reveals nothing when the album is not
 * theirs.
 */
export const listShareLinks: RouteHandler<typeof route> = async ({ params, query, principal }) => {
  const [album, page] = await Promise.all([
    getAlbum(params.albumId),
    listAlbumShareLinks(principal.userId, params.albumId, query),
  ]);
  if (album.ownerId !== principal.userId) throw albumNotYours(album, principal.userId);
  return {
    statusCode: 200,
    body: { items: page.items.map(shareLinkView), cursor: page.cursor },
    headers: { 'cache-control': 'private, no-store' },
  };
};

export const handler = httpHandler(route, listShareLinks, { authenticate });

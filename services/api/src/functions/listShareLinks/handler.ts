import { listAlbumShareLinks } from '@gallery/core/access/shares';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { listShareLinksRoute as route } from '../../contracts/shares';
import { shareLinkView } from '../../lib/share-url';

/** GET /v1/albums/{albumId}/shares: one Query page of the caller's own links to the album. */
export const listShareLinks: RouteHandler<typeof route> = async ({ params, query, principal }) => {
  const page = await listAlbumShareLinks(principal.userId, params.albumId, query);
  return {
    statusCode: 200,
    body: { items: page.items.map(shareLinkView), cursor: page.cursor },
    headers: { 'cache-control': 'private, no-store' },
  };
};

export const handler = httpHandler(route, listShareLinks, { authenticate });

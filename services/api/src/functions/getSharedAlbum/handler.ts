import { getAlbum } from '@gallery/core/access/albums';
import { listAlbumPhotos } from '@gallery/core/access/photos';
import { getShareLink } from '@gallery/core/access/shares';
import { NotFoundError } from '@gallery/core/errors';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import { getSharedAlbumRoute as route } from '../../contracts/shares';
import { albumView, photoView } from '../../lib/views';

/**
 * GET /v1/shared/{token}: no sign-in. Share link by token (GetItem; expired links are 404 even
 * before TTL removes them), the album (GetItem), one Query page of its photos of which only the
 * ready ones are shown (a page can hold fewer than `limit`; follow `cursor`).
 */
export const getSharedAlbum: RouteHandler<typeof route> = async (request) => {
  const link = await getShareLink(request.params.token);
  const album = await getAlbum(link.albumId).catch((err: unknown) => {
    // The album was deleted after it was shared: the link is dead too.
    throw err instanceof NotFoundError ? new NotFoundError('ShareLink', { cause: err }) : err;
  });
  const page = await listAlbumPhotos(album.albumId, request.query);
  const ready = page.items.filter((photo) => photo.status === 'ready');
  // Opened: the first page; the following pages are the same visit.
  if (request.query.cursor === undefined) countEvent(BusinessMetric.SharesOpened);
  return {
    statusCode: 200,
    body: {
      // Whoever holds the link, the owner included, sees what a stranger sees.
      album: albumView(album, undefined),
      // The photos' URLs expire with the link.
      photos: {
        items: await Promise.all(
          ready.map((photo) => photoView(photo, { kind: 'share', linkExpiresAt: link.expiresAt })),
        ),
        cursor: page.cursor,
      },
    },
    headers: { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' },
  };
};

export const handler = httpHandler(route, getSharedAlbum);

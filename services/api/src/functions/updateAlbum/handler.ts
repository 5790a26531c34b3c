import { getAlbum, updateAlbum as update } from '@gallery/core/access/albums';
import { getPhoto } from '@gallery/core/access/photos';
import { ForbiddenError, NotFoundError, ValidationError } from '@gallery/core/errors';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { updateAlbumRoute as route } from '../../contracts/albums';
import { canReadAlbum } from '../../lib/visibility';
import { albumView } from '../../lib/views';

/**
 * A new cover must be a photo of this album. Checked only when one is given: the album first (so a
 * stranger learns nothing from the photo check), then the photo; two GetItems.
 */
async function checkCover(albumId: string, coverPhotoId: string, caller: string): Promise<void> {
  const album = await getAlbum(albumId);
  if (album.ownerId !== caller) {
    throw canReadAlbum(album, caller)
      ? new ForbiddenError('This album belongs to someone else')
      : new NotFoundError('Album');
  }
  const photo = await getPhoto(coverPhotoId).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  if (photo?.albumId !== albumId) {
    throw new ValidationError('The request is not valid.', [
      { path: 'body.coverPhotoId', message: 'must be a photo of this album' },
    ]);
  }
}

/**
 * PATCH /v1/albums/{albumId}: one UpdateItem conditioned on owner and version (stale version 409,
 * a public album of someone else 403, a private one 404).
 */
export const updateAlbum: RouteHandler<typeof route> = async (request) => {
  const caller = request.principal.userId;
  const { albumId } = request.params;
  const { version, ...changes } = request.body;
  if (changes.coverPhotoId !== undefined) await checkCover(albumId, changes.coverPhotoId, caller);
  const album = await update({ albumId, ownerId: caller, expectedVersion: version, ...changes });
  return { statusCode: 200, body: albumView(album) };
};

export const handler = httpHandler(route, updateAlbum, { authenticate });

import { updateAlbum as update } from '@gallery/core/access/albums';
import { ValidationError } from '@gallery/core/errors';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { updateAlbumRoute as route } from '../../contracts/albums';
import { albumView } from '../../lib/views';

/**
 * PATCH /v1/albums/{albumId}: one UpdateItem conditioned on owner and version (stale version 409,
 * a public album of someone else 403, a private one 404). A new cover is set in one transaction
 * with a check that it is a photo of this album (422 otherwise), then the album is read back.
 */
export const updateAlbum: RouteHandler<typeof route> = async (request) => {
  const caller = request.principal.userId;
  const { version, ...changes } = request.body;
  try {
    const album = await update({
      albumId: request.params.albumId,
      ownerId: caller,
      expectedVersion: version,
      ...changes,
    });
    return { statusCode: 200, body: albumView(album, caller) };
  } catch (err) {
    // The domain names the field; the request had it in its body.
    if (err instanceof ValidationError) {
      const issues = err.issues.map((issue) => ({ ...issue, path: `body.${issue.path}` }));
      throw new ValidationError('The request is not valid.', issues, { cause: err });
    }
    throw err;
  }
};

export const handler = httpHandler(route, updateAlbum, { authenticate });

import { deletePhoto as remove, getPhoto } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { deletePhotoRoute as route } from '../../contracts/photos';
import { photoNotYours } from '../../lib/visibility';

/**
 * DELETE /v1/photos/{photoId}: GetItem of the photo (its album and status), then one transaction:
 * Photo delete + album counters (and its cover, when it was this photo) + photo-purge queue entry.
 * The request path ends there: the scheduler's purgeDeletedPhotos job removes the photo's comments,
 * likes and S3 objects from the queue, and the orphan sweep catches any object that escapes it.
 */
export const deletePhoto: RouteHandler<typeof route> = async (request) => {
  const caller = request.principal.userId;
  const { photoId } = request.params;
  const photo = await getPhoto(photoId);
  if (photo.ownerId !== caller) throw await photoNotYours(photoId, caller);
  await remove({ photoId, albumId: photo.albumId, ownerId: caller, status: photo.status });
  return { statusCode: 204 };
};

export const handler = httpHandler(route, deletePhoto, { authenticate });

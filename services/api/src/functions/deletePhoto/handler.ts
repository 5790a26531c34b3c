import { deletePhoto as remove, getPhoto } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { deletePhotoRoute as route } from '../../contracts/photos';
import { deleteObjects } from '../../lib/media-objects';
import { photoNotYours } from '../../lib/visibility';

/** Time kept back from the function's limit for answering after the S3 cleanup. */
const ANSWER_MARGIN_MS = 500;

/**
 * DELETE /v1/photos/{photoId}: GetItem of the photo (its album and object keys), then Photo delete +
 * album photoCount−1 in one transaction, then a DeleteObject for the upload and each thumbnail.
 * The row is the source of truth: if the S3 cleanup fails, the photo is still gone and the
 * scheduler's orphan sweep removes the objects later, so the request still succeeds.
 */
export const deletePhoto: RouteHandler<typeof route> = async (request, context) => {
  const caller = request.principal.userId;
  const { photoId } = request.params;
  const photo = await getPhoto(photoId);
  if (photo.ownerId !== caller) throw await photoNotYours(photoId, caller);
  await remove({ photoId, albumId: photo.albumId, ownerId: caller });
  const keys = [photo.objectKey, ...(photo.renditions ?? []).map((r) => r.key)];
  const left = await deleteObjects(keys, Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS);
  if (left.length > 0) request.log.warn('photo objects left for the orphan sweep', { photoId, left });
  return { statusCode: 204 };
};

export const handler = httpHandler(route, deletePhoto, { authenticate });

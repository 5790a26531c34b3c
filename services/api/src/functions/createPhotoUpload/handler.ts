import { addPhoto } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { idempotency } from '@gallery/lambda/idempotency';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import { createPhotoRoute as route } from '../../contracts/photos';
import { presignUpload } from '../../lib/s3';
import { photoView } from '../../lib/views';

/**
 * POST /v1/albums/{albumId}/photos: the body is validated (image type, size limit) before anything
 * is written; then Photo put (pending) + album photoCount+1, one transaction conditioned on the
 * caller owning the album; then a presigned PUT for `uploads/<ownerId>/<photoId>` bound to the
 * declared type and size (signing is local: no request). The photo records the API request id, so
 * the thumbnail function's lines carry it as their correlation id.
 */
export const createPhotoUpload: RouteHandler<typeof route> = async (request) => {
  const photo = await addPhoto({
    ...request.body,
    albumId: request.params.albumId,
    ownerId: request.principal.userId,
    requestId: request.requestId,
  });
  countEvent(BusinessMetric.UploadsRequested);
  const upload = await presignUpload({
    key: photo.objectKey,
    contentType: photo.contentType,
    size: photo.size,
  });
  return {
    statusCode: 201,
    body: { photo: await photoView(photo), upload },
    headers: { location: `/v1/photos/${photo.photoId}`, 'cache-control': 'no-store' },
  };
};

export const handler = httpHandler(route, createPhotoUpload, { authenticate, idempotency });

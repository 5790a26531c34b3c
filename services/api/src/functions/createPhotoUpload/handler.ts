import { addPhoto } from '@gallery/core/access/photos';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import type { PhotoView } from '../../contracts/common';
import { createPhotoRoute as route } from '../../contracts/photos';
import { callerId } from '../../lib/caller';
import { presignUpload, type PresignedUpload } from '../../lib/s3';
import { photoView } from '../../lib/views';

type Params = z.output<typeof route.params>;
type Body = z.output<typeof route.body>;

/**
 * POST /v1/albums/{albumId}/photos: the body is validated (image type, size limit) before anything
 * is written; then Photo put (pending) + album photoCount+1, one transaction conditioned on the
 * caller owning the album; then a presigned PUT for `uploads/<ownerId>/<photoId>` bound to the
 * declared type and size (signing is local: no request).
 */
export const createPhotoUpload: PureHttpHandler<
  Params,
  undefined,
  Body,
  { photo: PhotoView; upload: PresignedUpload }
> = async (request) => {
  const photo = await addPhoto({
    ...request.body,
    albumId: request.params.albumId,
    ownerId: callerId(request.principal),
  });
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

export const handler = httpHandler(
  { authenticate, params: route.params, body: route.body },
  createPhotoUpload,
);

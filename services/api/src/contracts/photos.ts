import { MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES, captionSchema as caption } from '@gallery/core/access/photos';
import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import { albumParams, page, pageQuery, photoParams, photoSchema, version } from './common';

export const createPhotoBody = z.strictObject({
  contentType: z.enum(PHOTO_CONTENT_TYPES).check(z.describe('The type the upload must be sent with')),
  size: z
    .number()
    .check(
      z.int(),
      z.minimum(1),
      z.maximum(MAX_PHOTO_BYTES),
      z.describe(`Exact size in bytes of the file to upload (at most ${MAX_PHOTO_BYTES})`),
    ),
  caption: z.optional(caption),
});

export const uploadSchema = z.object({
  url: z.string().check(z.describe('Presigned S3 URL')),
  method: z.literal('PUT'),
  headers: z
    .record(z.string(), z.string())
    .check(z.describe('Send exactly these headers: the signature covers content-type and content-length')),
  expiresAt: z.string().check(z.describe('ISO-8601; the URL is refused after it')),
});

export const createPhotoRoute = {
  operationId: 'createPhotoUpload',
  method: 'POST',
  idempotent: true,
  path: '/v1/albums/{albumId}/photos',
  summary: 'Add a photo to your album: get a presigned upload',
  description:
    'Writes the photo as `pending` and returns a presigned PUT bound to the declared type and size. ' +
    'Once the bytes are uploaded, thumbnails are made and the photo becomes `ready` (or `failed`).',
  tags: ['photos'],
  auth: 'jwt',
  params: albumParams,
  body: createPhotoBody,
  responses: {
    201: {
      description: 'The pending photo and how to upload it',
      schema: z.object({ photo: photoSchema, upload: uploadSchema }),
    },
  },
  errors: [400, 403, 404, 413, 415, 422],
} satisfies RouteContract;

export const listAlbumPhotosRoute = {
  operationId: 'listAlbumPhotos',
  method: 'GET',
  path: '/v1/albums/{albumId}/photos',
  summary: 'Photos of an album, in upload order',
  tags: ['photos'],
  auth: 'jwt',
  params: albumParams,
  query: pageQuery,
  responses: { 200: { description: 'One page of photos', schema: page(photoSchema) } },
  errors: [400, 404, 422],
} satisfies RouteContract;

export const getPhotoRoute = {
  operationId: 'getPhoto',
  method: 'GET',
  path: '/v1/photos/{photoId}',
  summary: 'A photo (of your album, or of a public one)',
  tags: ['photos'],
  auth: 'jwt',
  params: photoParams,
  responses: { 200: { description: 'The photo', schema: photoSchema } },
  errors: [404, 422],
} satisfies RouteContract;

export const updatePhotoBody = z.strictObject({ version, caption });

export const updatePhotoRoute = {
  operationId: 'updatePhoto',
  method: 'PATCH',
  path: '/v1/photos/{photoId}',
  summary: "Edit your photo's caption",
  tags: ['photos'],
  auth: 'jwt',
  params: photoParams,
  body: updatePhotoBody,
  responses: { 200: { description: 'The photo as changed', schema: photoSchema } },
  errors: [400, 403, 404, 409, 413, 415, 422],
} satisfies RouteContract;

export const deletePhotoRoute = {
  operationId: 'deletePhoto',
  method: 'DELETE',
  path: '/v1/photos/{photoId}',
  summary: 'Delete your photo and its files',
  tags: ['photos'],
  auth: 'jwt',
  params: photoParams,
  responses: { 204: { description: 'Deleted' } },
  errors: [403, 404, 422],
} satisfies RouteContract;

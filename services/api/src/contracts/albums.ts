import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import {
  albumChangeRequired,
  albumDescriptionSchema as description,
  albumTitleSchema as title,
} from '@gallery/core/access/albums';
import { albumParams, albumSchema, page, pageQuery, ulid, version } from './common';

const visibility = z
  .enum(['public', 'private'])
  .check(z.describe('Public albums are readable by every signed-in user'));

export const createAlbumBody = z.strictObject({ title, description: z.optional(description), visibility });

export const createAlbumRoute = {
  operationId: 'createAlbum',
  method: 'POST',
  idempotent: true,
  path: '/v1/albums',
  summary: 'Create an album',
  tags: ['albums'],
  auth: 'jwt',
  body: createAlbumBody,
  responses: { 201: { description: 'The new album', schema: albumSchema } },
  errors: [400, 404, 413, 415, 422],
} satisfies RouteContract;

export const listMyAlbumsRoute = {
  operationId: 'listMyAlbums',
  method: 'GET',
  path: '/v1/albums',
  summary: 'My albums, newest first',
  tags: ['albums'],
  auth: 'jwt',
  query: pageQuery,
  responses: { 200: { description: 'One page of albums', schema: page(albumSchema) } },
  errors: [400, 422],
} satisfies RouteContract;

export const getAlbumRoute = {
  operationId: 'getAlbum',
  method: 'GET',
  path: '/v1/albums/{albumId}',
  summary: 'An album (yours, or a public one)',
  tags: ['albums'],
  auth: 'jwt',
  params: albumParams,
  responses: { 200: { description: 'The album', schema: albumSchema } },
  errors: [404, 422],
} satisfies RouteContract;

export const updateAlbumBody = z
  .strictObject({
    version,
    title: z.optional(title),
    description: z.optional(description),
    visibility: z.optional(visibility),
    coverPhotoId: z.optional(ulid('A photo of this album')),
  })
  .check(albumChangeRequired);

export const updateAlbumRoute = {
  operationId: 'updateAlbum',
  method: 'PATCH',
  path: '/v1/albums/{albumId}',
  summary: 'Edit your album',
  description:
    'Send the `version` you read; a stale version is a 409. `coverPhotoId` must name a photo of this ' +
    'album (a 422 otherwise: a rule on the data, which no schema can state).',
  tags: ['albums'],
  auth: 'jwt',
  params: albumParams,
  body: updateAlbumBody,
  responses: { 200: { description: 'The album as changed', schema: albumSchema } },
  errors: [400, 403, 404, 409, 413, 415, 422],
} satisfies RouteContract;

export const deleteAlbumRoute = {
  operationId: 'deleteAlbum',
  method: 'DELETE',
  path: '/v1/albums/{albumId}',
  summary: 'Delete your album',
  description: 'Only an empty album can be deleted (409 otherwise): delete its photos first.',
  tags: ['albums'],
  auth: 'jwt',
  params: albumParams,
  responses: { 204: { description: 'Deleted' } },
  errors: [403, 404, 409, 422],
} satisfies RouteContract;

import { SHARE_LINK_TTL, shareTokenSchema } from '@gallery/core/access/shares';
import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import { albumParams, albumSchema, page, pageQuery, photoSchema } from './common';

export const createShareBody = z.strictObject({
  expiresInSeconds: z
    .number()
    .check(
      z.int(),
      z.minimum(SHARE_LINK_TTL.minSeconds),
      z.maximum(SHARE_LINK_TTL.maxSeconds),
      z.describe('How long the link works, in seconds'),
    ),
});

export const shareLinkSchema = z.object({
  token: z.string(),
  albumId: z.string(),
  url: z.string().check(z.describe('GET it, no sign-in needed: the album and its ready photos')),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type ShareLinkView = z.output<typeof shareLinkSchema>;

const shareParams = z.object({
  albumId: albumParams.shape.albumId,
  token: shareTokenSchema.check(z.describe('The share token')),
});

export const createShareRoute = {
  operationId: 'createShareLink',
  method: 'POST',
  idempotent: true,
  path: '/v1/albums/{albumId}/shares',
  summary: 'Share your album by link, read-only, until it expires',
  tags: ['shares'],
  auth: 'jwt',
  params: albumParams,
  body: createShareBody,
  responses: { 201: { description: 'The link', schema: shareLinkSchema } },
  errors: [400, 403, 404, 413, 415, 422],
} satisfies RouteContract;

export const listShareLinksRoute = {
  operationId: 'listShareLinks',
  method: 'GET',
  path: '/v1/albums/{albumId}/shares',
  summary: 'Your share links of your album, newest first',
  description: 'Links that have not expired or been revoked.',
  tags: ['shares'],
  auth: 'jwt',
  params: albumParams,
  query: pageQuery,
  responses: { 200: { description: 'One page of links', schema: page(shareLinkSchema) } },
  errors: [400, 403, 404, 422],
} satisfies RouteContract;

export const revokeShareLinkRoute = {
  operationId: 'revokeShareLink',
  method: 'DELETE',
  path: '/v1/albums/{albumId}/shares/{token}',
  summary: 'Revoke a share link of your album',
  description: "From this answer on, the link is a 404. Unknown links and other users' links are 404.",
  tags: ['shares'],
  auth: 'jwt',
  params: shareParams,
  responses: { 204: { description: 'Revoked' } },
  errors: [],
} satisfies RouteContract;

export const getSharedAlbumRoute = {
  operationId: 'getSharedAlbum',
  method: 'GET',
  path: '/v1/shared/{token}',
  summary: 'A shared album and its ready photos',
  description: 'No sign-in: the token is the credential. 404 once the link has expired or was revoked.',
  tags: ['shares'],
  auth: 'none',
  params: z.object({ token: shareTokenSchema.check(z.describe('The share token')) }),
  query: pageQuery,
  responses: {
    200: {
      description: 'The album and one page of its ready photos',
      schema: z.object({ album: albumSchema, photos: page(photoSchema) }),
    },
  },
  errors: [400, 404, 422],
} satisfies RouteContract;

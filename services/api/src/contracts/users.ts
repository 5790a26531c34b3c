import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import { albumSchema, handle, page, pageQuery, profileSchema } from './common';

const handleParams = z.object({ handle });

export const getUserProfileRoute = {
  operationId: 'getUserProfile',
  method: 'GET',
  path: '/v1/users/{handle}',
  summary: "A user's public profile",
  tags: ['users'],
  auth: 'jwt',
  params: handleParams,
  responses: { 200: { description: 'The profile', schema: profileSchema } },
  errors: [404, 422],
} satisfies RouteContract;

export const listUserAlbumsRoute = {
  operationId: 'listUserAlbums',
  method: 'GET',
  path: '/v1/users/{handle}/albums',
  summary: "A user's public albums, newest first (all of them, if the user is you)",
  tags: ['users', 'albums'],
  auth: 'jwt',
  params: handleParams,
  query: pageQuery,
  responses: { 200: { description: 'One page of albums', schema: page(albumSchema) } },
  errors: [400, 404, 422],
} satisfies RouteContract;

// GET/PATCH /v1/me live in functions/me (one function, two routes); their request schema is the one
// that handler validates with. The response schema is spelled out here, and checked against the
// handler's `Me` type at compile time, so the two cannot drift apart.
import type { RouteContract } from '@gallery/lambda/openapi';
import * as z from '@gallery/core/zod';
import { updateMeBody, type Me } from '../functions/me/handler';

export const meSchema = z.object({
  userId: z.string(),
  handle: z.string(),
  email: z.string(),
  displayName: z.string(),
  bio: z.nullable(z.string()),
  albumCount: z.number().check(z.int()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z
    .number()
    .check(
      z.int(),
      z.describe('Send it back in PATCH to update only if nobody changed the profile meanwhile'),
    ),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const meSchemaMatchesHandler: Same<z.output<typeof meSchema>, Me> = true;
void meSchemaMatchesHandler;

export const getMeRoute = {
  operationId: 'getMe',
  method: 'GET',
  path: '/v1/me',
  summary: 'Your own profile',
  tags: ['users'],
  auth: 'jwt',
  responses: { 200: { description: 'Your profile, email included', schema: meSchema } },
  errors: [404],
} satisfies RouteContract;

export const updateMeRoute = {
  operationId: 'updateMe',
  method: 'PATCH',
  path: '/v1/me',
  summary: 'Edit your own profile',
  tags: ['users'],
  auth: 'jwt',
  body: updateMeBody,
  responses: { 200: { description: 'Your profile as changed', schema: meSchema } },
  errors: [400, 404, 409, 413, 415, 422],
} satisfies RouteContract;

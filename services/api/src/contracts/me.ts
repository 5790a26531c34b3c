// GET/PATCH /v1/me: the caller's own profile (the one PostConfirmation created), named by the
// verified token: there is no user id in the path to get wrong.
import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import { bioSchema, displayNameSchema, profileChangeRequired } from '@gallery/core/access/users';
import { versionSchema } from '@gallery/core/validation';

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
/** The own profile: the public one plus the email address. */
export type MeView = z.output<typeof meSchema>;

export const updateMeBody = z
  .strictObject({
    displayName: z.optional(displayNameSchema),
    bio: z.optional(bioSchema),
    version: z.optional(versionSchema),
  })
  .check(profileChangeRequired);

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

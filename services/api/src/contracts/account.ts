// Account erasure and data export: DELETE /v1/me (re-authenticated with the password) starts the
// erasure workflow; its status is read without a token (the caller's tokens stop working when it
// starts) at an unguessable URL; POST /v1/me/exports starts an export, GET reads it and, once
// ready, hands out a short-lived download URL.
import { ERASURE_COUNTERS, ERASURE_STEPS, erasureIdSchema } from '@gallery/core/access/erasures';
import { text } from '@gallery/core/validation';
import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import { ulid } from './common';

export const deleteMeBody = z.strictObject({
  // Any non-empty password is tried, as at login: the policy is not revealed here.
  password: text({ min: 1, max: 256 }).check(
    z.describe('Your current password: erasure needs you to sign in again'),
  ),
});

const erasureId = erasureIdSchema.check(z.describe('The erasure id: 32 random bytes, base64url'));

export const erasureStartedSchema = z.object({
  erasureId,
  status: z.literal('running'),
  statusUrl: z
    .string()
    .check(z.describe('GET it, no token needed (yours stop working now): the erasure’s step and progress')),
});

const counters = Object.fromEntries(
  ERASURE_COUNTERS.map((name) => [name, z.number().check(z.int())]),
) as Record<(typeof ERASURE_COUNTERS)[number], z.ZodMiniNumber>;

export const erasureSchema = z.object({
  erasureId,
  status: z.enum(['running', 'failed', 'completed']),
  step: z.enum(ERASURE_STEPS).check(z.describe('Where the erasure is; `completed` at the end')),
  progress: z
    .object(counters)
    .check(
      z.describe(
        'What has been erased so far, by kind; `photosTotal` and `albumsTotal` are what there was when it started',
      ),
    ),
  attempts: z.number().check(z.int(), z.describe('Executions started for this erasure')),
  failure: z.optional(z.object({ error: z.string().check(z.describe('What failed (its error name)')) })),
  requestedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.optional(z.string()),
});
export type ErasureView = z.output<typeof erasureSchema>;

export const deleteMeRoute = {
  operationId: 'deleteMe',
  method: 'DELETE',
  path: '/v1/me',
  summary: 'Erase your account and everything in it',
  description:
    'Checks your password, then blocks the account (your tokens are refused from the next request on, and you cannot sign in) and starts erasing: your albums, photos and their files, share links, the likes and comments you gave, exports, profile and handle (free again once erased), and finally the login. Watch it at `statusUrl`.',
  tags: ['account'],
  auth: 'jwt',
  body: deleteMeBody,
  responses: { 202: { description: 'Erasure started', schema: erasureStartedSchema } },
  errors: [400, 403, 413, 415, 422, 429, 503],
} satisfies RouteContract;

export const getErasureRoute = {
  operationId: 'getErasure',
  method: 'GET',
  path: '/v1/erasures/{erasureId}',
  summary: 'How far an account erasure is',
  description:
    'No token: the id is the secret (the account’s tokens stop working when its erasure starts). It names no user. Readable for 30 days after the erasure ends.',
  tags: ['account'],
  auth: 'none',
  params: z.object({ erasureId }),
  responses: { 200: { description: 'The erasure', schema: erasureSchema } },
  errors: [404],
} satisfies RouteContract;

export const exportSchema = z.object({
  exportId: ulid('Export id'),
  status: z.enum(['running', 'ready', 'failed']),
  requestedAt: z.string(),
  url: z.optional(
    z
      .string()
      .check(
        z.describe('Once `ready`: the zip archive, for a few minutes (GET this export again for another)'),
      ),
  ),
  urlExpiresAt: z.optional(z.string()),
  bytes: z.optional(z.number().check(z.int())),
  counts: z.optional(
    z.object({
      albums: z.number().check(z.int()),
      photos: z.number().check(z.int()),
      originals: z.number().check(z.int()),
      comments: z.number().check(z.int()),
      likes: z.number().check(z.int()),
    }),
  ),
  expiresAt: z.optional(z.string().check(z.describe('When the archive is deleted'))),
  failure: z.optional(z.object({ error: z.string() })),
});
export type ExportView = z.output<typeof exportSchema>;

export const startExportRoute = {
  operationId: 'startExport',
  method: 'POST',
  idempotent: true,
  path: '/v1/me/exports',
  summary: 'Export your data',
  description:
    'Starts writing one zip archive of your profile, albums, photo metadata, the comments and likes you gave (JSON) and the originals of your photos. GET the export until `status` is `ready`.',
  tags: ['account'],
  auth: 'jwt',
  // No options: nothing or `{}`. Anything else is refused rather than ignored.
  body: z.optional(z.strictObject({}).check(z.describe('No options: send nothing or {}'))),
  responses: { 202: { description: 'Export started', schema: exportSchema } },
  errors: [400, 413, 415, 422, 503],
} satisfies RouteContract;

export const getExportRoute = {
  operationId: 'getExport',
  method: 'GET',
  path: '/v1/me/exports/{exportId}',
  summary: 'One of your exports, with a download URL once ready',
  tags: ['account'],
  auth: 'jwt',
  params: z.object({ exportId: ulid('Export id') }),
  responses: { 200: { description: 'The export', schema: exportSchema } },
  errors: [404],
} satisfies RouteContract;

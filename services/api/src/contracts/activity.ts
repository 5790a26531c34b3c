import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import { page, pageQuery } from './common';

const actorSchema = z.object({
  userId: z.string(),
  handle: z.optional(z.string()).check(z.describe('Absent when the account is gone')),
});

const reactionsSchema = (what: string) =>
  z.object({
    count: z.number().check(z.int(), z.describe(`${what} by others on that day, still standing`)),
    people: z
      .array(actorSchema)
      .check(z.describe(`Up to 3 of them, by name; the rest are counted (“ada and 9 999 others”)`)),
  });

export const activityEntrySchema = z.object({
  photoId: z.string(),
  day: z.string().check(z.describe('UTC day (YYYY-MM-DD) of the likes and comments this entry counts')),
  likes: reactionsSchema('Likes'),
  comments: reactionsSchema('Comments'),
  summary: z.string().check(z.describe('The entry in words, e.g. “ada and 9 999 others liked your photo”')),
  lastActivityAt: z.optional(z.string()).check(z.describe('The newest like or comment it counts')),
  expiresAt: z.string().check(z.describe('Entries are kept 90 days after their day')),
});

export type ActivityEntryView = z.output<typeof activityEntrySchema>;

export const listMyActivityRoute = {
  operationId: 'listMyActivity',
  method: 'GET',
  path: '/v1/me/activity',
  summary: 'What others did to your photos, newest day first',
  description:
    'One entry per photo and day: likes and comments by others (never your own), aggregated. Built ' +
    'from the table stream, so a like shows here a second or two after it was made; likes taken back, ' +
    'deleted comments and deleted photos disappear the same way.',
  tags: ['users'],
  auth: 'jwt',
  query: pageQuery,
  responses: { 200: { description: 'One page of activity', schema: page(activityEntrySchema) } },
  errors: [400, 422],
} satisfies RouteContract;

// Schemas shared by the route contracts: identifiers, pagination, and the resource representations
// every response is built from (services/api/src/lib/views.ts maps entities onto them, typed, so a
// response cannot carry a field the document does not describe).
import { PAGE_LIMIT } from '@gallery/core/pagination';
import { HANDLE_PATTERN, ulidSchema, userIdSchema } from '@gallery/core/validation';
import { PHOTO_CONTENT_TYPES } from '@gallery/core/access/photos';
import * as z from 'zod';

export const ulid = (what: string) => ulidSchema.describe(`${what} (a ULID)`);
/** Handles are stored lowercase; a path may spell one in any case. */
export const handle = z
  .string()
  .regex(new RegExp(HANDLE_PATTERN.source, 'i'), 'must be 3-30 characters: a-z, 0-9, "_"')
  .describe("A user's unique handle (case-insensitive)");

export const albumParams = z.object({ albumId: ulid('Album id') });
export const photoParams = z.object({ photoId: ulid('Photo id') });

/** `limit` and `cursor` of every list. */
export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(PAGE_LIMIT.min)
    .max(PAGE_LIMIT.max)
    .default(PAGE_LIMIT.default)
    .describe(`Page size, ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max} (default ${PAGE_LIMIT.default})`),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .describe('Opaque cursor from the previous page; a tampered cursor is a 400'),
});

export const version = z.number().int().min(1).describe('The version read last (optimistic concurrency)');

/** `{ items, cursor }`, `cursor` null on the last page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  });

const timestamp = z.string().describe('ISO-8601 UTC timestamp');

export const profileSchema = z.object({
  userId: userIdSchema,
  handle: z.string(),
  displayName: z.string(),
  bio: z.string().optional(),
  albumCount: z.number().int().optional().describe('Only on your own profile: it counts private albums too'),
  createdAt: timestamp,
});

export const albumSchema = z.object({
  albumId: ulidSchema,
  ownerId: userIdSchema,
  title: z.string(),
  description: z.string(),
  visibility: z.enum(['public', 'private']),
  photoCount: z.number().int(),
  coverPhotoId: ulidSchema.optional(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const thumbnailSchema = z.object({
  name: z.string().describe('Rendition name: `thumb` (256 px square) or `medium` (1024 px long side)'),
  url: z.string().describe('Short-lived download URL'),
  width: z.number().int(),
  height: z.number().int(),
  contentType: z.string(),
});

export const photoSchema = z.object({
  photoId: ulidSchema,
  albumId: ulidSchema,
  ownerId: userIdSchema,
  status: z.enum(['pending', 'ready', 'failed']),
  failureReason: z.string().optional().describe('Why processing failed (status `failed` only)'),
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  size: z.number().int(),
  caption: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  likeCount: z.number().int(),
  commentCount: z.number().int(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  thumbnails: z.array(thumbnailSchema).describe('Empty until the photo is `ready`'),
});

export const commentSchema = z.object({
  commentId: ulidSchema,
  photoId: ulidSchema,
  authorId: userIdSchema,
  body: z.string(),
  createdAt: timestamp,
});

export type ProfileView = z.output<typeof profileSchema>;
export type AlbumView = z.output<typeof albumSchema>;
export type PhotoView = z.output<typeof photoSchema>;
export type ThumbnailView = z.output<typeof thumbnailSchema>;
export type CommentView = z.output<typeof commentSchema>;

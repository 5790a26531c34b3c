// Schemas shared by the route contracts: identifiers, pagination, and the resource representations
// every response is built from (services/api/src/lib/views.ts maps entities onto them, typed, so a
// response cannot carry a field the document does not describe).
import { PAGE_LIMIT } from '@gallery/core/pagination';
import { ulidSchema, userIdSchema } from '@gallery/core/validation';
import { PHOTO_CONTENT_TYPES } from '@gallery/core/access/photos';
import * as z from '@gallery/core/zod';

export const ulid = (what: string) => ulidSchema.check(z.describe(`${what} (a ULID)`));
/** Handles are stored lowercase; a path may spell one in any case. */
export const handle = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9_]{3,30}$/, 'must be 3-30 characters: a-z, 0-9, "_"'),
    z.describe("A user's unique handle (case-insensitive)"),
  );

export const albumParams = z.object({ albumId: ulid('Album id') });
export const photoParams = z.object({ photoId: ulid('Photo id') });

/** `limit` and `cursor` of every list. */
export const pageQuery = z.object({
  limit: z
    ._default(
      z.coerce.number().check(z.int(), z.minimum(PAGE_LIMIT.min), z.maximum(PAGE_LIMIT.max)),
      PAGE_LIMIT.default,
    )
    .check(z.describe(`Page size, ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max} (default ${PAGE_LIMIT.default})`)),
  // The shape of pagination.ts's cursors: base64url payload "." base64url HMAC-SHA256, 2048 at most.
  cursor: z
    .optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2004}\.[A-Za-z0-9_-]{43}$/, 'must be a cursor')))
    .check(
      z.describe('Opaque cursor from the previous page (signed: a tampered or foreign cursor is a 400)'),
    ),
});

export const version = z
  .number()
  .check(z.int(), z.minimum(1), z.describe('The version read last (optimistic concurrency)'));

/** `{ items, cursor }`, `cursor` null on the last page. */
export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    items: z.array(item),
    cursor: z
      .nullable(z.string())
      .check(z.describe('Pass as `cursor` for the next page; null on the last page')),
  });

const timestamp = z.string().check(z.describe('ISO-8601 UTC timestamp'));

export const profileSchema = z.object({
  userId: userIdSchema,
  handle: z.string(),
  displayName: z.string(),
  bio: z.optional(z.string()),
  albumCount: z
    .optional(z.number().check(z.int()))
    .check(z.describe('Only on your own profile: it counts private albums too')),
  createdAt: timestamp,
});

export const albumSchema = z.object({
  albumId: ulidSchema,
  ownerId: userIdSchema,
  title: z.string(),
  description: z.string(),
  visibility: z.enum(['public', 'private']),
  photoCount: z.number().check(z.int()),
  coverPhotoId: z.optional(ulidSchema),
  version: z.number().check(z.int()),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const thumbnailSchema = z.object({
  name: z
    .string()
    .check(z.describe('Rendition name: `thumb` (256 px square) or `medium` (1024 px long side)')),
  url: z.string().check(z.describe("Signed CDN URL, valid until the photo's `media.expiresAt`")),
  width: z.number().check(z.int()),
  height: z.number().check(z.int()),
  contentType: z.string(),
});

export const photoMediaSchema = z.object({
  imageUrlTemplate: z
    .string()
    .check(
      z.describe(
        'Signed CDN URL of the photo at any width: replace `{width}` with the pixels wanted. Served widths are `widths` (another width snaps up to the next one, never above the original), in the best format the browser accepts (AVIF, WebP, else JPEG)',
      ),
    ),
  widths: z.array(z.number().check(z.int())),
  expiresAt: timestamp.check(
    z.describe(
      "When this photo's URLs (thumbnails included) stop working: read the photo again for new ones",
    ),
  ),
});

export const photoSchema = z.object({
  photoId: ulidSchema,
  albumId: ulidSchema,
  ownerId: userIdSchema,
  status: z.enum(['pending', 'ready', 'failed']),
  failureReason: z.optional(z.string()).check(z.describe('Why processing failed (status `failed` only)')),
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  size: z.number().check(z.int()),
  caption: z.optional(z.string()),
  width: z.optional(z.number().check(z.int())),
  height: z.optional(z.number().check(z.int())),
  likeCount: z
    .number()
    .check(
      z.int(),
      z.describe('Counted from the table stream: eventually consistent, typically 1-2 s behind'),
    ),
  commentCount: z
    .number()
    .check(
      z.int(),
      z.describe('Counted from the table stream: eventually consistent, typically 1-2 s behind'),
    ),
  version: z.number().check(z.int()),
  createdAt: timestamp,
  updatedAt: timestamp.check(z.describe('Last edit of the photo (a like or comment is not an edit)')),
  thumbnails: z.array(thumbnailSchema).check(z.describe('Empty until the photo is `ready`')),
  media: z.optional(photoMediaSchema).check(z.describe('Present once the photo is `ready`')),
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

// The renditions the media distribution serves: shared by the API (which signs URLs for them), the
// CloudFront Function (which normalises viewer requests into these keys) and the Lambda@Edge
// renderer (which refuses anything else). Plain data and regular expressions only: this module is
// bundled into the CloudFront Function, whose runtime is not Node.js (see
// services/edge/scripts/viewer-request-code.js for the syntax it accepts).

/** Every path the distribution serves is a key under this prefix of the media bucket. */
export const RENDITION_PREFIX = '/thumbnails/';

/** Renditions written by the media service when an upload is processed; served as stored. */
export const PRERENDERED_FILES = ['thumb.webp', 'medium.webp'];

/** The viewer-facing name of an on-demand rendition: `/thumbnails/<owner>/<photo>/image?w=<px>`. */
export const ON_DEMAND_FILE = 'image';

/**
 * Widths (px) an on-demand rendition may have; its height follows the photo's aspect ratio, and a
 * photo narrower than the width is never upscaled. A requested width snaps up to the next allowed
 * one (700 → 960, anything over the largest → the largest), so every viewer asking for about the
 * same size shares one cache entry and one stored object.
 */
export const RENDITION_WIDTHS = [320, 640, 960, 1280, 1600];

/** Output formats, best first; the viewer's Accept header picks the first it takes. */
export const RENDITION_FORMATS = ['avif', 'webp', 'jpeg'];
export type RenditionFormat = 'avif' | 'webp' | 'jpeg';

export const CONTENT_TYPES: Record<RenditionFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

/**
 * The query parameters of a CloudFront signed URL. CloudFront checks them itself and keeps them out
 * of the cache key; the function passes them through untouched so that the signature CloudFront
 * verifies is the one the API made, whichever order the edge runs its checks in.
 */
export const SIGNED_URL_PARAMS = ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'];

/** Owner ids are Cognito `sub`s (UUIDs); photo ids are ULIDs. Anything else is not a key we write. */
export const OWNER_ID = /^[A-Za-z0-9_-]{1,128}$/;
export const PHOTO_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** `/thumbnails/<owner>/<photo>/<file>`, nothing more, nothing encoded. */
export const RENDITION_PATH =
  /^\/thumbnails\/([A-Za-z0-9_-]{1,128})\/([0-9A-HJKMNP-TV-Z]{26})\/([a-z0-9.]{1,16})$/;

/** The stored name of an on-demand rendition, e.g. `w640.avif`. */
export const ON_DEMAND_STORED = /^w([0-9]{1,5})\.(avif|webp|jpeg)$/;

export function onDemandFile(width: number, format: RenditionFormat): string {
  return `w${width}.${format}`;
}

// Limits on what an upload may be, shared by the API (the presigned upload binds them) and by every
// function that decodes an upload (thumbnails, on-demand renditions). A module of its own, free of
// the data layer, so an image function can take them without bundling ElectroDB.

/** What the image functions can decode (sharp's prebuilt binaries have no HEIC decoder). */
export const PHOTO_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
] as const;

/** Largest upload accepted (bytes); the presigned upload binds the declared size. */
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;

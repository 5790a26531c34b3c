// The object key layout of the media bucket, as the API (uploads), the thumbnail function
// (renditions) and the export workflow (archives) write it:
//   uploads/<ownerId>/<photoId>
//   thumbnails/<ownerId>/<photoId>/<rendition>.webp
//   exports/<ownerId>/<exportId>.zip      (private; the media bucket's lifecycle rule expires them)

export const UPLOAD_PREFIX = 'uploads/';
export const THUMBNAIL_PREFIX = 'thumbnails/';
export const EXPORT_PREFIX = 'exports/';
/** The prefixes of photo media (the orphan sweep's scope: exports are not photo media). */
export const MEDIA_PREFIXES = [UPLOAD_PREFIX, THUMBNAIL_PREFIX] as const;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const OWNER = /^[A-Za-z0-9_-]{1,128}$/;

export interface MediaObjectRef {
  kind: 'upload' | 'thumbnail';
  ownerId: string;
  photoId: string;
}

/** The photo an object belongs to; undefined when the key is not one the system writes. */
export function parseMediaKey(key: string): MediaObjectRef | undefined {
  const parts = key.split('/');
  if (parts[0] === 'uploads' && parts.length === 3) {
    const [, ownerId, photoId] = parts as [string, string, string];
    return OWNER.test(ownerId) && ULID.test(photoId) ? { kind: 'upload', ownerId, photoId } : undefined;
  }
  if (parts[0] === 'thumbnails' && parts.length === 4) {
    const [, ownerId, photoId, file] = parts as [string, string, string, string];
    return OWNER.test(ownerId) && ULID.test(photoId) && file !== ''
      ? { kind: 'thumbnail', ownerId, photoId }
      : undefined;
  }
  return undefined;
}

export function uploadKey(ownerId: string, photoId: string): string {
  return `${UPLOAD_PREFIX}${ownerId}/${photoId}`;
}

/** Every rendition of a photo lives under this prefix. */
export function thumbnailPrefix(ownerId: string, photoId: string): string {
  return `${THUMBNAIL_PREFIX}${ownerId}/${photoId}/`;
}

/** Every prefix under which the bucket holds objects of `ownerId`: what account erasure empties. */
export function userPrefixes(ownerId: string): string[] {
  if (!OWNER.test(ownerId)) throw new RangeError('not a user id');
  return [UPLOAD_PREFIX, THUMBNAIL_PREFIX, EXPORT_PREFIX].map((prefix) => `${prefix}${ownerId}/`);
}

/** The archive of one data export. */
export function exportKey(ownerId: string, exportId: string): string {
  return `${EXPORT_PREFIX}${ownerId}/${exportId}.zip`;
}

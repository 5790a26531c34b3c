// The object key layout of the media bucket, as the API (uploads) and the thumbnail function
// (renditions) write it:
//   uploads/<ownerId>/<photoId>
//   thumbnails/<ownerId>/<photoId>/<rendition>.webp
// Duplicated here on purpose: a service imports packages, never another service.

export const UPLOAD_PREFIX = 'uploads/';
export const THUMBNAIL_PREFIX = 'thumbnails/';
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

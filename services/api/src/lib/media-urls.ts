// Media URLs: CloudFront signed URLs on the media distribution (services/edge), never S3 URLs.
//
// One signature covers every rendition of one photo: a custom policy whose Resource is
// `<cdn>/thumbnails/<owner>/<photo>/*`, so the pre-rendered thumbnails and every on-demand width
// share one Policy + Signature, and one RSA signing per photo (not per URL) is the cost.
// The edge keeps signed-URL parameters out of its cache key: every viewer of a rendition hits one
// cache entry, whatever their signature.
//
// Expiry never outlives the viewer's right to see the photo: a share view's URLs expire with the
// link (and within SHARED_MEDIA_URL_TTL_SECONDS, so a link revoked early stops working soon);
// everyone else's within MEDIA_URL_TTL_SECONDS (access can be lost by an album going private or a
// photo being deleted). Expiries are rounded down to URL_WINDOW_SECONDS steps, so every request in
// one window hands out the very same URLs, which browsers then cache.
import { getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { ON_DEMAND_FILE, RENDITION_WIDTHS } from '@gallery/images/renditions';
import { signingKey, type SigningKey } from './signing-key';

export const MEDIA_URL_TTL_SECONDS = 60 * 60;
export const SHARED_MEDIA_URL_TTL_SECONDS = 15 * 60;
export const URL_WINDOW_SECONDS = 5 * 60;
/** How many photo signatures a warm container keeps. */
export const SIGNATURE_CACHE_SIZE = 2_000;

/** Who is looking: a share view carries the end of the link's life. */
export type MediaAccess = { kind: 'member' } | { kind: 'share'; linkExpiresAt: string };

/** Unix seconds at which URLs handed out at `now` (ms) for `access` stop working. */
export function mediaUrlsExpireAt(access: MediaAccess, now = Date.now()): number {
  const windowStart = Math.floor(now / 1000 / URL_WINDOW_SECONDS) * URL_WINDOW_SECONDS;
  if (access.kind === 'member') return windowStart + MEDIA_URL_TTL_SECONDS;
  return Math.min(
    windowStart + SHARED_MEDIA_URL_TTL_SECONDS,
    Math.floor(Date.parse(access.linkExpiresAt) / 1000),
  );
}

/** The media distribution's base URL (MEDIA_CDN_URL), without a trailing slash. */
export function mediaCdnUrl(): string {
  const url = process.env.MEDIA_CDN_URL;
  if (!url) throw new Error('MEDIA_CDN_URL is not set');
  return url.replace(/\/+$/, '');
}

const signatures = new Map<string, string>();

/** `Policy=…&Signature=…&Key-Pair-Id=…` for every URL under `prefix` until `expiresAt`. */
export function prefixSignature(prefix: string, expiresAt: number, key: SigningKey): string {
  const cacheKey = `${key.keyPairId}|${expiresAt}|${prefix}`;
  const cached = signatures.get(cacheKey);
  if (cached) return cached;
  const policy = JSON.stringify({
    Statement: [{ Resource: `${prefix}/*`, Condition: { DateLessThan: { 'AWS:EpochTime': expiresAt } } }],
  });
  const signed = getSignedUrl({
    url: `${prefix}/`,
    keyPairId: key.keyPairId,
    privateKey: key.privateKey,
    policy,
  });
  const query = signed.slice(signed.indexOf('?') + 1);
  // Oldest first out: a Map iterates in insertion order.
  if (signatures.size >= SIGNATURE_CACHE_SIZE) signatures.delete(signatures.keys().next().value as string);
  signatures.set(cacheKey, query);
  return query;
}

export interface PhotoMediaUrls {
  /** URL of a stored rendition by its key (`thumbnails/<owner>/<photo>/thumb.webp`). */
  rendition(key: string): string;
  /** An on-demand rendition: replace `{width}`; the edge snaps it to one of `widths`. */
  imageUrlTemplate: string;
  widths: number[];
  expiresAt: string;
}

/** Signed URLs for the renditions of the photo `<owner>/<photo>`, for `access`. */
export async function photoMediaUrls(
  photo: { ownerId: string; photoId: string },
  access: MediaAccess,
  now = Date.now(),
): Promise<PhotoMediaUrls> {
  const expiresAt = mediaUrlsExpireAt(access, now);
  const base = mediaCdnUrl();
  const prefix = `${base}/thumbnails/${photo.ownerId}/${photo.photoId}`;
  const query = prefixSignature(prefix, expiresAt, await signingKey(now));
  return {
    rendition: (key) => `${base}/${key}?${query}`,
    imageUrlTemplate: `${prefix}/${ON_DEMAND_FILE}?w={width}&${query}`,
    widths: [...RENDITION_WIDTHS],
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  };
}

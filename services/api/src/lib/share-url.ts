// Share URLs are built from the API's configured public base URL (PUBLIC_BASE_URL: the HTTP API's
// own endpoint on AWS, a custom domain when one is set, the local server's URL under pnpm dev and
// in tests), never from request headers, which a client or a proxy can set to anything.
import type { ShareLink } from '@gallery/core/access/shares';
import type { ShareLinkView } from '../contracts/shares';

let base: string | undefined;

/** PUBLIC_BASE_URL, checked once per container: an absolute http(s) URL, without a trailing slash. */
export function publicBaseUrl(): string {
  if (base !== undefined) return base;
  const value = process.env.PUBLIC_BASE_URL;
  if (!value) throw new Error('PUBLIC_BASE_URL is not configured');
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_BASE_URL must be an http(s) URL, not ${url.protocol}`);
  }
  base = value.replace(/\/+$/, '');
  return base;
}

/** A share link as its owner sees it. */
export function shareLinkView(link: ShareLink): ShareLinkView {
  return {
    token: link.token,
    albumId: link.albumId,
    url: `${publicBaseUrl()}/v1/shared/${link.token}`,
    expiresAt: link.expiresAt,
    createdAt: link.createdAt,
  };
}

import { generateKeyPairSync } from 'node:crypto';
import { trustedKeys, verifySignedUrl } from '@gallery/local-stack/edge/signed-urls';
import {
  MEDIA_URL_TTL_SECONDS,
  SHARED_MEDIA_URL_TTL_SECONDS,
  URL_WINDOW_SECONDS,
  mediaUrlsExpireAt,
  photoMediaUrls,
} from './media-urls';

const CDN = 'https://d111111abcdef8.cloudfront.net';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY = {
  keyPairId: 'K2UNITTESTKEY',
  privateKey: keys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
};
const PHOTO = { ownerId: '3f1c2a9e-7b1d-4c55-9a7e-0b6f4e2d8c11', photoId: '01HV5QX3K9ZT6M2A8B4C7D1E0F' };
const NOW = Date.UTC(2027, 0, 1, 12, 3, 20);
const windowStart = Math.floor(NOW / 1000 / URL_WINDOW_SECONDS) * URL_WINDOW_SECONDS;

const verify = (url: string, atSeconds: number) =>
  verifySignedUrl(
    { url, clientIp: '198.51.100.1', now: atSeconds },
    trustedKeys({ [KEY.keyPairId]: keys.publicKey }),
  );

beforeEach(() => {
  process.env.MEDIA_CDN_URL = `${CDN}/`;
  process.env.CDN_SIGNING_KEY = JSON.stringify(KEY);
});

describe('mediaUrlsExpireAt', () => {
  it("gives a member's URLs an hour from the start of the current window", () => {
    expect(mediaUrlsExpireAt({ kind: 'member' }, NOW)).toBe(windowStart + MEDIA_URL_TTL_SECONDS);
    const remaining = windowStart + MEDIA_URL_TTL_SECONDS - NOW / 1000;
    expect(remaining).toBeGreaterThan(MEDIA_URL_TTL_SECONDS - URL_WINDOW_SECONDS);
  });

  it('hands out the same expiry for the whole window', () => {
    const expiries = [0, 60_000, 99_000].map((ms) =>
      mediaUrlsExpireAt({ kind: 'member' }, windowStart * 1000 + ms),
    );
    expect(new Set(expiries).size).toBe(1);
  });

  it("ends a share view's URLs with the link, and within 15 minutes anyway", () => {
    const soon = new Date(NOW + 90_000).toISOString();
    expect(mediaUrlsExpireAt({ kind: 'share', linkExpiresAt: soon }, NOW)).toBe(
      Math.floor((NOW + 90_000) / 1000),
    );
    const later = new Date(NOW + 86_400_000).toISOString();
    expect(mediaUrlsExpireAt({ kind: 'share', linkExpiresAt: later }, NOW)).toBe(
      windowStart + SHARED_MEDIA_URL_TTL_SECONDS,
    );
  });
});

describe('photoMediaUrls', () => {
  it('signs one policy that CloudFront accepts for every rendition of the photo, and no other photo', async () => {
    const urls = await photoMediaUrls(PHOTO, { kind: 'member' }, NOW);
    const thumb = urls.rendition(`thumbnails/${PHOTO.ownerId}/${PHOTO.photoId}/thumb.webp`);
    const medium = urls.rendition(`thumbnails/${PHOTO.ownerId}/${PHOTO.photoId}/medium.webp`);
    const wide = urls.imageUrlTemplate.replace('{width}', '1280');
    expect(thumb.startsWith(`${CDN}/thumbnails/${PHOTO.ownerId}/${PHOTO.photoId}/thumb.webp?Policy=`)).toBe(
      true,
    );
    expect(wide.startsWith(`${CDN}/thumbnails/${PHOTO.ownerId}/${PHOTO.photoId}/image?w=1280&Policy=`)).toBe(
      true,
    );
    expect(thumb.split('?')[1]).toBe(medium.split('?')[1]);
    for (const url of [thumb, medium, wide]) expect(verify(url, NOW / 1000)).toMatchObject({ ok: true });
    const otherPhoto = thumb.replace(PHOTO.photoId, '01HV5QX3K9ZT6M2A8B4C7D1E0G');
    expect(verify(otherPhoto, NOW / 1000)).toMatchObject({ ok: false, code: 'AccessDenied' });
    expect(verify(thumb, Date.parse(urls.expiresAt) / 1000)).toMatchObject({
      ok: false,
      code: 'AccessDenied',
    });
    expect(urls.widths).toEqual([320, 640, 960, 1280, 1600]);
  });

  it('hands every viewer in one window the very same URLs', async () => {
    const first = await photoMediaUrls(PHOTO, { kind: 'member' }, NOW);
    const second = await photoMediaUrls(PHOTO, { kind: 'member' }, NOW + 30_000);
    expect(second.imageUrlTemplate).toBe(first.imageUrlTemplate);
  });

  it('fails without a CDN URL rather than handing out S3 URLs', async () => {
    delete process.env.MEDIA_CDN_URL;
    await expect(photoMediaUrls(PHOTO, { kind: 'member' }, NOW)).rejects.toThrow(/MEDIA_CDN_URL/);
  });
});

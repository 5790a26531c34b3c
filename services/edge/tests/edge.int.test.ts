// The media distribution end to end on this machine: signed URLs checked, the real CloudFront
// Function, the cache, and the real Lambda@Edge handler rendering from s3rver (harness emulators).
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { jpegWithOrientation, pngDeclaring, truncatedJpeg, webp } from '@gallery/images/testing/fixtures';
import { sniffImage } from '@gallery/images/sniff';
import { createS3Client } from '@gallery/lambda/s3';
import { harnessEnv } from '@gallery/local-stack/env';
import { signedPrefixQuery, startMediaCdn, type MediaCdn } from '@gallery/local-stack/media-cdn';
import { ulid } from 'ulid';
import sharp from 'sharp';

const CHROME = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

let s3: S3Client;
let bucket: string;
const edges: MediaCdn[] = [];

async function startEdge(
  options: { signatureCheck?: 'before-function' | 'after-function' } = {},
): Promise<MediaCdn> {
  const cdn = await startMediaCdn({ s3Endpoint: harnessEnv('S3_ENDPOINT'), bucket, ...options });
  edges.push(cdn);
  return cdn;
}

beforeAll(() => {
  s3 = createS3Client();
  bucket = harnessEnv('BUCKET_NAME');
});
afterAll(async () => {
  await Promise.all(edges.map((edge) => edge.stop()));
});

interface Photo {
  ownerId: string;
  photoId: string;
  prefix: string;
}

async function photo(upload?: Buffer, thumb?: Buffer): Promise<Photo> {
  const ownerId = randomUUID();
  const photoId = ulid();
  if (upload)
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: `uploads/${ownerId}/${photoId}`, Body: upload }),
    );
  if (thumb) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `thumbnails/${ownerId}/${photoId}/thumb.webp`,
        Body: thumb,
        ContentType: 'image/webp',
        CacheControl: 'private, max-age=31536000, immutable',
      }),
    );
  }
  return { ownerId, photoId, prefix: `/thumbnails/${ownerId}/${photoId}` };
}

/** A URL signed as the API signs it: a custom policy covering every rendition of one photo. */
function signed(
  edge: MediaCdn,
  p: Photo,
  file: string,
  options: { expiresIn?: number; query?: string } = {},
): string {
  const query = signedPrefixQuery(edge, p.prefix, Math.floor(Date.now() / 1000) + (options.expiresIn ?? 300));
  return `${edge.url}${p.prefix}/${file}?${options.query ? `${options.query}&` : ''}${query}`;
}

const get = (url: string, accept = CHROME) => fetch(url, { headers: { accept } });

async function stored(key: string): Promise<{ contentType?: string; cacheControl?: string } | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { contentType: head.ContentType, cacheControl: head.CacheControl };
  } catch {
    return undefined;
  }
}

describe('the media distribution (local edge)', () => {
  describe('signed URLs', () => {
    it('serves a pre-rendered thumbnail to a viewer with a signed URL, then from the cache', async () => {
      const edge = await startEdge();
      const thumb = await webp(256, 256);
      const p = await photo(undefined, thumb);
      const first = await get(signed(edge, p, 'thumb.webp'));
      expect(first.status).toBe(200);
      expect(Buffer.from(await first.arrayBuffer()).equals(thumb)).toBe(true);
      expect(first.headers.get('x-cache')).toBe('Miss from cloudfront');
      expect(first.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(first.headers.get('content-type')).toBe('image/webp');
      expect(first.headers.get('x-content-type-options')).toBe('nosniff');
      expect(first.headers.get('strict-transport-security')).toMatch(/^max-age=63072000/);
      // Another viewer, another expiry, another unknown parameter: the same cache entry.
      const second = await get(signed(edge, p, 'thumb.webp', { expiresIn: 900, query: 'utm_source=mail' }));
      expect(second.headers.get('x-cache')).toBe('Hit from cloudfront');
      expect(Buffer.from(await second.arrayBuffer()).equals(thumb)).toBe(true);
      expect(edge.edge.stats()).toMatchObject({ hits: 1, misses: 1, originFetches: 1 });
    });

    it('refuses a stranger without a signature, before the origin', async () => {
      const edge = await startEdge();
      const p = await photo(undefined, await webp(64, 64));
      const res = await get(`${edge.url}${p.prefix}/thumb.webp`);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('<Code>MissingKey</Code>');
      expect(edge.edge.stats()).toMatchObject({ refused: 1, originFetches: 0 });
    });

    it("refuses one photo's signature on another photo", async () => {
      const edge = await startEdge();
      const mine = await photo(undefined, await webp(64, 64));
      const theirs = await photo(undefined, await webp(64, 64));
      const query = signed(edge, mine, 'thumb.webp').split('?')[1];
      const res = await get(`${edge.url}${theirs.prefix}/thumb.webp?${query}`);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('<Code>AccessDenied</Code>');
    });

    it.each(['before-function', 'after-function'] as const)(
      'refuses an expired or tampered signature with 403, the check running %s',
      async (signatureCheck) => {
        const edge = await startEdge({ signatureCheck });
        const p = await photo(await jpegWithOrientation(800, 600), await webp(64, 64));
        const good = signed(edge, p, 'image', { query: 'w=320' });
        expect((await get(good)).status).toBe(200);
        expect((await get(signed(edge, p, 'thumb.webp', { expiresIn: -1 }))).status).toBe(403);
        const tampered = good.replace(
          /Signature=(.)/,
          (_m, c: string) => `Signature=${c === 'A' ? 'B' : 'A'}`,
        );
        expect((await get(tampered)).status).toBe(403);
        const otherKey = good.replace(`Key-Pair-Id=${edge.key.keyPairId}`, 'Key-Pair-Id=K2SOMEONEELSE');
        expect(await (await get(otherKey)).text()).toContain('<Code>InvalidKey</Code>');
      },
    );
  });

  describe('on-demand renditions', () => {
    it('renders a width on its first request, stores it, and serves it from the cache after', async () => {
      const edge = await startEdge();
      const p = await photo(await jpegWithOrientation(1600, 1200));
      const first = await get(signed(edge, p, 'image', { query: 'w=700' }));
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('image/avif');
      expect(first.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      const body = Buffer.from(await first.arrayBuffer());
      expect(sniffImage(body)).toEqual({ kind: 'supported', format: 'avif' });
      await expect(sharp(body).metadata()).resolves.toMatchObject({ width: 960, height: 1280 });
      await expect(stored(`${p.prefix.slice(1)}/w960.avif`)).resolves.toEqual({
        contentType: 'image/avif',
        cacheControl: 'private, max-age=31536000, immutable',
      });
      // 800 px snaps to the same 960: one cache entry, no second render.
      const again = await get(signed(edge, p, 'image', { query: 'w=800', expiresIn: 600 }));
      expect(again.headers.get('x-cache')).toBe('Hit from cloudfront');
      expect(edge.edge.stats()).toMatchObject({ misses: 1, hits: 1, lambdaInvocations: 1 });
    });

    it('renders once for concurrent first requests', async () => {
      const edge = await startEdge();
      const p = await photo(await jpegWithOrientation(1200, 900));
      const url = signed(edge, p, 'image', { query: 'w=640' });
      const responses = await Promise.all(Array.from({ length: 6 }, () => get(url, 'image/webp')));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(edge.edge.stats()).toMatchObject({ originFetches: 1, lambdaInvocations: 1, misses: 1, hits: 5 });
    });

    it('serves a rendition stored earlier from the bucket, without rendering it again', async () => {
      const first = await startEdge();
      const p = await photo(await jpegWithOrientation(800, 600));
      expect((await get(signed(first, p, 'image', { query: 'w=320' }), 'image/webp')).status).toBe(200);
      // A second edge location: its cache is empty, the bucket already has the object.
      const second = await startEdge();
      const res = await get(signed(second, p, 'image', { query: 'w=320' }), 'image/webp');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(second.edge.stats()).toMatchObject({ originFetches: 1, lambdaInvocations: 1 });
      const object = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: `${p.prefix.slice(1)}/w320.webp` }),
      );
      expect(
        Buffer.from(await object.Body!.transformToByteArray()).equals(Buffer.from(await res.arrayBuffer())),
      ).toBe(true);
    });

    it('never upscales a small photo', async () => {
      const edge = await startEdge();
      const p = await photo(await webp(300, 200));
      const res = await get(signed(edge, p, 'image', { query: 'w=1600' }), 'image/webp');
      await expect(sharp(Buffer.from(await res.arrayBuffer())).metadata()).resolves.toMatchObject({
        width: 300,
        height: 200,
      });
    });

    it.each([
      ['a width that is not a number', 'w=large'],
      ['no width', 'fm=avif'],
      ['two widths', 'w=320&w=1600'],
    ])('refuses %s in the function, before the cache and the origin', async (_what, query) => {
      const edge = await startEdge();
      const p = await photo(await jpegWithOrientation(800, 600));
      const res = await get(signed(edge, p, 'image', { query }));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('x-cache')).toBe('FunctionGeneratedResponse from cloudfront');
      expect(edge.edge.stats()).toMatchObject({ originFetches: 0, functionResponses: 1 });
    });

    it('refuses a path that is no rendition with 404, and never serves the upload itself', async () => {
      const edge = await startEdge();
      const p = await photo(await jpegWithOrientation(800, 600));
      // Signed for the whole distribution: even then, the function serves renditions only.
      const everything = signedPrefixQuery(edge, '', Math.floor(Date.now() / 1000) + 60);
      const res = await get(`${edge.url}/uploads/${p.ownerId}/${p.photoId}?${everything}`);
      expect(res.status).toBe(404);
      expect(edge.edge.stats().originFetches).toBe(0);
    });

    it.each([
      [
        'a decompression bomb (50 000 × 50 000 declared)',
        () => Promise.resolve(pngDeclaring(50_000, 50_000)),
      ],
      ['a truncated JPEG', () => truncatedJpeg()],
      ['a text file', () => Promise.resolve(Buffer.from('not a photo\n'.repeat(20)))],
    ])('refuses to render %s, and stores nothing', async (_what, make) => {
      const edge = await startEdge();
      const p = await photo(await make());
      const res = await get(signed(edge, p, 'image', { query: 'w=320' }), 'image/webp');
      expect(res.status).toBe(422);
      expect(res.headers.get('cache-control')).toBe('no-store');
      await expect(stored(`${p.prefix.slice(1)}/w320.webp`)).resolves.toBeUndefined();
    });

    it('answers 404 for a photo whose upload is gone', async () => {
      const edge = await startEdge();
      const p = await photo();
      const res = await get(signed(edge, p, 'image', { query: 'w=320' }));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ status: 404, title: 'Not Found' });
    });
  });
});

// Photo URLs on the media distribution (a local edge in front of the harness's s3rver, with a
// clock the tests can move): who can fetch what, for how long.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createAlbum } from '@gallery/core/access/albums';
import { addPhoto, markPhotoReady } from '@gallery/core/access/photos';
import { jpegWithOrientation, webp } from '@gallery/images/testing/fixtures';
import { createS3Client } from '@gallery/lambda/s3';
import { harnessEnv } from '@gallery/local-stack/env';
import { startMediaCdn, type MediaCdn } from '@gallery/local-stack/media-cdn';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import sharp from 'sharp';
import { photoSchema, type PhotoView } from '../src/contracts/common';
import { getSharedAlbumRoute } from '../src/contracts/shares';
import { call, closeCognito, signUp, startApi, type TestUser } from './support';

let api: LocalHttpServer;
let alice: TestUser;
let bob: TestUser;
let cdn: MediaCdn;
/** How far the edge's clock runs ahead of the real one, ms. */
let skew = 0;
const s3 = createS3Client();

beforeAll(async () => {
  cdn = await startMediaCdn({
    s3Endpoint: harnessEnv('S3_ENDPOINT'),
    bucket: harnessEnv('BUCKET_NAME'),
    now: () => Date.now() + skew,
  });
  // This file's API signs for this edge (jest gives each test file its own process.env).
  Object.assign(process.env, cdn.env);
  [api, alice, bob] = await Promise.all([startApi(), signUp('alice'), signUp('bob')]);
});
afterEach(() => {
  skew = 0;
});
afterAll(async () => {
  await api?.close();
  await cdn?.stop();
  s3.destroy();
  closeCognito();
});

/** A ready photo of `owner`'s in a new album: its upload and its `thumb` are in the bucket. */
async function readyPhoto(
  owner: TestUser,
  visibility: 'private' | 'public',
): Promise<{ albumId: string; photoId: string }> {
  const album = await createAlbum({ ownerId: owner.userId, title: `${visibility} media`, visibility });
  const photo = await addPhoto({
    albumId: album.albumId,
    ownerId: owner.userId,
    contentType: 'image/jpeg',
    size: 10,
  });
  const bucket = harnessEnv('BUCKET_NAME');
  const thumbKey = `thumbnails/${owner.userId}/${photo.photoId}/thumb.webp`;
  await Promise.all([
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: photo.objectKey,
        Body: await jpegWithOrientation(1200, 900),
      }),
    ),
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: thumbKey,
        Body: await webp(256, 256),
        ContentType: 'image/webp',
      }),
    ),
  ]);
  await markPhotoReady({
    photoId: photo.photoId,
    albumId: album.albumId,
    width: 900,
    height: 1200,
    renditions: [
      { name: 'thumb', key: thumbKey, width: 256, height: 256, contentType: 'image/webp', bytes: 100 },
    ],
  });
  return { albumId: album.albumId, photoId: photo.photoId };
}

const photoOf = async (user: TestUser, photoId: string): Promise<PhotoView> =>
  photoSchema.parse((await call(api, 'GET', `/v1/photos/${photoId}`, { token: user.token })).body);

describe('photo URLs on the media distribution', () => {
  it('let the owner fetch every rendition, at any width, through the CDN', async () => {
    const { photoId } = await readyPhoto(alice, 'private');
    const photo = await photoOf(alice, photoId);
    const thumb = await fetch(photo.thumbnails[0]!.url);
    expect([thumb.status, thumb.headers.get('content-type')]).toEqual([200, 'image/webp']);
    expect(new URL(photo.thumbnails[0]!.url).origin).toBe(cdn.url);
    const wide = await fetch(photo.media!.imageUrlTemplate.replace('{width}', '700'), {
      headers: { accept: 'image/webp,*/*' },
    });
    expect(wide.status).toBe(200);
    await expect(sharp(Buffer.from(await wide.arrayBuffer())).metadata()).resolves.toMatchObject({
      format: 'webp',
      width: 900,
    });
    const expiresIn = Date.parse(photo.media!.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(54 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(60 * 60_000);
  });

  it('keep a private rendition from a stranger', async () => {
    const { photoId } = await readyPhoto(alice, 'private');
    expect((await call(api, 'GET', `/v1/photos/${photoId}`, { token: bob.token })).status).toBe(404);
    const url = new URL((await photoOf(alice, photoId)).thumbnails[0]!.url);
    // The rendition's address without Alice's signature, or with one of Bob's own photo's.
    expect((await fetch(`${url.origin}${url.pathname}`)).status).toBe(403);
    const bobs = await readyPhoto(bob, 'private');
    const bobsThumb = (await photoOf(bob, bobs.photoId)).thumbnails[0]!.url;
    const bobsSignature = bobsThumb.slice(bobsThumb.indexOf('?') + 1);
    expect((await fetch(bobsThumb)).status).toBe(200);
    const borrowed = await fetch(`${url.origin}${url.pathname}?${bobsSignature}`);
    expect(borrowed.status).toBe(403);
    expect(await borrowed.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('give another member of a public album the same rendition, from the same cache entry', async () => {
    const { photoId } = await readyPhoto(alice, 'public');
    const [mine, theirs] = await Promise.all([photoOf(alice, photoId), photoOf(bob, photoId)]);
    const template = (p: PhotoView) => p.media!.imageUrlTemplate.replace('{width}', '320');
    const first = await fetch(template(mine), { headers: { accept: 'image/avif' } });
    const second = await fetch(template(theirs), { headers: { accept: 'image/avif' } });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get('x-cache')).toBe('Hit from cloudfront');
  });

  it("end a share view's URLs with the link", async () => {
    const { albumId, photoId } = await readyPhoto(alice, 'private');
    const share = await call(api, 'POST', `/v1/albums/${albumId}/shares`, {
      token: alice.token,
      body: { expiresInSeconds: 60 },
    });
    const opened = await fetch(share.body.url);
    const shared = getSharedAlbumRoute.responses[200].schema.parse(await opened.json());
    const photo = shared.photos.items.find((p) => p.photoId === photoId)!;
    const linkEnd = Math.floor(Date.parse(share.body.expiresAt) / 1000);
    expect(Math.floor(Date.parse(photo.media!.expiresAt) / 1000)).toBe(linkEnd);

    const thumb = photo.thumbnails[0]!.url;
    const wide = photo.media!.imageUrlTemplate.replace('{width}', '640');
    skew = (linkEnd - 1) * 1000 - Date.now();
    expect([(await fetch(thumb)).status, (await fetch(wide)).status]).toEqual([200, 200]);
    // The second the link expires, its photos' URLs do too, cached renditions or not.
    skew = linkEnd * 1000 - Date.now();
    expect([(await fetch(thumb)).status, (await fetch(wide)).status]).toEqual([403, 403]);
    expect((await fetch(share.body.url)).status).toBe(200);
  });
});

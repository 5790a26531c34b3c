// The whole story over HTTP, against the emulators: sign up, create an album, request an upload,
// PUT the bytes to S3 with the presigned request, the thumbnail function (in-process, fed by
// s3rver's ObjectCreated events) makes the photo ready, list it with a thumbnail URL that
// downloads, like, comment, share, open the share link, delete (and the purge job removes the
// photo's objects).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@gallery/local-stack/credentials';
import { createBucket } from '@gallery/local-stack/provision';
import { startS3rver, type S3rverLocal } from '@gallery/local-stack/s3';
import { startMediaCdn, type MediaCdn } from '@gallery/local-stack/media-cdn';
import type { S3Event } from 'aws-lambda';
// A service never imports another one; this test does, to run the real thumbnail step in-process
// where AWS would invoke it from the bucket notification, and the purge job a schedule would run.
import { handler as thumbnail } from '../../media/src/functions/thumbnail/handler';
import { purgeDeletedPhotos } from '../../scheduler/src/jobs/purge-deleted-photos';
import { createBudget } from '../../scheduler/src/lib/budget';
import { photoSchema } from '../src/contracts/common';
import { createPhotoRoute } from '../src/contracts/photos';
import { getSharedAlbumRoute } from '../src/contracts/shares';
import { call, closeCognito, convergedPhoto, signUp, startApi, TINY_PNG, type TestUser } from './support';

const BUCKET = 'gallery-story';

let s3rver: S3rverLocal;
let events: Server;
let api: LocalHttpServer;
let s3: S3Client;
let cdn: MediaCdn;
const thumbnailRuns: Promise<unknown>[] = [];

beforeAll(async () => {
  // S3 notifications → the thumbnail handler, as the bucket's Lambda trigger does on AWS.
  events = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as S3Event;
      thumbnailRuns.push(thumbnail(event, lambdaContext({ functionName: 'thumbnail' })));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => events.listen(0, '127.0.0.1', resolve));
  const { port } = events.address() as AddressInfo;
  // Notified like the deployed bucket: only keys under uploads/.
  s3rver = await startS3rver({ eventTarget: `http://127.0.0.1:${port}/`, eventPrefix: 'uploads/' });
  await createBucket({ endpoint: s3rver.endpoint, bucketName: BUCKET });
  // This file's own bucket (jest gives each test file its own process.env).
  process.env.S3_ENDPOINT = s3rver.endpoint;
  process.env.BUCKET_NAME = BUCKET;
  s3 = new S3Client({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: s3rver.endpoint,
    forcePathStyle: true,
  });
  // The media distribution in front of this bucket: photo URLs are signed for it.
  cdn = await startMediaCdn({ s3Endpoint: s3rver.endpoint, bucket: BUCKET });
  Object.assign(process.env, cdn.env);
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
  await cdn?.stop();
  await Promise.allSettled(thumbnailRuns);
  s3?.destroy();
  await s3rver?.stop();
  await new Promise((resolve) => events?.close(resolve));
  closeCognito();
});

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch {
    return false;
  }
}

async function waitForStatus(token: string, photoId: string, status: string): Promise<unknown> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call(api, 'GET', `/v1/photos/${photoId}`, { token });
    if (res.body.status === status) return res.body;
    if (Date.now() > deadline) throw new Error(`photo still ${res.body.status}, expected ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the whole story, over HTTP', () => {
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([signUp('alice'), signUp('bob')]);
  });

  it('goes from sign-up to deletion', async () => {
    // Create an album.
    const created = await call(api, 'POST', '/v1/albums', {
      token: alice.token,
      body: { title: 'Holidays', description: 'Sea and sun', visibility: 'public' },
    });
    expect(created.status).toBe(201);
    const albumId: string = created.body.albumId;
    expect(created.headers.get('location')).toBe(`/v1/albums/${albumId}`);
    expect(created.body).toMatchObject({ ownerId: alice.userId, photoCount: 0, version: 1 });

    // Request an upload: a pending photo and a presigned PUT bound to type and size.
    const requested = await call(api, 'POST', `/v1/albums/${albumId}/photos`, {
      token: alice.token,
      body: { contentType: 'image/png', size: TINY_PNG.length, caption: 'a dot' },
    });
    expect(requested.status).toBe(201);
    const { photo, upload } = createPhotoRoute.responses[201].schema.parse(requested.body);
    expect(photo).toMatchObject({ status: 'pending', thumbnails: [], caption: 'a dot' });
    const signed = new URL(upload.url);
    expect(signed.pathname).toBe(`/${BUCKET}/uploads/${alice.userId}/${photo.photoId}`);
    expect(signed.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(upload.headers).toEqual({
      'content-type': 'image/png',
      'content-length': String(TINY_PNG.length),
    });

    // Upload the bytes exactly as instructed.
    const put = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: TINY_PNG });
    expect(put.status).toBe(200);

    // The thumbnail step makes it ready; reads now carry signed CDN URLs that download.
    const ready = photoSchema.parse(await waitForStatus(alice.token, photo.photoId, 'ready'));
    expect(ready.thumbnails.length).toBeGreaterThan(0);
    const listed = await call(api, 'GET', `/v1/albums/${albumId}/photos`, { token: bob.token });
    expect(listed.status).toBe(200);
    expect(listed.body.cursor).toBeNull();
    expect(listed.body.items.map((p: { photoId: string }) => p.photoId)).toEqual([photo.photoId]);
    const [thumb] = photoSchema.parse(listed.body.items[0]).thumbnails;
    const download = await fetch(thumb!.url);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(8, 12).toString('ascii')).toBe('WEBP');

    // Likes: idempotent both ways; the response says the caller's state at once, and the count
    // converges from the table's stream.
    for (let i = 0; i < 2; i++) {
      const liked = await call(api, 'PUT', `/v1/photos/${photo.photoId}/like`, { token: bob.token });
      expect(liked).toMatchObject({ status: 200, body: { liked: true, likeCount: expect.any(Number) } });
    }
    const aliceLikes = await call(api, 'PUT', `/v1/photos/${photo.photoId}/like`, { token: alice.token });
    expect(aliceLikes.body.liked).toBe(true);
    await convergedPhoto(api, bob.token, photo.photoId, { likeCount: 2 });
    for (let i = 0; i < 2; i++) {
      const unliked = await call(api, 'DELETE', `/v1/photos/${photo.photoId}/like`, { token: bob.token });
      expect(unliked).toMatchObject({ status: 200, body: { liked: false } });
    }
    await convergedPhoto(api, bob.token, photo.photoId, { likeCount: 1 });
    // Once converged, the like response carries the converged count too.
    expect((await call(api, 'PUT', `/v1/photos/${photo.photoId}/like`, { token: alice.token })).body).toEqual(
      {
        liked: true,
        likeCount: 1,
      },
    );

    // Comments, newest first.
    const first = await call(api, 'POST', `/v1/photos/${photo.photoId}/comments`, {
      token: bob.token,
      body: { body: 'Lovely!' },
    });
    expect(first).toMatchObject({ status: 201, body: { authorId: bob.userId, body: 'Lovely!' } });
    const second = await call(api, 'POST', `/v1/photos/${photo.photoId}/comments`, {
      token: alice.token,
      body: { body: 'Thanks' },
    });
    expect(second.status).toBe(201);
    const comments = await call(api, 'GET', `/v1/photos/${photo.photoId}/comments?limit=1`, {
      token: bob.token,
    });
    expect(comments.body.items.map((c: { body: string }) => c.body)).toEqual(['Thanks']);
    const next = await call(
      api,
      'GET',
      `/v1/photos/${photo.photoId}/comments?limit=1&cursor=${encodeURIComponent(comments.body.cursor)}`,
      { token: bob.token },
    );
    expect(next.body.items.map((c: { body: string }) => c.body)).toEqual(['Lovely!']);
    await convergedPhoto(api, bob.token, photo.photoId, { likeCount: 1, commentCount: 2 });

    // Alice's activity: bob's comment (his like was taken back; her own like and comment make none).
    const activity = await call(api, 'GET', '/v1/me/activity', { token: alice.token });
    expect(activity).toMatchObject({ status: 200, body: { cursor: null } });
    expect(activity.body.items).toEqual([
      expect.objectContaining({
        photoId: photo.photoId,
        likes: { count: 0, people: [] },
        comments: { count: 1, people: [{ userId: bob.userId, handle: bob.handle }] },
        summary: `${bob.handle} commented on your photo`,
      }),
    ]);
    expect((await call(api, 'GET', '/v1/me/activity', { token: bob.token })).body.items).toEqual([]);
    const commentPath = `/v1/photos/${photo.photoId}/comments/${first.body.commentId}`;
    expect((await call(api, 'DELETE', commentPath, { token: bob.token })).status).toBe(204);
    await convergedPhoto(api, bob.token, photo.photoId, { commentCount: 1 });

    // Make it private, share it, open the link without signing in.
    const privatised = await call(api, 'PATCH', `/v1/albums/${albumId}`, {
      token: alice.token,
      body: { version: 1, visibility: 'private', coverPhotoId: photo.photoId },
    });
    expect(privatised).toMatchObject({ status: 200, body: { visibility: 'private', version: 2 } });
    expect((await call(api, 'GET', `/v1/albums/${albumId}`, { token: bob.token })).status).toBe(404);
    const share = await call(api, 'POST', `/v1/albums/${albumId}/shares`, {
      token: alice.token,
      body: { expiresInSeconds: 3600 },
    });
    expect(share.status).toBe(201);
    expect(share.body.url).toBe(`${api.url}/v1/shared/${share.body.token}`);
    const opened = await fetch(share.body.url);
    expect(opened.status).toBe(200);
    const shared = getSharedAlbumRoute.responses[200].schema.parse(await opened.json());
    expect(shared.album).toMatchObject({ albumId, title: 'Holidays', visibility: 'private' });
    expect(shared.photos.items.map((p) => p.photoId)).toEqual([photo.photoId]);
    expect((await fetch(shared.photos.items[0]!.thumbnails[0]!.url)).status).toBe(200);

    // Delete: photo, album; the album is empty first or it is a 409. The photo's objects outlive the
    // request, until the scheduler's purge job runs.
    expect((await call(api, 'DELETE', `/v1/albums/${albumId}`, { token: alice.token })).status).toBe(409);
    expect(await exists(`uploads/${alice.userId}/${photo.photoId}`)).toBe(true);
    // The CDN path of a rendition is its object key.
    const thumbnailKey = new URL(thumb!.url).pathname.slice(1);
    expect(await exists(thumbnailKey)).toBe(true);
    expect((await call(api, 'DELETE', `/v1/photos/${photo.photoId}`, { token: alice.token })).status).toBe(
      204,
    );
    expect(await exists(`uploads/${alice.userId}/${photo.photoId}`)).toBe(true);
    await purgeDeletedPhotos({ s3, bucket: BUCKET, budget: createBudget() });
    expect(await exists(`uploads/${alice.userId}/${photo.photoId}`)).toBe(false);
    expect(await exists(thumbnailKey)).toBe(false);
    expect((await call(api, 'GET', `/v1/photos/${photo.photoId}`, { token: alice.token })).status).toBe(404);
    expect((await call(api, 'DELETE', `/v1/albums/${albumId}`, { token: alice.token })).status).toBe(204);
    expect((await call(api, 'GET', `/v1/albums/${albumId}`, { token: alice.token })).status).toBe(404);
    expect((await fetch(share.body.url)).status).toBe(404);
  });
});

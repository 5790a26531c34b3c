// End to end against real emulators: a presigned upload to s3rver fires its ObjectCreated event, a
// tiny HTTP server (standing in for Lambda's async invoke) hands it to the handler in-process, and
// the photo in DynamoDB Local ends `ready` with renditions in s3rver, or `failed` with a reason.
import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createAlbum } from '@gallery/core/access/albums';
import { MAX_PHOTO_BYTES, addPhoto, deletePhoto, getPhoto, type Photo } from '@gallery/core/access/photos';
import { registerUser } from '@gallery/core/access/users';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { createBucket } from '@gallery/local-stack/provision';
import { startS3rver, type S3rverLocal } from '@gallery/local-stack/s3';
import type { S3Event } from 'aws-lambda';
import sharp from 'sharp';
import { s3Client } from '@gallery/lambda/s3';
import {
  TEXT_FILE,
  gif,
  jpegLookalike,
  jpegWithOrientation,
  pngDeclaring,
  pngWithAlpha,
  truncatedJpeg,
  webp,
} from '@gallery/images/testing/fixtures';
import { loadObserved, captureStdout } from '@gallery/lambda/testing/capture';
import { handler, type ThumbnailResult } from './handler';

const BUCKET = 'gallery-media-thumbnail-test';

type Settled = { ok: true; result: ThumbnailResult } | { ok: false; error: unknown };

/** Receives s3rver's events like Lambda's async invoke (202 at once), runs the handler in-process. */
class EventTarget {
  readonly events = new EventEmitter();
  readonly deliveries = new Map<string, number>();
  /** Keys whose every delivery is processed twice at the same time (a duplicated S3 event). */
  readonly duplicate = new Set<string>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(202).end();
        void this.deliver(JSON.parse(Buffer.concat(chunks).toString('utf8')) as S3Event);
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/invoke`;
  }

  async deliver(event: S3Event): Promise<Settled[]> {
    const key = decodeURIComponent(event.Records[0]?.s3.object.key ?? '');
    const copies = this.duplicate.has(key) ? 2 : 1;
    this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + copies);
    const settled = await Promise.all(
      Array.from({ length: copies }, () =>
        handler(event, lambdaContext({ awsRequestId: randomUUID() })).then(
          (result): Settled => ({ ok: true, result }),
          (error: unknown): Settled => ({ ok: false, error }),
        ),
      ),
    );
    this.events.emit(key, settled, event);
    return settled;
  }

  /** Resolves with the next delivery of `key` once the handler has finished with it. */
  async next(key: string): Promise<{ settled: Settled[]; event: S3Event }> {
    const [settled, event] = (await once(this.events, key, { signal: AbortSignal.timeout(30_000) })) as [
      Settled[],
      S3Event,
    ];
    return { settled, event };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const target = new EventTarget();
let s3rver: S3rverLocal;
let s3: S3Client;
let ownerId: string;
let albumId: string;

beforeAll(async () => {
  await target.start();
  s3rver = await startS3rver({ eventTarget: target.url });
  await createBucket({ endpoint: s3rver.endpoint, bucketName: BUCKET });
  // The handler's S3 client is created on first use: point it at this file's s3rver.
  process.env.S3_ENDPOINT = s3rver.endpoint;
  // Locally s3rver also reports the thumbnails written (AWS filters them out): keep the output quiet.
  process.env.LOG_LEVEL = 'error';
  s3 = s3Client();
  ownerId = `media-${randomUUID()}`;
  await registerUser({
    userId: ownerId,
    email: `${ownerId}@example.com`,
    handle: `m_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    displayName: 'Media Test',
  });
  albumId = (await createAlbum({ ownerId, title: 'Uploads', visibility: 'private' })).albumId;
});

afterAll(async () => {
  await s3rver?.stop();
  await target.stop();
});

async function newPhoto(contentType: string, size: number): Promise<Photo> {
  return addPhoto({
    albumId,
    ownerId,
    contentType: contentType as never,
    size: Math.max(1, size),
    // As createPhotoUpload records it: the API request that asked for the upload.
    requestId: `api-${randomUUID()}`,
  });
}

/** Uploads through a presigned PUT, as a browser would, and waits for the handler to finish. */
async function upload(photo: Photo, body: Buffer) {
  const processed = target.next(photo.objectKey);
  const url = await getSignedUrl(
    s3,
    new PutObjectCommand({ Bucket: BUCKET, Key: photo.objectKey, ContentType: photo.contentType }),
    { expiresIn: 300 },
  );
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': photo.contentType },
    body: new Uint8Array(body),
  });
  expect(res.status).toBe(200);
  return processed;
}

async function thumbnailKeys(photoId: string): Promise<string[]> {
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `thumbnails/${ownerId}/${photoId}/` }),
  );
  return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
}

async function readObject(key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

/** Uploads `body`, then checks the photo is ready with two renditions of the expected sizes. */
async function expectReady(
  contentType: string,
  body: Buffer,
  expected: { width: number; height: number; thumb: number; medium: [number, number] },
) {
  const photo = await newPhoto(contentType, body.length);
  const { settled } = await upload(photo, body);
  expect(settled).toEqual([{ ok: true, result: expect.objectContaining({ ignored: 0 }) }]);

  const ready = await getPhoto(photo.photoId);
  const prefix = `thumbnails/${ownerId}/${photo.photoId}`;
  expect(ready).toMatchObject({
    status: 'ready',
    width: expected.width,
    height: expected.height,
    renditions: [
      {
        name: 'thumb',
        key: `${prefix}/thumb.webp`,
        width: expected.thumb,
        height: expected.thumb,
        contentType: 'image/webp',
      },
      {
        name: 'medium',
        key: `${prefix}/medium.webp`,
        width: expected.medium[0],
        height: expected.medium[1],
        contentType: 'image/webp',
      },
    ],
  });
  expect(await thumbnailKeys(photo.photoId)).toEqual([`${prefix}/medium.webp`, `${prefix}/thumb.webp`]);
  const stored = await Promise.all((ready.renditions ?? []).map((r) => readObject(r.key)));
  const metas = await Promise.all(stored.map((data) => sharp(data).metadata()));
  metas.forEach((meta, i) => {
    const rendition = ready.renditions?.[i];
    expect(meta).toMatchObject({ format: 'webp', width: rendition?.width, height: rendition?.height });
    expect(meta.exif).toBeUndefined();
  });
  return { photo: ready, stored };
}

describe('uploads that become photos', () => {
  it('JPEG with EXIF rotation: displayed upright, GPS gone', async () => {
    const { stored } = await expectReady('image/jpeg', await jpegWithOrientation(1600, 1200), {
      width: 1200,
      height: 1600,
      thumb: 256,
      medium: [768, 1024],
    });
    // Stored sideways (red left, blue right); displayed rotated 90° clockwise: red on top.
    const medium = await sharp(stored[1]).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => {
      const at = (y * medium.info.width + x) * medium.info.channels;
      return [medium.data[at], medium.data[at + 1], medium.data[at + 2]] as number[];
    };
    expect(pixel(384, 100)[0]).toBeGreaterThan(200);
    expect(pixel(384, 100)[2]).toBeLessThan(60);
    expect(pixel(384, 924)[2]).toBeGreaterThan(200);
    expect(pixel(384, 924)[0]).toBeLessThan(60);
    for (const data of stored) expect(data.includes(Buffer.from('GalleryTestCam'))).toBe(false);
  });

  it('PNG with alpha: transparency kept, never upscaled', async () => {
    const { stored } = await expectReady('image/png', await pngWithAlpha(300, 200), {
      width: 300,
      height: 200,
      thumb: 200,
      medium: [300, 200],
    });
    for (const data of stored)
      await expect(sharp(data).metadata()).resolves.toMatchObject({ hasAlpha: true });
  });

  it('WebP', async () => {
    await expectReady('image/webp', await webp(1200, 800), {
      width: 1200,
      height: 800,
      thumb: 256,
      medium: [1024, 683],
    });
  });

  it('GIF', async () => {
    await expectReady('image/gif', await gif(120, 90), {
      width: 120,
      height: 90,
      thumb: 90,
      medium: [120, 90],
    });
  });
});

describe('uploads that fail', () => {
  it.each([
    ['a text file declared as JPEG', 'not_an_image', 'image/jpeg', async () => TEXT_FILE],
    ['a truncated JPEG', 'corrupt', 'image/jpeg', truncatedJpeg],
    ['a 0-byte file', 'empty', 'image/jpeg', async () => Buffer.alloc(0)],
    ['a PNG declaring 50 000 × 50 000 pixels', 'too_many_pixels', 'image/png', async () => pngDeclaring()],
    ['a file over the byte limit', 'too_large', 'image/jpeg', async () => jpegLookalike(MAX_PHOTO_BYTES + 1)],
  ])('%s → failed (%s)', async (_name, reason, contentType, make) => {
    const body = await make();
    const photo = await newPhoto(contentType, Math.min(body.length, MAX_PHOTO_BYTES));
    const { settled } = await upload(photo, body);

    // A normal return: Lambda does not retry, so no crash loop.
    expect(settled).toEqual([
      {
        ok: true,
        result: { ignored: 0, outcomes: [expect.objectContaining({ outcome: 'failed', reason })] },
      },
    ]);
    expect(target.deliveries.get(photo.objectKey)).toBe(1);
    await expect(getPhoto(photo.photoId)).resolves.toMatchObject({ status: 'failed', failureReason: reason });
    expect(await thumbnailKeys(photo.photoId)).toEqual([]);
  });
});

describe('redelivery and strays', () => {
  it('the same event twice, at once and again later: one set of thumbnails, one ready photo', async () => {
    const photo = await newPhoto('image/webp', 0);
    target.duplicate.add(photo.objectKey);
    const { settled, event } = await upload(photo, await webp(600, 400));
    target.duplicate.delete(photo.objectKey);

    const outcomes = settled.map((s) => (s.ok ? s.result.outcomes[0]?.outcome : 'threw'));
    expect(outcomes.sort()).toEqual(['ready', 'skipped']);
    const ready = await getPhoto(photo.photoId);
    expect(ready.status).toBe('ready');

    const again = await target.deliver(event);
    expect(again).toEqual([
      {
        ok: true,
        result: {
          ignored: 0,
          outcomes: [expect.objectContaining({ outcome: 'skipped', why: 'not_pending' })],
        },
      },
    ]);
    expect(await getPhoto(photo.photoId)).toEqual(ready);
    expect(await thumbnailKeys(photo.photoId)).toHaveLength(2);
  });

  it('an upload for a deleted photo changes nothing', async () => {
    const photo = await newPhoto('image/png', 0);
    await deletePhoto({ photoId: photo.photoId, albumId, ownerId });
    const { settled } = await upload(photo, await pngWithAlpha(50, 50));

    expect(settled).toEqual([
      {
        ok: true,
        result: {
          ignored: 0,
          outcomes: [expect.objectContaining({ outcome: 'skipped', why: 'photo_not_found' })],
        },
      },
    ]);
    expect(await thumbnailKeys(photo.photoId)).toEqual([]);
  });

  it('an infrastructure error is logged as JSON and thrown for Lambda to retry; the photo stays pending', async () => {
    // A real s3rver event, re-pointed at a pending photo in a bucket that does not exist.
    const { event } = await upload(await newPhoto('image/png', 0), await pngWithAlpha(20, 20));
    const pending = await newPhoto('image/png', 0);
    const [record] = event.Records;
    const broken: S3Event = {
      Records: [
        {
          ...record!,
          s3: {
            ...record!.s3,
            bucket: { ...record!.s3.bucket, name: 'no-such-bucket' },
            object: { ...record!.s3.object, key: pending.objectKey },
          },
        },
      ],
    };

    // Test runs log nothing (jest.config.ts): this test loads the function as Lambda would run it.
    const observed = await loadObserved(() => jest.requireActual<typeof import('./handler')>('./handler'), {
      LOG_LEVEL: 'INFO',
    });
    const output = captureStdout();
    let error: unknown;
    try {
      await observed.handler(broken, lambdaContext({ awsRequestId: 'req-broken' })).catch((err: unknown) => {
        error = err;
      });
    } finally {
      output.restore();
    }
    expect(error).toMatchObject({ name: 'ThumbnailProcessingError' });
    expect(output.logs()).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        function_request_id: 'req-broken',
        // The photo was read before the object: the lines carry the upload request's id.
        correlation_id: pending.requestId,
        message: 'upload processing error',
        key: pending.objectKey,
        error: expect.objectContaining({ name: 'NoSuchBucket', Code: 'NoSuchBucket' }),
      }),
      // The failed invocation, as the chain reports it before Lambda retries.
      expect.objectContaining({
        level: 'ERROR',
        function_request_id: 'req-broken',
        message: 'invocation failed',
        error: expect.objectContaining({ name: 'ThumbnailProcessingError' }),
      }),
    ]);
    await expect(getPhoto(pending.photoId)).resolves.toMatchObject({ status: 'pending' });
  });
});

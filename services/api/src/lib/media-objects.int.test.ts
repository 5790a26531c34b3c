// Deleting a photo's objects: against s3rver for what S3 does, and against a small local server
// for the failures s3rver cannot be made to answer (throttling, refusals).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3_CLIENT_DEFAULTS } from '@gallery/lambda/s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@gallery/local-stack/credentials';
import { createBucket } from '@gallery/local-stack/provision';
import { startS3rver, type S3rverLocal } from '@gallery/local-stack/s3';
import { deleteObjects } from './media-objects';

const BUCKET = 'gallery-media-objects';
let s3rver: S3rverLocal;
let s3: S3Client;

beforeAll(async () => {
  s3rver = await startS3rver();
  await createBucket({ endpoint: s3rver.endpoint, bucketName: BUCKET });
  process.env.BUCKET_NAME = BUCKET;
  s3 = new S3Client({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: s3rver.endpoint,
    forcePathStyle: true,
  });
});

afterAll(async () => {
  s3?.destroy();
  await s3rver?.stop();
});

beforeEach(() => {
  process.env.S3_ENDPOINT = s3rver.endpoint;
});

const exists = (Key: string) =>
  s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key })).then(
    () => true,
    (err: { name?: string }) => (err.name === 'NotFound' ? false : Promise.reject(err)),
  );

/** A server answering each request with the next status of `statuses` (the last one repeats). */
async function fakeS3(statuses: number[]): Promise<{ server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(
      `${req.method} ${req.url?.split('?')[0]} ${req.headers.authorization ? 'signed' : 'unsigned'}`,
    );
    res.writeHead(statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.S3_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, requests };
}

describe('deleteObjects', () => {
  it("removes a photo's objects, and answers nothing left for a key that never existed", async () => {
    const keys = ['uploads/u1/P1', 'thumbnails/u1/P1/thumb.webp', 'thumbnails/u1/P1/medium.webp'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'uploads/u1/P2', Body: 'other photo' }));

    expect(await deleteObjects([...keys, 'thumbnails/u1/P1/never-made.webp'])).toEqual([]);
    for (const key of keys) expect(await exists(key)).toBe(false);
    expect(await exists('uploads/u1/P2')).toBe(true);
  });

  it('retries throttling and server errors, then succeeds', async () => {
    const { server, requests } = await fakeS3([503, 500, 204]);
    try {
      expect(await deleteObjects(['uploads/u1/P3'])).toEqual([]);
      expect(requests).toEqual(Array(3).fill(`DELETE /${BUCKET}/uploads/u1/P3 signed`));
    } finally {
      server.close();
    }
  });

  it('gives up on a refusal at once, and on errors after the last attempt, naming the keys left', async () => {
    const refused = await fakeS3([403]);
    try {
      expect(await deleteObjects(['uploads/u1/P4'])).toEqual([{ key: 'uploads/u1/P4', reason: 'HTTP 403' }]);
      expect(refused.requests).toHaveLength(1);
    } finally {
      refused.server.close();
    }
    const failing = await fakeS3([500]);
    try {
      expect(await deleteObjects(['uploads/u1/P5'])).toEqual([{ key: 'uploads/u1/P5', reason: 'HTTP 500' }]);
      expect(failing.requests).toHaveLength(S3_CLIENT_DEFAULTS.maxAttempts);
    } finally {
      failing.server.close();
    }
  });

  it('reports keys left when S3 cannot be reached', async () => {
    const { server } = await fakeS3([204]);
    await new Promise((resolve) => server.close(resolve));
    const left = await deleteObjects(['uploads/u1/P6', 'uploads/u1/P7']);
    expect(left.map((l) => l.key)).toEqual(['uploads/u1/P6', 'uploads/u1/P7']);
    expect(left.every((l) => l.reason.length > 0 && !l.reason.startsWith('HTTP'))).toBe(true);
  });
});

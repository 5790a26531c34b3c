// Deleting a photo's objects: against s3rver for what S3 does with them, and against a small local
// server for what s3rver cannot be made to do: check the signature of what fetch really sends,
// throttle, refuse, hang.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createS3Client, S3_CLIENT_DEFAULTS } from '@gallery/lambda/s3';
import { createBucket } from '@gallery/local-stack/provision';
import { startS3rver, type S3rverLocal } from '@gallery/local-stack/s3';
import { expectedAuthorization, s3KeyPath } from '../../tests/sigv4';
import { DELETE_TIMEOUT_MS, deleteObjects } from './media-objects';

const BUCKET = 'gallery-media-objects';
let s3rver: S3rverLocal;
let s3: S3Client;
const inTenSeconds = () => Date.now() + 10_000;

beforeAll(async () => {
  s3rver = await startS3rver();
  await createBucket({ endpoint: s3rver.endpoint, bucketName: BUCKET });
  process.env.BUCKET_NAME = BUCKET;
  process.env.S3_ENDPOINT = s3rver.endpoint;
  // The services' own client, bound to s3rver here (the fake S3s below change S3_ENDPOINT later).
  s3 = createS3Client();
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

/**
 * A stand-in for S3 at S3_ENDPOINT: it answers 403 to a request whose signature is not SigV4's for
 * what arrived (as S3 would), otherwise the next of `statuses` (the last one repeats); `hang`
 * never answers.
 */
async function fakeS3(statuses: (number | 'hang')[]): Promise<{ server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    const valid =
      req.headers.authorization ===
      expectedAuthorization(received, String(process.env.AWS_SECRET_ACCESS_KEY));
    requests.push(`${req.method} ${req.url?.split('?')[0]}${valid ? '' : ' (bad signature)'}`);
    const status = valid ? statuses[Math.min(requests.length - 1, statuses.length - 1)] : 403;
    if (status !== 'hang') res.writeHead(status ?? 500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.S3_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, requests };
}

async function withFakeS3<T>(
  statuses: (number | 'hang')[],
  fn: (requests: string[]) => Promise<T>,
): Promise<T> {
  const { server, requests } = await fakeS3(statuses);
  try {
    return await fn(requests);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

describe('deleteObjects', () => {
  it("removes a photo's objects, and answers nothing left for a key that never existed", async () => {
    const keys = ['uploads/u1/P1', 'thumbnails/u1/P1/thumb.webp', 'thumbnails/u1/P1/medium.webp'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'uploads/u1/P2', Body: 'other photo' }));

    expect(await deleteObjects([...keys, 'thumbnails/u1/P1/never-made.webp'], inTenSeconds())).toEqual([]);
    for (const key of keys) expect(await exists(key)).toBe(false);
    expect(await exists('uploads/u1/P2')).toBe(true);
  });

  it('sends requests whose signature is valid for what arrives, keys with any characters', async () => {
    const key = "uploads/u1/P3 it's (1) *é+~!";
    await withFakeS3([204], async (requests) => {
      expect(await deleteObjects([key], inTenSeconds())).toEqual([]);
      expect(requests).toEqual([`DELETE /${BUCKET}/${s3KeyPath(key)}`]);
    });
  });

  it('retries throttling and server errors, then succeeds', async () => {
    await withFakeS3([503, 500, 204], async (requests) => {
      expect(await deleteObjects(['uploads/u1/P4'], inTenSeconds())).toEqual([]);
      expect(requests).toEqual(Array(3).fill(`DELETE /${BUCKET}/uploads/u1/P4`));
    });
  });

  it('gives up on a refusal at once, and on errors after the last attempt, naming the keys left', async () => {
    await withFakeS3([403], async (requests) => {
      expect(await deleteObjects(['uploads/u1/P5'], inTenSeconds())).toEqual([
        { key: 'uploads/u1/P5', reason: 'HTTP 403' },
      ]);
      expect(requests).toHaveLength(1);
    });
    await withFakeS3([500], async (requests) => {
      expect(await deleteObjects(['uploads/u1/P6'], inTenSeconds())).toEqual([
        { key: 'uploads/u1/P6', reason: 'HTTP 500' },
      ]);
      expect(requests).toHaveLength(S3_CLIENT_DEFAULTS.maxAttempts);
    });
  });

  it('stops waiting for an S3 that does not answer, at each attempt and at the deadline', async () => {
    await withFakeS3(['hang'], async (requests) => {
      const started = Date.now();
      const left = await deleteObjects(['uploads/u1/P7'], Date.now() + DELETE_TIMEOUT_MS + 500);
      const took = Date.now() - started;
      expect(left).toEqual([
        { key: 'uploads/u1/P7', reason: expect.stringMatching(/^TimeoutError: .*deadline$/) },
      ]);
      // One full attempt, a second one cut short by the deadline, none after it.
      expect(requests.length).toBeLessThanOrEqual(2);
      expect(took).toBeLessThan(DELETE_TIMEOUT_MS + 1_500);
    });
  });

  it('reports keys left when S3 cannot be reached', async () => {
    const { server } = await fakeS3([204]);
    await new Promise((resolve) => server.close(resolve));
    const left = await deleteObjects(['uploads/u1/P8', 'uploads/u1/P9'], inTenSeconds());
    expect(left).toEqual([
      { key: 'uploads/u1/P8', reason: 'TypeError: ECONNREFUSED' },
      { key: 'uploads/u1/P9', reason: 'TypeError: ECONNREFUSED' },
    ]);
  });
});

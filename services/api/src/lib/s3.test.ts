import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createS3Client } from '@gallery/lambda/s3';
import { expectedAuthorization, s3KeyPath } from '../../tests/sigv4';
import {
  DOWNLOAD_URL_TTL_SECONDS,
  downloadUrl,
  presignUpload,
  signedDeleteRequest,
  UPLOAD_URL_TTL_SECONDS,
} from './s3';

// Presigning is local computation (no request is sent), so these need no S3.
const env = { ...process.env };
beforeEach(() => {
  process.env.BUCKET_NAME = 'media-bucket';
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  process.env.AWS_SESSION_TOKEN = 'session-token';
  delete process.env.S3_ENDPOINT;
  delete process.env.AWS_USE_FIPS_ENDPOINT;
  delete process.env.AWS_USE_DUALSTACK_ENDPOINT;
});
afterAll(() => {
  process.env = env;
});

describe('presignUpload', () => {
  it('signs content-type and content-length as headers, for a few minutes, for the one key', async () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const upload = await presignUpload({ key: 'uploads/u1/P1', contentType: 'image/png', size: 1234 }, now);
    const url = new URL(upload.url);
    expect(url.hostname).toBe('media-bucket.s3.us-east-1.amazonaws.com');
    expect(url.pathname).toBe('/uploads/u1/P1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(UPLOAD_URL_TTL_SECONDS));
    expect(UPLOAD_URL_TTL_SECONDS).toBeLessThanOrEqual(15 * 60);
    // Kept as headers the client must send, not hoisted into the query string.
    expect(url.searchParams.has('Content-Type')).toBe(false);
    expect(url.searchParams.has('x-amz-checksum-crc32')).toBe(false);
    expect(upload).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'image/png', 'content-length': '1234' },
      expiresAt: new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000).toISOString(),
    });
  });

  it('gives a different signature for a different size or type', async () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const sig = async (contentType: string, size: number) =>
      new URL((await presignUpload({ key: 'uploads/u1/P1', contentType, size }, now)).url).searchParams.get(
        'X-Amz-Signature',
      );
    const base = await sig('image/png', 1234);
    expect(await sig('image/png', 1234)).toBe(base);
    expect(await sig('image/png', 1235)).not.toBe(base);
    expect(await sig('image/jpeg', 1234)).not.toBe(base);
  });
});

describe('downloadUrl', () => {
  it('presigns a GET by default', async () => {
    const url = new URL(await downloadUrl('thumbnails/u1/P1/thumb.webp'));
    expect(url.pathname).toBe('/thumbnails/u1/P1/thumb.webp');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reuses a signed URL while half its life remains, then signs a new one', async () => {
    const key = 'thumbnails/u1/P2/thumb.webp';
    const start = Date.parse('2025-01-01T00:00:00Z');
    const first = await downloadUrl(key, start);
    expect(await downloadUrl(key, start + (DOWNLOAD_URL_TTL_SECONDS * 1000) / 2 - 1)).toBe(first);
    const later = await downloadUrl(key, start + (DOWNLOAD_URL_TTL_SECONDS * 1000) / 2);
    expect(later).not.toBe(first);
    expect(new URL(later).searchParams.get('X-Amz-Date')).toBe('20250101T003000Z');
    expect(await downloadUrl('thumbnails/u1/P2/medium.webp', start)).not.toBe(first);
  });
});

describe('signedDeleteRequest', () => {
  // s3rver accepts any signature: the request is checked against SigV4 as AWS documents it.
  it.each([
    ['AWS', undefined],
    ['a local endpoint', 'http://127.0.0.1:4569'],
  ])('signs a DeleteObject for the key on %s, in the Authorization header', async (_name, endpoint) => {
    if (endpoint) process.env.S3_ENDPOINT = endpoint;
    const key = "thumbnails/u1/P9 (copy)/it's *é+~!.webp";
    const { url, headers } = await signedDeleteRequest(key);
    const target = new URL(url);
    expect(target.pathname).toBe(`${endpoint ? '/media-bucket' : ''}/${s3KeyPath(key)}`);
    expect(target.search).toBe('?x-id=DeleteObject');
    expect(headers).not.toHaveProperty('host');
    const received = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    // Lambda's credentials carry a session token: it must be sent, and signed.
    expect(received['x-amz-security-token']).toBe('session-token');
    expect(received.authorization).toContain(
      'SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,',
    );
    expect(received.authorization).toBe(
      expectedAuthorization(
        {
          method: 'DELETE',
          url: target.pathname + target.search,
          headers: { ...received, host: target.host },
        },
        'secret',
      ),
    );
  });
});

// The URLs are signed without an S3Client (it would weigh ~150 KB in every photo function); they
// must be exactly the ones the SDK's presigner gives for the same object, time, credentials and
// addressing (virtual-hosted, path-style, regional, partition, endpoint variants).
const addressing: [string, Record<string, string>][] = [
  ['AWS (virtual-hosted)', {}],
  ['AWS in another region', { AWS_REGION: 'eu-west-3' }],
  [
    'AWS with a dotted bucket name (path-style)',
    { BUCKET_NAME: 'media.example.com', AWS_REGION: 'eu-central-1' },
  ],
  ['AWS China', { AWS_REGION: 'cn-north-1' }],
  ['AWS European Sovereign Cloud', { AWS_REGION: 'eusc-de-east-1' }],
  ['AWS GovCloud with FIPS', { AWS_REGION: 'us-gov-west-1', AWS_USE_FIPS_ENDPOINT: 'true' }],
  ['AWS with dual-stack', { AWS_REGION: 'ap-southeast-2', AWS_USE_DUALSTACK_ENDPOINT: 'true' }],
  [
    'AWS with FIPS, dual-stack and a dotted name',
    { BUCKET_NAME: 'media.example.com', AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' },
  ],
  ['a local endpoint (path-style)', { S3_ENDPOINT: 'http://127.0.0.1:4569' }],
  ['a local endpoint under a path', { S3_ENDPOINT: 'http://localhost:4569/s3/' }],
];

describe.each(addressing)('URLs on %s match getSignedUrl', (name, settings) => {
  beforeEach(() => {
    Object.assign(process.env, settings);
  });

  it('for an upload', async () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const input = { key: 'uploads/u1/P9', contentType: 'image/jpeg', size: 4321 };
    const bound = new Set(['content-type', 'content-length']);
    const expected = await getSignedUrl(
      createS3Client(),
      new PutObjectCommand({
        Bucket: process.env.BUCKET_NAME,
        Key: input.key,
        ContentType: input.contentType,
        ContentLength: input.size,
      }),
      {
        expiresIn: UPLOAD_URL_TTL_SECONDS,
        signingDate: now,
        signableHeaders: bound,
        unhoistableHeaders: bound,
      },
    );
    expect((await presignUpload(input, now)).url).toBe(expected);
  });

  it('for a download, with a key that needs escaping', async () => {
    const at = Date.parse('2025-02-01T00:00:00Z');
    // A key of its own per case: downloadUrl reuses the URLs it signed.
    const key = `thumbnails/u1/P9 (copy)/${name}'s thumb.webp`;
    const expected = await getSignedUrl(
      createS3Client(),
      new GetObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: key }),
      {
        expiresIn: DOWNLOAD_URL_TTL_SECONDS,
        signingDate: new Date(at),
      },
    );
    expect(await downloadUrl(key, at)).toBe(expected);
  });
});

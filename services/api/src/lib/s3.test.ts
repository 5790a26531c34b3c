import { presignUpload, UPLOAD_URL_TTL_SECONDS } from './s3';

// Presigning is local computation (no request is sent), so these need no S3. The process-wide
// client is created on first use, with this environment (AWS addressing: virtual-hosted).
process.env.BUCKET_NAME = 'media-bucket';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'secret';
process.env.AWS_SESSION_TOKEN = 'session-token';
delete process.env.S3_ENDPOINT;

describe('presignUpload', () => {
  it('signs content-type and content-length as headers, for a few minutes, for the one key', async () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const upload = await presignUpload({ key: 'uploads/u1/P1', contentType: 'image/png', size: 1234 }, now);
    const url = new URL(upload.url);
    expect(url.hostname).toBe('media-bucket.s3.us-east-1.amazonaws.com');
    expect(url.pathname).toBe('/uploads/u1/P1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(UPLOAD_URL_TTL_SECONDS));
    expect(url.searchParams.get('X-Amz-Date')).toBe('20250101T000000Z');
    // Lambda's credentials carry a session token: the URL must carry it.
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session-token');
    expect(UPLOAD_URL_TTL_SECONDS).toBeLessThanOrEqual(15 * 60);
    // Kept as headers the client must send, not hoisted into the query string, and no checksum of
    // an empty body (real S3 would refuse the upload).
    expect(url.searchParams.has('Content-Type')).toBe(false);
    expect([...url.searchParams.keys()].filter((name) => name.startsWith('x-amz-checksum'))).toEqual([]);
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

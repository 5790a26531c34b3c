// The edge proxy's own CloudFront behaviour, with small stand-in functions (the media
// distribution's real ones are tested end to end in services/edge) against the harness's s3rver.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../credentials';
import { harnessEnv } from '../env';
import { loadCloudFrontFunction } from './cloudfront-function';
import {
  startEdgeProxy,
  type EdgeProxy,
  type EdgeProxyOptions,
  type OriginResponseHandler,
} from './edge-proxy';
import { trustedKeys } from './signed-urls';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const passThrough: OriginResponseHandler = async (event) => event.Records[0]!.cf.response;
const proxies: EdgeProxy[] = [];
let clock = 1_800_000_000_000;
let s3: S3Client;
let bucket: string;

async function proxy(overrides: Partial<EdgeProxyOptions> = {}): Promise<EdgeProxy> {
  const edge = await startEdgeProxy({
    origin: { endpoint: harnessEnv('S3_ENDPOINT'), bucket, region: LOCAL_REGION },
    trustedKeys: trustedKeys({ K1: keys.publicKey }),
    viewerRequest: loadCloudFrontFunction('function handler(event) { return event.request; }'),
    originResponse: passThrough,
    cachePolicy: { MinTTL: 0, DefaultTTL: 60, MaxTTL: 3600 },
    errorCaching: [{ ErrorCode: 404, ErrorCachingMinTTL: 10 }],
    responseHeadersPolicy: { SecurityHeadersConfig: { ContentTypeOptions: { Override: true } } },
    now: () => clock,
    ...overrides,
  });
  proxies.push(edge);
  return edge;
}

const sign = (edge: EdgeProxy, path: string) =>
  getSignedUrl({
    url: `${edge.url}${path}`,
    keyPairId: 'K1',
    privateKey: PRIVATE_KEY,
    // Valid for an hour of the edge's clock, which the tests move.
    dateLessThan: new Date(clock + 3_600_000),
  });

async function object(body: string, cacheControl?: string): Promise<string> {
  const key = `edge-proxy/${randomUUID()}.txt`;
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: 'text/plain',
      CacheControl: cacheControl,
    }),
  );
  return `/${key}`;
}

beforeAll(() => {
  bucket = harnessEnv('BUCKET_NAME');
  s3 = new S3Client({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: harnessEnv('S3_ENDPOINT'),
    forcePathStyle: true,
  });
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.stop()));
});

describe('edge proxy', () => {
  it('caches for the TTL the cache policy and the object give, then goes back to the origin', async () => {
    const edge = await proxy();
    const path = await object('hello', 'max-age=120');
    const url = sign(edge, path);
    const first = await fetch(url);
    expect([first.status, await first.text(), first.headers.get('x-cache')]).toEqual([
      200,
      'hello',
      'Miss from cloudfront',
    ]);
    clock += 119_000;
    const hit = await fetch(url);
    expect([hit.headers.get('x-cache'), hit.headers.get('age')]).toEqual(['Hit from cloudfront', '119']);
    clock += 1_000;
    expect((await fetch(url)).headers.get('x-cache')).toBe('Miss from cloudfront');
    expect(edge.stats()).toMatchObject({ originFetches: 2, hits: 1, misses: 2, originBytes: 10 });
  });

  it('serves HEAD without a body and refuses other methods with 403', async () => {
    const edge = await proxy();
    const url = sign(edge, await object('hello'));
    const head = await fetch(url, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '5', '']);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(403);
  });

  it('caches a 404 for its error caching TTL, and applies the response headers policy to it', async () => {
    const edge = await proxy();
    const url = sign(edge, '/edge-proxy/missing.txt');
    const first = await fetch(url);
    // S3 answers 403 for a missing key to an origin access control that may not list the bucket.
    expect(first.status).toBe(403);
    const notFound = await proxy({
      originResponse: async () => ({
        status: '404',
        statusDescription: 'Not Found',
        body: 'gone',
        bodyEncoding: 'text',
      }),
    });
    const missing = sign(notFound, '/edge-proxy/missing.txt');
    expect((await fetch(missing)).status).toBe(404);
    clock += 9_000;
    const cached = await fetch(missing);
    expect([cached.headers.get('x-cache'), cached.headers.get('x-content-type-options')]).toEqual([
      'Hit from cloudfront',
      'nosniff',
    ]);
    clock += 1_000;
    expect((await fetch(missing)).headers.get('x-cache')).toBe('Miss from cloudfront');
  });

  it('never caches a 422', async () => {
    const edge = await proxy({
      originResponse: async () => ({ status: '422', body: 'no', bodyEncoding: 'text' }),
    });
    const url = sign(edge, '/edge-proxy/x.txt');
    await fetch(url);
    await fetch(url);
    expect(edge.stats()).toMatchObject({ lambdaInvocations: 2, hits: 0 });
  });

  it('answers 503 when the origin-response function throws, cached 10 s unless the error caching TTL says otherwise', async () => {
    const cachedByDefault = await proxy({ originResponse: () => Promise.reject(new Error('boom')) });
    const url = sign(cachedByDefault, '/edge-proxy/y.txt');
    expect((await fetch(url)).status).toBe(503);
    expect((await fetch(url)).headers.get('x-cache')).toBe('Hit from cloudfront');
    const retried = await proxy({
      originResponse: () => Promise.reject(new Error('boom')),
      errorCaching: [{ ErrorCode: 503, ErrorCachingMinTTL: 0 }],
    });
    const again = sign(retried, '/edge-proxy/y.txt');
    expect((await fetch(again)).status).toBe(503);
    expect((await fetch(again)).status).toBe(503);
    expect(retried.stats().lambdaInvocations).toBe(2);
  });

  it('answers 502 when the origin-response result is invalid', async () => {
    const invalid = await proxy({
      originResponse: async () => ({
        status: '200',
        headers: { 'x-cache': [{ key: 'X-Cache', value: 'Hit' }] },
      }),
    });
    expect((await fetch(sign(invalid, '/edge-proxy/z.txt'))).status).toBe(502);
  });

  it('answers 503 when the CloudFront Function throws, 502 when its result is invalid', async () => {
    const throwing = await proxy({
      viewerRequest: loadCloudFrontFunction('function handler() { throw new Error("x"); }'),
    });
    expect((await fetch(sign(throwing, '/a'))).status).toBe(503);
    const invalid = await proxy({
      viewerRequest: loadCloudFrontFunction('function handler(e) { e.request.uri = "a"; return e.request; }'),
    });
    expect((await fetch(sign(invalid, '/a'))).status).toBe(502);
  });

  it("keys the cache on the path the function left, not the viewer's", async () => {
    const edge = await proxy({
      viewerRequest: loadCloudFrontFunction(
        'function handler(e) { e.request.uri = e.request.uri.toLowerCase(); return e.request; }',
      ),
    });
    const path = await object('same');
    await fetch(sign(edge, path));
    const upper = await fetch(sign(edge, path.replace('edge-proxy', 'EDGE-PROXY')));
    expect([upper.status, upper.headers.get('x-cache')]).toEqual([200, 'Hit from cloudfront']);
  });

  it('records how long each function run took', async () => {
    const edge = await proxy();
    await fetch(sign(edge, await object('t')));
    const { functionMs } = edge.stats();
    expect(functionMs).toHaveLength(1);
    expect(functionMs[0]).toBeGreaterThan(0);
  });
});

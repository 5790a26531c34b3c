import type { CloudFrontResponse, CloudFrontResponseEvent, CloudFrontResultResponse } from 'aws-lambda';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { originBucket } from '../../renditions/origin';
import { onDemandRendition } from '../../renditions/on-demand';
import { GENERATED_RESPONSE_LIMIT, MAX_RENDITION_BYTES, handler } from './handler';

const BASE = '/thumbnails/3f1c2a9e-7b1d-4c55-9a7e-0b6f4e2d8c11/01HV5QX3K9ZT6M2A8B4C7D1E0F';

/** An origin-response event shaped like the one in CloudFront's "Lambda@Edge event structure". */
function event(
  uri: string,
  status: string,
  domainName = 'gallery-media-prod.s3.eu-west-1.amazonaws.com',
): CloudFrontResponseEvent {
  return {
    Records: [
      {
        cf: {
          config: {
            distributionDomainName: 'd111111abcdef8.cloudfront.net',
            distributionId: 'EDFDVBD6EXAMPLE',
            eventType: 'origin-response',
            requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==',
          },
          request: {
            clientIp: '203.0.113.178',
            headers: {
              host: [{ key: 'Host', value: domainName }],
              'user-agent': [{ key: 'User-Agent', value: 'Amazon CloudFront' }],
            },
            method: 'GET',
            origin: {
              s3: {
                authMethod: 'origin-access-identity',
                customHeaders: {},
                domainName,
                path: '',
                region: 'eu-west-1',
              },
            },
            querystring: '',
            uri,
          },
          response: {
            status,
            statusDescription: status === '200' ? 'OK' : 'Forbidden',
            headers: { 'content-type': [{ key: 'Content-Type', value: 'application/xml' }] },
          },
        },
      },
    ],
  };
}

const run = (e: CloudFrontResponseEvent) =>
  handler(e, lambdaContext({ functionName: 'renderRendition' })) as Promise<
    CloudFrontResponse & CloudFrontResultResponse
  >;

describe('renderRendition (origin response)', () => {
  it('passes a found object through untouched', async () => {
    const found = event(`${BASE}/w640.avif`, '200');
    await expect(run(found)).resolves.toBe(found.Records[0]?.cf.response);
  });

  it.each([
    ['a missing pre-rendered thumbnail', `${BASE}/thumb.webp`, '403'],
    ['a width the function never produces', `${BASE}/w700.webp`, '403'],
    ['a format the distribution does not serve', `${BASE}/w640.png`, '404'],
    ['a path outside the renditions', '/uploads/x/01HV5QX3K9ZT6M2A8B4C7D1E0F', '403'],
  ])("answers 404, not S3's error document, for %s", async (_what, uri, status) => {
    const response = await run(event(uri, status));
    expect(response).toMatchObject({
      status: '404',
      headers: {
        'content-type': [{ key: 'Content-Type', value: 'application/problem+json' }],
        'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
      },
    });
  });

  it('answers 502 when the request went to no S3 origin', async () => {
    const e = event(`${BASE}/w640.webp`, '403', 'api.example.com');
    const response = await run(e);
    expect(response.status).toBe('502');
  });

  it('keeps a rendition small enough for the 1 MB a generated response may hold, once base64-encoded', () => {
    expect(Math.ceil(MAX_RENDITION_BYTES / 3) * 4).toBeLessThan(GENERATED_RESPONSE_LIMIT);
  });
});

describe('originBucket', () => {
  const request = (domainName: string, extra: object = {}) => ({
    headers: {},
    origin: { s3: { authMethod: 'none' as const, customHeaders: {}, domainName, path: '', ...extra } },
  });

  it.each([
    ['gallery-media-prod.s3.eu-west-1.amazonaws.com', { bucket: 'gallery-media-prod', region: 'eu-west-1' }],
    ['gallery-media-prod.s3-eu-west-1.amazonaws.com', { bucket: 'gallery-media-prod', region: 'eu-west-1' }],
    ['media.example.com.s3.us-west-2.amazonaws.com', { bucket: 'media.example.com', region: 'us-west-2' }],
    ['gallery-media.s3.amazonaws.com', { bucket: 'gallery-media', region: 'us-east-1' }],
    ['gallery-media.s3.cn-north-1.amazonaws.com.cn', { bucket: 'gallery-media', region: 'cn-north-1' }],
  ])('reads %s', (domain, expected) => {
    expect(originBucket(request(domain))).toEqual(expected);
  });

  it('takes the region CloudFront names for a global domain', () => {
    const r = request('gallery-media.s3.amazonaws.com', {
      authMethod: 'origin-access-identity',
      region: 'ap-south-1',
    });
    expect(originBucket(r)).toEqual({ bucket: 'gallery-media', region: 'ap-south-1' });
  });

  it('falls back to the Host header CloudFront sent to S3', () => {
    expect(
      originBucket({ headers: { host: [{ key: 'Host', value: 'b.s3.eu-central-1.amazonaws.com' }] } }),
    ).toEqual({
      bucket: 'b',
      region: 'eu-central-1',
    });
  });

  it.each(['api.example.com', 'example.s3.amazonaws.com.evil.test', 'gallery.s3.not-a-region.amazonaws.com'])(
    'refuses %s',
    (domain) => {
      expect(originBucket(request(domain))).toBeUndefined();
    },
  );
});

describe('onDemandRendition', () => {
  it('reads what the CloudFront Function produces', () => {
    expect(onDemandRendition(`${BASE}/w960.avif`)).toEqual({
      ownerId: '3f1c2a9e-7b1d-4c55-9a7e-0b6f4e2d8c11',
      photoId: '01HV5QX3K9ZT6M2A8B4C7D1E0F',
      width: 960,
      format: 'avif',
      key: `${BASE.slice(1)}/w960.avif`,
      sourceKey: 'uploads/3f1c2a9e-7b1d-4c55-9a7e-0b6f4e2d8c11/01HV5QX3K9ZT6M2A8B4C7D1E0F',
    });
  });

  it.each([
    `${BASE}/w961.avif`,
    `${BASE}/w0.webp`,
    `${BASE}/w640.gif`,
    `${BASE}/thumb.webp`,
    `${BASE}/image`,
  ])('refuses %s', (uri) => {
    expect(onDemandRendition(uri)).toBeUndefined();
  });
});

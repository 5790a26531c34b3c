import { handler, type FunctionEvent, type FunctionRequest, type FunctionResponse } from './handler';

const OWNER = '3f1c2a9e-7b1d-4c55-9a7e-0b6f4e2d8c11';
const PHOTO = '01HV5QX3K9ZT6M2A8B4C7D1E0F';
const BASE = `/thumbnails/${OWNER}/${PHOTO}`;
// What @aws-sdk/cloudfront-signer appends for a custom policy (values in CloudFront's URL-safe base64).
const SIGNED = {
  Policy: {
    value: 'eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9kMTExLmNsb3VkZnJvbnQubmV0L3RodW1ibmFpbHMvKiJ9XX0_',
  },
  Signature: {
    value: 'Nql641NHRUkTxe~gQK3bqCA2sVr3ZZTkGq6YqXyGRF-HsNBZOZ8ht1CnVTK8eSiZu0UFOZ-2w3Ak9S8X9yc3gQ__',
  },
  'Key-Pair-Id': { value: 'K2JCJMDEHXQW5F' },
};

/** A viewer-request event shaped like CloudFront's documented example, for one of our paths. */
function event(
  uri: string,
  querystring: FunctionEvent['request']['querystring'] = {},
  accept?: string,
): FunctionEvent {
  return {
    version: '1.0',
    context: {
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      distributionId: 'EDFDVBD6EXAMPLE',
      eventType: 'viewer-request',
      requestId: 'EXAMPLEntjQpEXAMPLE_SG5Z-EXAMPLEPmPfEXAMPLEu3EqEXAMPLE==',
    },
    viewer: { ip: '198.51.100.11' },
    request: {
      method: 'GET',
      uri,
      querystring,
      headers: {
        host: { value: 'd111111abcdef8.cloudfront.net' },
        'user-agent': {
          value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:83.0) Gecko/20100101 Firefox/83.0',
        },
        ...(accept === undefined ? {} : { accept: { value: accept } }),
      },
      cookies: { cookie_consent: { value: 'true' } },
    },
  };
}

function asRequest(result: FunctionRequest | FunctionResponse): FunctionRequest {
  if ('statusCode' in result)
    throw new Error(`expected a request, got ${result.statusCode}: ${result.body?.data}`);
  return result;
}

function asResponse(result: FunctionRequest | FunctionResponse): FunctionResponse & { detail: string } {
  if (!('statusCode' in result)) throw new Error(`expected a response, got ${result.uri}`);
  return { ...result, detail: (JSON.parse(result.body?.data ?? '{}') as { detail: string }).detail };
}

const CHROME = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';
const SAFARI_15 = 'image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5';

describe('viewer-request function', () => {
  describe('pre-rendered renditions', () => {
    it.each(['thumb.webp', 'medium.webp'])(
      'serves %s as stored, keeping only the signed-URL parameters',
      (file) => {
        const request = asRequest(
          handler(
            event(
              `${BASE}/${file}`,
              { ...SIGNED, utm_source: { value: 'mail' }, w: { value: '640' } },
              CHROME,
            ),
          ),
        );
        expect(request.uri).toBe(`${BASE}/${file}`);
        expect(request.querystring).toEqual(SIGNED);
      },
    );

    it('leaves headers and cookies as they came', () => {
      const input = event(`${BASE}/thumb.webp`, {}, CHROME);
      const request = asRequest(handler(structuredClone(input)));
      expect(request.headers).toEqual(input.request.headers);
      expect(request.cookies).toEqual(input.request.cookies);
    });
  });

  describe('on-demand renditions', () => {
    it.each([
      ['1', 320],
      ['320', 320],
      ['321', 640],
      ['700', 960],
      ['1280', 1280],
      ['1600', 1600],
      ['4000', 1600],
      ['10000', 1600],
    ])('snaps w=%s to %i px', (w, width) => {
      const request = asRequest(handler(event(`${BASE}/image`, { w: { value: w } }, CHROME)));
      expect(request.uri).toBe(`${BASE}/w${width}.avif`);
    });

    it.each([
      ['a browser that decodes AVIF', CHROME, 'avif'],
      ['a browser that decodes WebP only', SAFARI_15, 'webp'],
      ['a client that takes anything', '*/*', 'webp'],
      ['a client that takes any image', 'image/*', 'webp'],
      ['a client that refuses AVIF', 'image/avif;q=0, image/webp', 'webp'],
      ['a client that names JPEG only', 'image/jpeg, image/png', 'jpeg'],
      ['a client that sends no Accept', undefined, 'jpeg'],
    ])('chooses the format for %s', (_who, accept, format) => {
      const request = asRequest(handler(event(`${BASE}/image`, { w: { value: '640' } }, accept)));
      expect(request.uri).toBe(`${BASE}/w640.${format}`);
    });

    it('reads every Accept header a viewer sent', () => {
      const input = event(`${BASE}/image`, { w: { value: '640' } });
      input.request.headers.accept = {
        value: 'text/html',
        multiValue: [{ value: 'text/html' }, { value: 'image/webp' }],
      };
      expect(asRequest(handler(input)).uri).toBe(`${BASE}/w640.webp`);
    });

    it('drops every other parameter and keeps the signed ones byte for byte', () => {
      const request = asRequest(
        handler(
          event(
            `${BASE}/image`,
            { ...SIGNED, w: { value: '700' }, fm: { value: 'png' }, q: { value: '100' } },
            CHROME,
          ),
        ),
      );
      expect(request.querystring).toEqual(SIGNED);
    });

    it('keeps the signed parameters whatever the case their names arrive in', () => {
      const lower = {
        policy: SIGNED.Policy,
        signature: SIGNED.Signature,
        'key-pair-id': SIGNED['Key-Pair-Id'],
      };
      const request = asRequest(handler(event(`${BASE}/thumb.webp`, { ...lower, utm: { value: 'x' } })));
      expect(request.querystring).toEqual(lower);
    });

    it('keeps a canned-policy signature too', () => {
      const canned = {
        Expires: { value: '1767225600' },
        Signature: SIGNED.Signature,
        'Key-Pair-Id': SIGNED['Key-Pair-Id'],
      };
      expect(asRequest(handler(event(`${BASE}/thumb.webp`, canned))).querystring).toEqual(canned);
    });

    it.each([
      ['no w', {}, /required/],
      ['an empty w', { w: { value: '' } }, /whole number/],
      ['w=0', { w: { value: '0' } }, /whole number/],
      ['a negative w', { w: { value: '-640' } }, /whole number/],
      ['a fractional w', { w: { value: '640.5' } }, /whole number/],
      ['w in another unit', { w: { value: '640px' } }, /whole number/],
      ['w over 10000', { w: { value: '10001' } }, /whole number/],
      [
        'w given twice',
        { w: { value: '320', multiValue: [{ value: '320' }, { value: '1600' }] } },
        /more than once/,
      ],
    ])('refuses %s with 400', (_what, querystring, detail) => {
      const response = asResponse(handler(event(`${BASE}/image`, querystring, CHROME)));
      expect(response).toMatchObject({
        statusCode: 400,
        headers: {
          'content-type': { value: 'application/problem+json' },
          'cache-control': { value: 'no-store' },
        },
      });
      expect(response.detail).toMatch(detail);
    });
  });

  describe('paths', () => {
    it.each([
      ['the root', '/'],
      ['an upload (the original is never served)', `/uploads/${OWNER}/${PHOTO}`],
      ['another prefix', `/private/${OWNER}/${PHOTO}/thumb.webp`],
      ['a stored on-demand name asked for directly', `${BASE}/w640.avif`],
      ['an unknown rendition', `${BASE}/large.webp`],
      ['a traversal', `/thumbnails/${OWNER}/../../uploads/${OWNER}/${PHOTO}`],
      ['an encoded traversal', `/thumbnails/${OWNER}/%2e%2e/${PHOTO}/thumb.webp`],
      ['a lower-case photo id', `/thumbnails/${OWNER}/${PHOTO.toLowerCase()}/thumb.webp`],
      ['a photo id of the wrong length', `/thumbnails/${OWNER}/${PHOTO}0/thumb.webp`],
      ['an owner id with a dot', `/thumbnails/a.b/${PHOTO}/thumb.webp`],
      ['an extra segment', `${BASE}/thumb.webp/more`],
      ['a trailing slash', `${BASE}/`],
      ['a doubled slash', `/thumbnails//${OWNER}/${PHOTO}/thumb.webp`],
    ])('refuses %s with 404', (_what, uri) => {
      expect(asResponse(handler(event(uri, { w: { value: '640' } }, CHROME))).statusCode).toBe(404);
    });
  });
});

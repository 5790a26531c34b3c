import type { CloudFrontResponse } from 'aws-lambda';
import {
  GENERATED_RESPONSE_LIMIT,
  LambdaEdgeResultError,
  applyOriginResponseResult,
  originResponseEvent,
} from './lambda-edge';

const original: CloudFrontResponse = {
  status: '403',
  statusDescription: 'Forbidden',
  headers: {
    'content-type': [{ key: 'Content-Type', value: 'application/xml' }],
    via: [{ key: 'Via', value: '1.1 s3' }],
  },
};

describe('originResponseEvent', () => {
  it('has the shape of the documented origin-response event, S3 origin included', () => {
    const event = originResponseEvent({
      distribution: { domainName: 'd111111abcdef8.cloudfront.net', id: 'EDFDVBD6EXAMPLE' },
      request: {
        method: 'GET',
        uri: '/a.webp',
        querystring: '',
        clientIp: '203.0.113.1',
        headers: new Headers({ host: 'b.s3.us-east-1.amazonaws.com' }),
      },
      origin: { domainName: 'b.s3.us-east-1.amazonaws.com', region: 'us-east-1' },
      response: {
        status: 403,
        statusText: 'Forbidden',
        headers: new Headers({
          'content-type': 'application/xml',
          connection: 'keep-alive',
          'x-amz-request-id': 'R',
        }),
      },
    });
    const cf = event.Records[0]?.cf;
    expect(cf?.config.eventType).toBe('origin-response');
    expect(cf?.request.origin?.s3?.domainName).toBe('b.s3.us-east-1.amazonaws.com');
    expect(cf?.request.headers.host).toEqual([{ key: 'Host', value: 'b.s3.us-east-1.amazonaws.com' }]);
    // Hop-by-hop headers are not exposed to functions; the origin's own are.
    expect(cf?.response.headers).toEqual({
      'content-type': [{ key: 'Content-Type', value: 'application/xml' }],
      'x-amz-request-id': [{ key: 'X-Amz-Request-Id', value: 'R' }],
    });
    expect(cf?.response.status).toBe('403');
  });
});

describe('applyOriginResponseResult', () => {
  it('keeps the origin body when the function returns the response it got', () => {
    expect(applyOriginResponseResult(original, original)).toMatchObject({ status: 403, body: undefined });
  });

  it('decodes a generated base64 body', () => {
    const result = applyOriginResponseResult(
      {
        status: '200',
        headers: { 'content-type': [{ key: 'Content-Type', value: 'image/webp' }] },
        body: 'aGk=',
        bodyEncoding: 'base64',
      },
      original,
    );
    expect(result.body?.toString()).toBe('hi');
    expect(result.headers.get('content-type')).toBe('image/webp');
  });

  it('refuses a generated response over 1 MB', () => {
    const body = 'A'.repeat(GENERATED_RESPONSE_LIMIT + 4);
    expect(() =>
      applyOriginResponseResult({ status: '200', body, bodyEncoding: 'base64' }, original),
    ).toThrow(/over Lambda@Edge/);
  });

  it.each([
    ['a disallowed header', { 'x-cache': [{ key: 'X-Cache', value: 'Hit' }] }],
    ['a changed read-only header', { via: [{ key: 'Via', value: 'me' }] }],
    [
      'a header key that is not lower case',
      { 'Content-Type': [{ key: 'Content-Type', value: 'text/plain' }] },
    ],
  ])('refuses %s', (_what, headers) => {
    expect(() => applyOriginResponseResult({ status: '200', headers }, original)).toThrow(
      LambdaEdgeResultError,
    );
  });

  it('refuses no response and a status that is not one', () => {
    expect(() => applyOriginResponseResult(undefined, original)).toThrow(LambdaEdgeResultError);
    expect(() => applyOriginResponseResult({ status: 'OK' }, original)).toThrow(/not an HTTP status/);
  });
});

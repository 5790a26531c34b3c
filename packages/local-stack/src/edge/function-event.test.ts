import { parseQuery, queryString, viewerRequestEvent } from './function-event';

describe('viewerRequestEvent', () => {
  it('builds the documented event: lower-case headers, repeated ones in multiValue, cookies apart', () => {
    const event = viewerRequestEvent(
      {
        method: 'GET',
        target: '/media/index.mpd?ID=42&querymv=val1&querymv=val2,val3&NoValue=',
        rawHeaders: [
          'Host',
          'video.example.com',
          'Accept',
          'application/json',
          'Accept',
          'application/xml',
          'Cookie',
          'Cookie1=value1; cookie_consent=true',
        ],
        ip: '198.51.100.11',
      },
      { domainName: 'd111111abcdef8.cloudfront.net', id: 'EDFDVBD6EXAMPLE' },
    );
    expect(event).toMatchObject({
      version: '1.0',
      context: { eventType: 'viewer-request', distributionId: 'EDFDVBD6EXAMPLE' },
      viewer: { ip: '198.51.100.11' },
      request: {
        method: 'GET',
        uri: '/media/index.mpd',
        querystring: {
          ID: { value: '42' },
          querymv: { value: 'val1', multiValue: [{ value: 'val1' }, { value: 'val2,val3' }] },
          NoValue: { value: '' },
        },
        headers: {
          host: { value: 'video.example.com' },
          accept: {
            value: 'application/json',
            multiValue: [{ value: 'application/json' }, { value: 'application/xml' }],
          },
        },
        cookies: { Cookie1: { value: 'value1' }, cookie_consent: { value: 'true' } },
      },
    });
    expect(event.request.headers.cookie).toBeUndefined();
  });

  it('keeps query values byte for byte, percent-encoding included, and rebuilds them so', () => {
    const querystring = parseQuery('Policy=eyJ~_-&Signature=a%2Bb&w=640');
    expect(querystring.Signature).toEqual({ value: 'a%2Bb' });
    expect(queryString({ method: 'GET', uri: '/', querystring, headers: {}, cookies: {} })).toBe(
      'Policy=eyJ~_-&Signature=a%2Bb&w=640',
    );
  });
});

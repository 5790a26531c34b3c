import { httpEvent } from '@gallery/testing/lambda-events';
import { originOf } from './handler';

describe('originOf (the base of share URLs)', () => {
  it('is the scheme and host the client reached the API on', () => {
    const event = httpEvent({ headers: { host: 'api.example.com', 'x-forwarded-proto': 'https' } });
    expect(originOf(event)).toBe('https://api.example.com');
    expect(originOf(httpEvent({ headers: { host: '127.0.0.1:3000', 'x-forwarded-proto': 'http' } }))).toBe(
      'http://127.0.0.1:3000',
    );
  });

  it('falls back to the API domain name, over https except on loopback (serverless-offline)', () => {
    const event = httpEvent();
    event.requestContext.domainName = 'abc123.execute-api.us-east-1.amazonaws.com';
    expect(originOf(event)).toBe('https://abc123.execute-api.us-east-1.amazonaws.com');
    expect(originOf(httpEvent({ headers: { host: '127.0.0.1:3000' } }))).toBe('http://127.0.0.1:3000');
    expect(originOf(httpEvent({ headers: { host: 'localhost:3000' } }))).toBe('http://localhost:3000');
  });
});

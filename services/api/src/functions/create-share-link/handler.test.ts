import { httpEvent } from '@gallery/lambda/testing';
import { originOf } from './handler';

describe('originOf (the base of share URLs)', () => {
  it('is the scheme and host the client reached the API on', () => {
    const event = httpEvent({ headers: { host: 'api.example.com', 'x-forwarded-proto': 'https' } });
    expect(originOf(event)).toBe('https://api.example.com');
    expect(originOf(httpEvent({ headers: { host: '127.0.0.1:3000', 'x-forwarded-proto': 'http' } }))).toBe(
      'http://127.0.0.1:3000',
    );
  });

  it('falls back to https and the API domain name', () => {
    expect(originOf(httpEvent())).toBe('https://localhost');
  });
});

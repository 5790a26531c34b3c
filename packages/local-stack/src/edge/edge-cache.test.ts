import { EdgeCache, edgeTtlSeconds, type CachedResponse } from './edge-cache';

const YEAR = 31_536_000;
const policy = (MinTTL: number, DefaultTTL = 86_400, MaxTTL = YEAR) => ({ MinTTL, DefaultTTL, MaxTTL });

describe('edgeTtlSeconds (CloudFront: "Manage how long content stays in the cache")', () => {
  it.each([
    ['max-age within the bounds', 'max-age=3600', policy(0), 3600],
    ['max-age under MinTTL', 'max-age=60', policy(600), 600],
    ['max-age over MaxTTL', 'max-age=99999999', policy(0), YEAR],
    ['s-maxage before max-age', 'max-age=60, s-maxage=7200', policy(0), 7200],
    ['no directive: DefaultTTL', null, policy(0), 86_400],
    ['no directive, MinTTL above DefaultTTL', null, policy(172_800), 172_800],
    ['private with MinTTL 0: not cached', 'private, max-age=31536000', policy(0), 0],
    ['private with MinTTL > 0: MinTTL', 'private, max-age=31536000, immutable', policy(YEAR, YEAR), YEAR],
    ['no-store with MinTTL 0', 'no-store', policy(0), 0],
  ])('%s', (_what, cacheControl, p, ttl) => {
    expect(edgeTtlSeconds(200, cacheControl, p, {})).toBe(ttl);
  });

  it('caches cacheable errors for their error caching minimum TTL, 10 s by default', () => {
    expect(edgeTtlSeconds(404, 'no-store', policy(YEAR), {})).toBe(10);
    expect(edgeTtlSeconds(404, null, policy(0), { 404: 60 })).toBe(60);
    expect(edgeTtlSeconds(503, null, policy(0), { 503: 0 })).toBe(0);
  });

  it('never caches 422 or a redirect', () => {
    expect(edgeTtlSeconds(422, 'max-age=600', policy(YEAR), {})).toBe(0);
    expect(edgeTtlSeconds(302, 'max-age=600', policy(0), {})).toBe(0);
  });
});

describe('EdgeCache', () => {
  const entry = (bytes: number, storedAt = 0, ttlMs = 1000): CachedResponse => ({
    status: 200,
    statusText: 'OK',
    headers: [],
    body: Buffer.alloc(bytes),
    storedAt,
    ttlMs,
  });

  it('serves an entry until its TTL runs out', () => {
    const cache = new EdgeCache(100);
    cache.set('/a', entry(10, 0, 1000));
    expect(cache.get('/a', 999)).toBeDefined();
    expect(cache.get('/a', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entries past its byte budget', () => {
    const cache = new EdgeCache(100);
    cache.set('/a', entry(40));
    cache.set('/b', entry(40));
    cache.get('/a', 1);
    cache.set('/c', entry(40));
    expect([cache.get('/a', 2), cache.get('/b', 2), cache.get('/c', 2)].map(Boolean)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('does not keep an entry larger than the whole budget', () => {
    const cache = new EdgeCache(10);
    cache.set('/big', entry(11));
    expect(cache.size).toBe(0);
  });
});

import {
  bearerToken,
  claimedSubject,
  principalFromClaims,
  verifyUnblocked,
  VerifiedTokenCache,
  type VerifiedToken,
} from './auth';
import { InvalidTokenError } from './errors';

describe('bearerToken', () => {
  it('takes the token from a Bearer authorization header, in either case', () => {
    expect(bearerToken({ authorization: 'Bearer a.b.c' })).toBe('a.b.c');
    expect(bearerToken({ Authorization: 'bearer a-1.b_2.c' })).toBe('a-1.b_2.c');
  });

  it.each([
    ['no header', {}],
    ['an empty header', { authorization: '' }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a bare token', { authorization: 'a.b.c' }],
    ['not a JWT', { authorization: 'Bearer abc' }],
  ])('rejects %s', (_, headers) => {
    expect(() => bearerToken(headers)).toThrow(InvalidTokenError);
  });
});

describe('principalFromClaims', () => {
  const clientId = 'client-1';

  it('accepts an id token for this client by aud, and an access token by client_id', () => {
    expect(principalFromClaims({ token_use: 'id', aud: clientId, sub: 'u1' }, clientId)).toMatchObject({
      tokenUse: 'id',
      principal: { userId: 'u1' },
    });
    expect(
      principalFromClaims({ token_use: 'access', client_id: clientId, sub: 'u1' }, clientId),
    ).toMatchObject({
      tokenUse: 'access',
      principal: { userId: 'u1' },
    });
  });

  it.each([
    ['an id token for another client', { token_use: 'id', aud: 'other', sub: 'u1' }],
    ['an access token for another client', { token_use: 'access', client_id: 'other', sub: 'u1' }],
    ['an access token that only names the client in aud', { token_use: 'access', aud: clientId, sub: 'u1' }],
    ['a refresh-like token with no token_use', { aud: clientId, sub: 'u1' }],
    ['a token without sub', { token_use: 'id', aud: clientId }],
  ])('rejects %s', (_, claims) => {
    expect(() => principalFromClaims(claims, clientId)).toThrow(InvalidTokenError);
  });
});

describe('VerifiedTokenCache', () => {
  const result = (userId: string): VerifiedToken =>
    principalFromClaims({ token_use: 'id', aud: 'c', sub: userId }, 'c');
  const now = Date.parse('2025-01-01T00:00:00Z');
  const inSeconds = (s: number) => now / 1000 + s;

  it('answers for the exact token string until its exp, then forgets it', () => {
    const cache = new VerifiedTokenCache();
    cache.set('a.b.c', result('u1'), inSeconds(60), now);
    expect(cache.get('a.b.c', now + 59_999)?.principal.userId).toBe('u1');
    expect(cache.get('a.b.d', now)).toBeUndefined();
    expect(cache.get('a.b.c', now + 60_000)).toBeUndefined();
    expect(cache.get('a.b.c', now)).toBeUndefined();
  });

  it('keeps an entry no longer than its maximum age, even when exp is later', () => {
    const cache = new VerifiedTokenCache(10, 1_000);
    cache.set('a.b.c', result('u1'), inSeconds(3_600), now);
    expect(cache.get('a.b.c', now + 999)).toBeDefined();
    expect(cache.get('a.b.c', now + 1_000)).toBeUndefined();
  });

  it('does not keep a token that has already expired', () => {
    const cache = new VerifiedTokenCache();
    cache.set('a.b.c', result('u1'), inSeconds(0), now);
    expect(cache.get('a.b.c', now)).toBeUndefined();
  });

  it('holds at most maxEntries tokens, dropping the oldest first', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('t.1.x', result('u1'), inSeconds(60), now);
    cache.set('t.2.x', result('u2'), inSeconds(60), now);
    cache.set('t.3.x', result('u3'), inSeconds(60), now);
    expect(cache.get('t.1.x', now)).toBeUndefined();
    expect(cache.get('t.2.x', now)?.principal.userId).toBe('u2');
    expect(cache.get('t.3.x', now)?.principal.userId).toBe('u3');
  });

  it('hands out results nobody can alter for the next request, down to nested claims', () => {
    const claims = { token_use: 'id', aud: ['c'], sub: 'u1', 'cognito:groups': ['admins'], amr: ['pwd'] };
    const shared = principalFromClaims(claims, 'c');
    expect(Object.isFrozen(shared)).toBe(true);
    expect(Object.isFrozen(shared.principal)).toBe(true);
    expect(Object.isFrozen(shared.principal.claims)).toBe(true);
    const groups = shared.principal.claims['cognito:groups'] as string[];
    expect(() => groups.push('everyone')).toThrow(/not extensible/);
    expect(Object.isFrozen(shared.principal.claims.aud)).toBe(true);
    // The verified payload itself is left as the caller had it.
    expect(Object.isFrozen(claims['cognito:groups'])).toBe(false);
  });
});

describe('verifyUnblocked', () => {
  const tokenFor = (sub: string) =>
    ['e30', Buffer.from(JSON.stringify({ sub })).toString('base64url'), 'sig'].join('.');
  const verified = (userId: string): VerifiedToken => ({
    principal: { userId, claims: { sub: userId } },
    tokenUse: 'access',
  });

  it('passes a verified token of an account that is not blocked, checking the block once', async () => {
    const checked: string[] = [];
    const result = await verifyUnblocked(
      tokenFor('u1'),
      async () => verified('u1'),
      async (id) => {
        checked.push(id);
        return false;
      },
    );
    expect(result.principal.userId).toBe('u1');
    expect(checked).toEqual(['u1']);
  });

  it('refuses a verified token of a blocked account like an invalid one', async () => {
    await expect(
      verifyUnblocked(
        tokenFor('u1'),
        async () => verified('u1'),
        async () => true,
      ),
    ).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('checks the verified subject again when the claimed one differs', async () => {
    const checked: string[] = [];
    await expect(
      verifyUnblocked(
        tokenFor('someone-else'),
        async () => verified('u1'),
        async (id) => {
          checked.push(id);
          return id === 'u1';
        },
      ),
    ).rejects.toBeInstanceOf(InvalidTokenError);
    expect(checked).toEqual(['someone-else', 'u1']);
  });

  it('answers a bad signature as such, even when the block check fails', async () => {
    await expect(
      verifyUnblocked(
        tokenFor('u1'),
        async () => {
          throw new InvalidTokenError();
        },
        async () => {
          throw new Error('table unreachable');
        },
      ),
    ).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('reads the claimed subject without trusting it', () => {
    expect(claimedSubject(tokenFor('u1'))).toBe('u1');
    expect(claimedSubject('not.a.token')).toBeUndefined();
  });
});

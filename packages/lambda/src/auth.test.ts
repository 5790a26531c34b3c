import { bearerToken, principalFromClaims } from './auth';
import { UnauthorizedError } from './errors';

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
    expect(() => bearerToken(headers)).toThrow(UnauthorizedError);
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
    expect(() => principalFromClaims(claims, clientId)).toThrow(UnauthorizedError);
  });
});

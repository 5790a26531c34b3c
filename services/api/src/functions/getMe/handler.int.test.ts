// GET /v1/me against the cognito-local and DynamoDB Local of the jest global setup: real tokens, real
// JWKS, real table. The shared pool has no triggers, so the profile is registered here through the
// data layer, as PostConfirmation would.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT, decodeJwt, generateKeyPair } from 'jose';
import { getUser, registerUser } from '@gallery/core/access/users';
import { harnessEnv as env } from '@gallery/local-stack/env';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@gallery/local-stack/credentials';
import { closeAccountClients } from '@gallery/local-stack/users';
import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';
import { account, invokeMe, withProfile } from '../../../tests/me-support';
import { handler as updateMe } from '../updateMe/handler';
import { handler } from './handler';

const cognito = new CognitoIdentityProviderClient({
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
  endpoint: env('COGNITO_ENDPOINT'),
});
afterAll(() => {
  cognito.destroy();
  closeAccountClients();
});

const call = (method: 'GET' | 'PATCH', token: string | undefined, body?: unknown) =>
  invokeMe(method === 'GET' ? handler : updateMe, method, token, body);

describe('GET /v1/me', () => {
  let grace: Awaited<ReturnType<typeof withProfile>>;
  beforeAll(async () => {
    grace = await withProfile();
  });

  it('answers the caller’s own profile, with the id token or the access token', async () => {
    const withId = await call('GET', grace.idToken);
    expect(withId.status).toBe(200);
    expect(withId.headers['cache-control']).toBe('private, no-store');
    expect(withId.body).toEqual({
      userId: grace.sub,
      handle: grace.handle,
      email: grace.email,
      displayName: 'Grace Hopper',
      bio: null,
      albumCount: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
    });
    expect((await call('GET', grace.accessToken)).body).toEqual(withId.body);
  });

  it('answers 404 to a valid token whose account has no profile', async () => {
    const stranger = await account();
    const response = await call('GET', stranger.idToken);
    expect(response).toMatchObject({ status: 404, body: { type: 'urn:gallery:problem:not_found' } });
  });

  describe("rejects with 401 and no data, as API Gateway's JWT authorizer does", () => {
    const expectRejected = (response: Awaited<ReturnType<typeof call>>) => {
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.body).toEqual({ message: 'Unauthorized' });
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.raw).not.toContain(grace.handle);
      expect(response.raw).not.toContain(grace.email);
    };
    const resign = async (claims: Record<string, unknown>, key: Parameters<SignJWT['sign']>[0]) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(key);

    it('no token, or not a bearer token', async () => {
      expectRejected(await call('GET', undefined));
      const basic = await handler(
        httpEvent({ method: 'GET', path: '/v1/me', headers: { authorization: 'Basic Z3JhY2U6aG9wcGVy' } }),
        lambdaContext(),
      );
      expect(basic.statusCode).toBe(401);
    });

    it('a token signed by another key', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      expectRejected(await call('GET', await resign({ ...decodeJwt(grace.idToken) }, privateKey)));
    });

    it('a token with one changed character', async () => {
      const [header, payload, signature] = grace.idToken.split('.') as [string, string, string];
      const i = Math.floor(payload.length / 2);
      const changed = `${payload.slice(0, i)}${payload[i] === 'A' ? 'B' : 'A'}${payload.slice(i + 1)}`;
      expectRejected(await call('GET', `${header}.${changed}.${signature}`));
    });

    it('a token issued to another app client of the pool', async () => {
      const other = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: env('USER_POOL_ID'),
          ClientName: `other-${randomUUID()}`,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
        }),
      );
      const foreign = await account(other.UserPoolClient?.ClientId);
      await registerUser({
        userId: foreign.sub,
        email: foreign.email,
        handle: `me_${randomBytes(6).toString('hex')}`,
        displayName: 'Foreign',
      });
      expectRejected(await call('GET', foreign.idToken));
      expectRejected(await call('GET', foreign.accessToken));
    });

    it('a PATCH with a bad token changes nothing', async () => {
      const before = await getUser(grace.sub);
      expectRejected(await call('PATCH', `${grace.idToken}x`, { displayName: 'Hijacked' }));
      expect(await getUser(grace.sub)).toEqual(before);
    });
  });
});

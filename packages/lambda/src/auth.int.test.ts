import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { UnavailableError } from '@gallery/core/errors';
import { freePort } from '@gallery/local-stack/ports';
import { harnessEnv as env } from '@gallery/local-stack/env';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@gallery/local-stack/credentials';
import { closeAccountClients, createSignedInAccount } from '@gallery/local-stack/users';
import { createTokenVerifier } from './auth';
import { InvalidTokenError } from './errors';

// Against the cognito-local the jest global setup started: real tokens, real JWKS.
const cognito = new CognitoIdentityProviderClient({
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
  endpoint: env('COGNITO_ENDPOINT'),
});
const issuer = env('JWT_ISSUER');
const clientId = env('USER_POOL_CLIENT_ID');
const verify = createTokenVerifier({ issuer, clientId });

async function signIn(client = clientId): Promise<{ idToken: string; accessToken: string; sub: string }> {
  return createSignedInAccount({ clientId: client });
}

/**
 * A signing key of the tests' own, published as a JWKS on a local server: a verifier pointed at it
 * (same issuer and client) checks tokens the emulator would never issue, such as expired ones, that
 * are nevertheless correctly signed.
 */
let testKey: KeyLike;
let testJwks: Server;
let testJwksUri: string;
beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  testKey = privateKey;
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid: 'tests', alg: 'RS256', use: 'sig' }],
  });
  testJwks = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => testJwks.listen(0, '127.0.0.1', resolve));
  testJwksUri = `http://127.0.0.1:${(testJwks.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => testJwks.close(() => resolve())));

/** Signs claims with the tests' key, for a verifier of the pool's issuer that trusts that key. */
async function signWithTestKey(claims: Record<string, unknown>, expiresAt: number): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'tests' })
    .setIssuer(issuer)
    .setIssuedAt(expiresAt - 3600)
    .setExpirationTime(expiresAt)
    .sign(testKey);
}

afterAll(() => {
  cognito.destroy();
  closeAccountClients();
});

describe('token verification against cognito-local', () => {
  let user: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    user = await signIn();
  });

  it('accepts an id token and an access token of this client, as the same user', async () => {
    const fromId = await verify(user.idToken);
    const fromAccess = await verify(user.accessToken);
    expect(fromId).toMatchObject({ tokenUse: 'id', principal: { userId: user.sub } });
    expect(fromAccess).toMatchObject({ tokenUse: 'access', principal: { userId: user.sub } });
  });

  it('rejects a token with one changed character', async () => {
    const [header, payload, signature] = user.idToken.split('.') as [string, string, string];
    const flipped = signature[10] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload}.${signature.slice(0, 10)}${flipped}${signature.slice(11)}`;
    await expect(verify(tampered)).rejects.toBeInstanceOf(InvalidTokenError);
    const claims = { ...decodeJwt(user.idToken), sub: randomUUID() };
    const forgedPayload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    await expect(verify(`${header}.${forgedPayload}.${signature}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token signed by another key, even with the right kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...decodeJwt(user.idToken) })
      .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
      .sign(privateKey);
    await expect(verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects an expired token signed by the right key', async () => {
    const claims = { ...decodeJwt(user.idToken) };
    delete claims.exp;
    delete claims.iat;
    const trustingTestKey = createTokenVerifier({ issuer, clientId, jwksUri: testJwksUri });
    const expired = await signWithTestKey(claims, Math.floor(Date.now() / 1000) - 60);
    await expect(trustingTestKey(expired)).rejects.toBeInstanceOf(InvalidTokenError);
    // The same claims, unexpired, pass: only the expiry made the difference.
    const fresh = await signWithTestKey(claims, Math.floor(Date.now() / 1000) + 60);
    await expect(trustingTestKey(fresh)).resolves.toMatchObject({ principal: { userId: user.sub } });
  });

  it('rejects tokens issued to another app client of the same pool', async () => {
    const other = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: env('USER_POOL_ID'),
        ClientName: 'another-client',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      }),
    );
    const stranger = await signIn(other.UserPoolClient?.ClientId);
    await expect(verify(stranger.idToken)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verify(stranger.accessToken)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token of another issuer and a token without token_use', async () => {
    const claims = { ...decodeJwt(user.idToken) };
    delete claims.exp;
    delete claims.iat;
    delete claims.token_use;
    const noUse = await signWithTestKey(claims, Math.floor(Date.now() / 1000) + 60);
    await expect(
      createTokenVerifier({ issuer, clientId, jwksUri: testJwksUri })(noUse),
    ).rejects.toBeInstanceOf(InvalidTokenError);
    const otherIssuer = createTokenVerifier({
      issuer: `${issuer}x`,
      clientId,
      jwksUri: `${issuer}/.well-known/jwks.json`,
    });
    await expect(otherIssuer(user.idToken)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('reports unreachable keys as unavailable, not as a bad token', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/pool`;
    const offline = createTokenVerifier({ issuer, clientId, jwksUri: `${closed}/.well-known/jwks.json` });
    await expect(offline(user.idToken)).rejects.toBeInstanceOf(UnavailableError);
  });
});

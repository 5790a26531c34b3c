// Signed-in users for tests and benchmarks: a confirmed cognito-local account
// with a password, signed in with USER_PASSWORD_AUTH, so its tokens are real
// (signed by the emulator, verifiable against its JWKS).
import { randomUUID } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './credentials';
import { harnessEnv } from './env';

export const TEST_PASSWORD = 'Correct-Horse-42';

export interface LocalAccount {
  email: string;
  /** The Cognito `sub`: the user id everywhere else. */
  sub: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

export interface AccountOptions {
  /** cognito-local's endpoint; default COGNITO_ENDPOINT. */
  endpoint?: string;
  /** Default USER_POOL_ID. */
  userPoolId?: string;
  /** The app client to sign in through; default USER_POOL_CLIENT_ID. */
  clientId?: string;
  /** Default a random address under example.com. */
  email?: string;
}

const clients = new Map<string, CognitoIdentityProviderClient>();

function clientFor(endpoint: string): CognitoIdentityProviderClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = new CognitoIdentityProviderClient({
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      endpoint,
    });
    clients.set(endpoint, client);
  }
  return client;
}

function fromEnv(value: string | undefined, name: string): string {
  return value ?? harnessEnv(name);
}

function subOf(jwt: string): string {
  const payload = jwt.split('.')[1] ?? '';
  const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
  if (typeof sub !== 'string') throw new Error('token without sub');
  return sub;
}

/** A new confirmed account, signed in. Admin APIs skip the confirmation code (no triggers run). */
export async function createSignedInAccount(options: AccountOptions = {}): Promise<LocalAccount> {
  const client = clientFor(fromEnv(options.endpoint, 'COGNITO_ENDPOINT'));
  const userPoolId = fromEnv(options.userPoolId, 'USER_POOL_ID');
  const email = options.email ?? `user-${randomUUID()}@example.com`;
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      UserAttributes: [{ Name: 'email', Value: email }],
      MessageAction: 'SUPPRESS',
    }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: email,
      Password: TEST_PASSWORD,
      Permanent: true,
    }),
  );
  const { AuthenticationResult: tokens } = await client.send(
    new InitiateAuthCommand({
      ClientId: fromEnv(options.clientId, 'USER_POOL_CLIENT_ID'),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: TEST_PASSWORD },
    }),
  );
  if (!tokens?.IdToken || !tokens.AccessToken || !tokens.RefreshToken) {
    throw new Error('cognito-local returned no tokens');
  }
  return {
    email,
    sub: subOf(tokens.AccessToken),
    idToken: tokens.IdToken,
    accessToken: tokens.AccessToken,
    refreshToken: tokens.RefreshToken,
  };
}

/** Closes the clients this module opened (call from afterAll). */
export function closeAccountClients(): void {
  for (const client of clients.values()) client.destroy();
  clients.clear();
}

// The Cognito client of every function that calls Cognito (the auth routes and triggers, the api's
// re-authentication, the erasure workflow's admin calls): one per process (module singleton),
// configured once.
// Locally COGNITO_ENDPOINT points it at cognito-local; on AWS it is unset and the SDK resolves the
// regional endpoint.
import { Agent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { instrumentClient } from '@gallery/core/instrumentation';

/** Defaults, documented here because they are the only place they live. */
export const COGNITO_CLIENT_DEFAULTS = {
  /**
   * Total attempts, first one included. Cognito's user-facing calls (sign-up, login) are not
   * idempotent enough to retry blindly more than once, and a throttled caller should see a 429 soon.
   */
  maxAttempts: 2,
  connectionTimeoutMs: 1_000,
  /** Triggers run inside SignUp/ConfirmSignUp, so these calls take longer than a plain read. */
  requestTimeoutMs: 8_000,
  region: 'us-east-1',
} as const;

let client: CognitoIdentityProviderClient | undefined;

/** The process-wide client (created on first use, so env is read after test setup). */
export function cognitoClient(): CognitoIdentityProviderClient {
  if (client) return client;
  const endpoint = process.env.COGNITO_ENDPOINT;
  const agentOptions = { keepAlive: true, maxSockets: 50 };
  client = instrumentClient(
    new CognitoIdentityProviderClient({
      region: process.env.AWS_REGION ?? COGNITO_CLIENT_DEFAULTS.region,
      maxAttempts: COGNITO_CLIENT_DEFAULTS.maxAttempts,
      ...(endpoint ? { endpoint } : {}),
      requestHandler: new NodeHttpHandler({
        connectionTimeout: COGNITO_CLIENT_DEFAULTS.connectionTimeoutMs,
        requestTimeout: COGNITO_CLIENT_DEFAULTS.requestTimeoutMs,
        httpAgent: new HttpAgent(agentOptions),
        httpsAgent: new Agent(agentOptions),
      }),
    }),
  );
  return client;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not configured`);
  return value;
}

/** The app client the routes act as (public client: no secret). */
export const userPoolClientId = (): string => requiredEnv('USER_POOL_CLIENT_ID');

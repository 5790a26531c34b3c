// Shared by the GET and PATCH /v1/me tests: signed-in accounts of the harness's user pool, with or
// without the profile PostConfirmation would create (the shared pool has no triggers), and one
// invocation of a /v1/me handler as API Gateway would send it.
import { randomBytes } from 'node:crypto';
import { registerUser } from '@gallery/core/access/users';
import type { HttpLambdaHandler } from '@gallery/lambda/http';
import { harnessEnv as env } from '@gallery/local-stack/env';
import { createSignedInAccount, type LocalAccount } from '@gallery/local-stack/users';
import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';

export function account(clientId = env('USER_POOL_CLIENT_ID')): Promise<LocalAccount> {
  return createSignedInAccount({ clientId });
}

export async function withProfile(): Promise<LocalAccount & { handle: string }> {
  const user = await account();
  const handle = `me_${randomBytes(6).toString('hex')}`;
  await registerUser({ userId: user.sub, email: user.email, handle, displayName: 'Grace Hopper' });
  return { ...user, handle };
}

export async function invokeMe(
  handler: HttpLambdaHandler,
  method: 'GET' | 'PATCH',
  token: string | undefined,
  body?: unknown,
) {
  const response = await handler(
    httpEvent({
      method,
      path: '/v1/me',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body }),
    }),
    lambdaContext(),
  );
  return {
    status: response.statusCode,
    headers: response.headers ?? {},
    raw: response.body ?? '',
    body: JSON.parse(response.body ?? '{}') as Record<string, unknown>,
  };
}

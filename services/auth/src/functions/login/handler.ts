import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import { logIn, type Tokens } from '../../account';
import { loginBody, type LoginBody } from '../../schemas';

export type LoginResult = Tokens & { refreshToken: string };

export const login: PureHttpHandler<undefined, undefined, LoginBody, LoginResult> = async ({ body }) => ({
  statusCode: 200,
  body: await logIn(body),
  // Tokens must not sit in any cache.
  headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
});

export const handler = httpHandler({ body: loginBody }, login);

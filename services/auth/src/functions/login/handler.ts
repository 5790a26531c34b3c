import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { logIn } from '../../account';
import { loginRoute as route } from '../../contracts';
import { ensureProfile } from '../../registration';

/** USER_PASSWORD_AUTH, then the profile check (one GetItem; a repair when PostConfirmation failed). */
export const login: RouteHandler<typeof route> = async ({ body, log }) => {
  const tokens = await logIn(body);
  await ensureProfile(tokens, log);
  // Tokens must not sit in any cache.
  return { statusCode: 200, body: tokens, headers: { 'cache-control': 'no-store', pragma: 'no-cache' } };
};

export const handler = httpHandler(route, login);

import { getUser } from '@gallery/core/access/users';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { getMeRoute as route } from '../../contracts/me';
import { meView } from '../../lib/views';

/**
 * GET /v1/me: one GetItem. 404 when the token is valid but no profile exists (an account whose
 * PostConfirmation failed gets its profile at its next login).
 */
export const getMe: RouteHandler<typeof route> = async (request) => ({
  statusCode: 200,
  body: meView(await getUser(request.principal.userId)),
  headers: { 'cache-control': 'private, no-store' },
});

export const handler = httpHandler(route, getMe, { authenticate });

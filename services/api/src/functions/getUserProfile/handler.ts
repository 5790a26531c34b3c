import { getUserByHandle } from '@gallery/core/access/users';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { getUserProfileRoute as route } from '../../contracts/users';
import { profileView } from '../../lib/views';

/**
 * GET /v1/users/{handle}: user by handle (one Query). The view leaves out the email address, and
 * the album count unless it is the caller's own profile.
 */
export const getUserProfile: RouteHandler<typeof route> = async ({ params, principal }) => ({
  statusCode: 200,
  body: profileView(await getUserByHandle(params.handle), principal.userId),
});

export const handler = httpHandler(route, getUserProfile, { authenticate });

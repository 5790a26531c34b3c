import { updateUser } from '@gallery/core/access/users';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { updateMeRoute as route } from '../../contracts/me';
import { meView } from '../../lib/views';

/** PATCH /v1/me: one UpdateItem; 409 when `version` is given and no longer current. */
export const updateMe: RouteHandler<typeof route> = async (request) => {
  const { displayName, bio, version } = request.body;
  const user = await updateUser({
    userId: request.principal.userId,
    displayName,
    bio,
    expectedVersion: version,
  });
  return { statusCode: 200, body: meView(user), headers: { 'cache-control': 'private, no-store' } };
};

export const handler = httpHandler(route, updateMe, { authenticate });

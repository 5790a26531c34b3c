import { revokeShareLink as revoke } from '@gallery/core/access/shares';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { revokeShareLinkRoute as route } from '../../contracts/shares';

/** DELETE /v1/albums/{albumId}/shares/{token}: one conditional DeleteItem. */
export const revokeShareLink: RouteHandler<typeof route> = async ({ params, principal }) => {
  await revoke({ token: params.token, albumId: params.albumId, ownerId: principal.userId });
  return { statusCode: 204 };
};

export const handler = httpHandler(route, revokeShareLink, { authenticate });

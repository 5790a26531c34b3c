import { getErasure as read } from '@gallery/core/access/erasures';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { getErasureRoute as route } from '../../contracts/account';
import { erasureView } from '../../lib/account-views';

/**
 * GET /v1/erasures/{erasureId}: one GetItem of the erasure's record. No token: the id is the secret,
 * and the record names no user.
 */
export const getErasure: RouteHandler<typeof route> = async (request) => ({
  statusCode: 200,
  body: erasureView(await read(request.params.erasureId)),
  headers: { 'cache-control': 'no-store' },
});

export const handler = httpHandler(route, getErasure);

import { getExport as read } from '@gallery/core/access/exports';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { getExportRoute as route } from '../../contracts/account';
import { exportView } from '../../lib/account-views';

/**
 * GET /v1/me/exports/{exportId}: one GetItem in the caller's own export partition (another user's
 * export id finds nothing: 404); a ready export carries a presigned download URL valid 5 minutes.
 */
export const getExport: RouteHandler<typeof route> = async (request) => ({
  statusCode: 200,
  body: await exportView(await read(request.principal.userId, request.params.exportId)),
  headers: { 'cache-control': 'private, no-store' },
});

export const handler = httpHandler(route, getExport, { authenticate });

import { createExport, failExport, newExportId } from '@gallery/core/access/exports';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { idempotency } from '@gallery/lambda/idempotency';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import { startExportRoute as route } from '../../contracts/account';
import { startWorkflow } from '../../lib/workflows';

/**
 * POST /v1/me/exports: the export's record (PutItem, in the caller's own export partition), then
 * the export workflow, named by the export's id. An export that could not start is marked failed.
 */
export const startExport: RouteHandler<typeof route> = async (request) => {
  const { userId } = request.principal;
  const at = new Date();
  const exportId = newExportId(at);
  await createExport(userId, exportId, at);
  try {
    await startWorkflow('export', `export-${exportId}`, { exportId, userId });
  } catch (err) {
    await failExport(userId, exportId, {
      error: 'NotStarted',
      cause: 'the workflow could not be started',
    }).catch(() => undefined);
    throw err;
  }
  request.log.info('export started', { exportId });
  countEvent(BusinessMetric.ExportsRequested);
  return {
    statusCode: 202,
    body: { exportId, status: 'running', requestedAt: at.toISOString() },
    headers: { location: `/v1/me/exports/${exportId}`, 'cache-control': 'no-store' },
  };
};

export const handler = httpHandler(route, startExport, { authenticate, idempotency });

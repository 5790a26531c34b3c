import { newErasureId, requestErasure, withdrawErasure } from '@gallery/core/access/erasures';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import { deleteMeRoute as route } from '../../contracts/account';
import { usernameOf, verifyPassword } from '../../lib/reauthenticate';
import { publicBaseUrl } from '../../lib/share-url';
import { startWorkflow } from '../../lib/workflows';

/**
 * DELETE /v1/me: the password is checked with Cognito (a wrong one is a 403 and starts nothing),
 * then the account block and the erasure's record are written in one transaction (every token of
 * the account is refused from that write on), then the erasure workflow starts, named by the
 * erasure's id. If it cannot start, the block and the record are withdrawn, so the caller can try
 * again.
 */
export const deleteMe: RouteHandler<typeof route> = async (request) => {
  const { userId } = request.principal;
  const username = usernameOf(request.principal);
  await verifyPassword(username, request.body.password);
  const erasureId = newErasureId();
  await requestErasure({ erasureId, userId, username });
  try {
    await startWorkflow('erasure', erasureId, { erasureId, userId, username });
  } catch (err) {
    await withdrawErasure(erasureId, userId).catch((withdrawal: unknown) =>
      request.log.error('erasure not started and not withdrawn', { erasureId, error: withdrawal }),
    );
    throw err;
  }
  request.log.info('erasure started', { erasureId });
  countEvent(BusinessMetric.ErasuresRequested);
  const statusUrl = `${publicBaseUrl()}/v1/erasures/${erasureId}`;
  return {
    statusCode: 202,
    body: { erasureId, status: 'running', statusUrl },
    headers: { location: statusUrl, 'cache-control': 'no-store' },
  };
};

export const handler = httpHandler(route, deleteMe, { authenticate });

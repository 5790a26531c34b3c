import { createShareLink as create } from '@gallery/core/access/shares';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { idempotency } from '@gallery/lambda/idempotency';
import { createShareRoute as route } from '../../contracts/shares';
import { shareLinkView } from '../../lib/share-url';

/**
 * POST /v1/albums/{albumId}/shares: ShareLink put + ConditionCheck (album exists, caller owns it),
 * one transaction. The token is the credential: whoever holds the URL reads the album until expiry
 * or revocation.
 */
export const createShareLink: RouteHandler<typeof route> = async (request) => {
  const link = await create({
    albumId: request.params.albumId,
    ownerId: request.principal.userId,
    expiresInSeconds: request.body.expiresInSeconds,
  });
  return { statusCode: 201, body: shareLinkView(link), headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler(route, createShareLink, { authenticate, idempotency });

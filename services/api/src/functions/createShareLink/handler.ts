import { createShareLink as create } from '@gallery/core/access/shares';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createShareRoute as route } from '../../contracts/shares';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/**
 * The API's own origin, as the client reached it. API Gateway sets x-forwarded-proto;
 * serverless-offline does not, and serves plain http on loopback.
 */
export function originOf(event: APIGatewayProxyEventV2): string {
  const host = event.headers?.host ?? event.requestContext.domainName;
  const proto = event.headers?.['x-forwarded-proto'] ?? (LOOPBACK.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
}

/**
 * POST /v1/albums/{albumId}/shares: ShareLink put + ConditionCheck (album exists, caller owns it),
 * one transaction. The token is the credential: whoever holds the URL reads the album until expiry.
 */
export const createShareLink: RouteHandler<typeof route> = async (request) => {
  const link = await create({
    albumId: request.params.albumId,
    ownerId: request.principal.userId,
    expiresInSeconds: request.body.expiresInSeconds,
  });
  return {
    statusCode: 201,
    body: {
      token: link.token,
      albumId: link.albumId,
      url: `${originOf(request.event)}/v1/shared/${link.token}`,
      expiresAt: link.expiresAt,
    },
    headers: { 'cache-control': 'no-store' },
  };
};

export const handler = httpHandler(route, createShareLink, { authenticate });

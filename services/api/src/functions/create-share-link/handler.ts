import { createShareLink as create } from '@gallery/core/access/shares';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { createShareRoute as route, type shareLinkSchema } from '../../contracts/shares';
import { callerId } from '../../lib/caller';

type Params = z.output<typeof route.params>;
type Body = z.output<typeof route.body>;

/** The API's own origin, as the client reached it (API Gateway sets x-forwarded-proto). */
export function originOf(event: APIGatewayProxyEventV2): string {
  const proto = event.headers?.['x-forwarded-proto'] ?? 'https';
  const host = event.headers?.host ?? event.requestContext.domainName;
  return `${proto}://${host}`;
}

/**
 * POST /v1/albums/{albumId}/shares: ShareLink put + ConditionCheck (album exists, caller owns it),
 * one transaction. The token is the credential: whoever holds the URL reads the album until expiry.
 */
export const createShareLink: PureHttpHandler<
  Params,
  undefined,
  Body,
  z.output<typeof shareLinkSchema>
> = async (request) => {
  const link = await create({
    albumId: request.params.albumId,
    ownerId: callerId(request.principal),
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

export const handler = httpHandler({ authenticate, params: route.params, body: route.body }, createShareLink);

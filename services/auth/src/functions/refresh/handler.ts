import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { refreshTokens } from '../../account';
import { refreshRoute as route } from '../../contracts';

export const refresh: RouteHandler<typeof route> = async ({ body }) => ({
  statusCode: 200,
  body: await refreshTokens(body),
  headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
});

export const handler = httpHandler(route, refresh);

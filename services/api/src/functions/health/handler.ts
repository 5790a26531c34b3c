import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { healthRoute as route } from '../../contracts/meta';

/** Liveness only: answers without touching any backend, so it stays up when they are down. */
export const health: RouteHandler<typeof route> = async () => ({
  statusCode: 200,
  body: { status: 'ok', service: 'api' },
  headers: { 'cache-control': 'no-store' },
});

export const handler = httpHandler(route, health);

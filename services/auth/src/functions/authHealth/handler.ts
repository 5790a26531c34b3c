import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { authHealthRoute as route } from '../../contracts';

/** Liveness only: answers without touching any backend, so it stays up when they are down. */
export const authHealth: RouteHandler<typeof route> = async () => ({
  statusCode: 200,
  body: { status: 'ok', service: 'auth' },
  headers: { 'cache-control': 'no-store' },
});

export const handler = httpHandler(route, authHealth);

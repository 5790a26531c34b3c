import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';

export interface HealthBody {
  status: 'ok';
  service: 'api';
}

/** Liveness only: answers without touching any backend, so it stays up when they are down. */
export const health: PureHttpHandler<undefined, undefined, undefined, HealthBody> = async () => ({
  statusCode: 200,
  body: { status: 'ok', service: 'api' },
  headers: { 'cache-control': 'no-store' },
});

export const handler = httpHandler({}, health);

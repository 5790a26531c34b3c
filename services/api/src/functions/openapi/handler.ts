import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import { apiDocument } from '../../openapi';

/** GET /v1/openapi.json: built once per container from the route contracts; public. */
export const openapi: PureHttpHandler<
  undefined,
  undefined,
  undefined,
  Record<string, unknown>
> = async () => ({
  statusCode: 200,
  body: apiDocument(),
  headers: { 'cache-control': 'public, max-age=300' },
});

export const handler = httpHandler({}, openapi);

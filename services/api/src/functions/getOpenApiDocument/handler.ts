import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { openApiRoute as route } from '../../contracts/meta';
// The committed document, which `pnpm check:openapi` (CI) keeps equal to what the route contracts
// generate. Bundling the file instead of the generator keeps zod's JSON Schema code and the data
// layer out of this function (see docs/performance.md).
import document from '../../../../../docs/openapi.json';

/** GET /v1/openapi.json: public. */
export const getOpenApiDocument: RouteHandler<typeof route> = async () => ({
  statusCode: 200,
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
});

export const handler = httpHandler(route, getOpenApiDocument);

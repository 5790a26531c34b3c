import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
// The committed document, which `pnpm check:openapi` (CI) keeps equal to what the route contracts
// generate. Bundling the file instead of the generator keeps the contracts, zod's JSON Schema code
// and the data layer out of this function: 607 KB -> 60 KB minified, of which 48 KB is the document,
// and a bundle load of ~4 ms.
import document from '../../../../../docs/openapi.json';

/** GET /v1/openapi.json: public. */
export const openapi: PureHttpHandler<undefined, undefined, undefined, typeof document> = async () => ({
  statusCode: 200,
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
});

export const handler = httpHandler({}, openapi);

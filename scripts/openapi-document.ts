// The OpenAPI 3.1 document of both HTTP APIs, the api service's and the auth service's (/v1/auth/*,
// which the auth stack serves on its own HTTP API: its paths name their own `servers`), built from
// their route contracts.
import { buildOpenApiDocument, type ServerObject } from '@gallery/lambda/openapi';
import { routes as apiRoutes } from '../services/api/src/routes';
import { routes as authRoutes } from '../services/auth/src/routes';

/** An HTTP API of one service: on AWS its stack's HttpApiUrl output, locally `pnpm dev`'s port. */
function servers(stack: string, localPort: number): ServerObject[] {
  return [
    {
      url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
      description: `The ${stack} stack's HTTP API (its HttpApiUrl output)`,
      variables: { apiId: { default: 'apiId' }, region: { default: 'us-east-1' } },
    },
    { url: `http://127.0.0.1:${localPort}`, description: 'pnpm dev' },
  ];
}

export const DOCUMENT_INFO = {
  title: 'Gallery API',
  version: '1.0.0',
  description:
    'Photo albums, uploads, likes, comments and share links (the api service), and accounts ' +
    "(/v1/auth/*, served by the auth service on its own HTTP API: see each path's `servers`). " +
    'Errors are application/problem+json (RFC 9457), except what API Gateway answers itself: its ' +
    'JWT authorizer\'s 401 and its 404 for a path no route matches are `{"message": …}`. Lists take ' +
    '`limit` and `cursor` and return `{ items, cursor }`.',
  servers: servers('gallery-api', 3000),
};

let document: Record<string, unknown> | undefined;

/** The document, from the route contracts of both services. */
export function galleryDocument(): Record<string, unknown> {
  document ??= buildOpenApiDocument(DOCUMENT_INFO, [
    { routes: apiRoutes },
    { routes: authRoutes, servers: servers('gallery-auth', 3100) },
  ]);
  return document;
}

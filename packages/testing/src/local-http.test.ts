import path from 'node:path';
import { loadHttpRoutes, matchRoute, toApiGatewayEvent, type HttpRoute } from './local-http';

const route = (method: string, routePath: string): HttpRoute => ({
  functionName: `${method} ${routePath}`,
  method,
  path: routePath,
  handlerModule: 'src/handler',
  handlerExport: 'handler',
  authorizer: undefined,
  timeoutSeconds: 6,
});

describe('matchRoute', () => {
  const routes = [
    route('GET', '/v1/users/{handle}'),
    route('GET', '/v1/users/me'),
    route('GET', '/v1/users/{handle}/albums'),
    route('DELETE', '/v1/photos/{photoId}/comments/{commentId}'),
  ];

  it('prefers literal segments over parameters, as API Gateway does', () => {
    expect(matchRoute(routes, 'GET', '/v1/users/me')?.route.path).toBe('/v1/users/me');
    expect(matchRoute(routes, 'GET', '/v1/users/alice')).toMatchObject({
      route: { path: '/v1/users/{handle}' },
      pathParameters: { handle: 'alice' },
    });
  });

  it('decodes parameters and matches the method', () => {
    expect(matchRoute(routes, 'delete', '/v1/photos/p%201/comments/c')?.pathParameters).toEqual({
      photoId: 'p 1',
      commentId: 'c',
    });
    expect(matchRoute(routes, 'POST', '/v1/users/alice')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/v1/users//albums')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/v1/users/alice/albums/extra')).toBeUndefined();
  });
});

describe('toApiGatewayEvent', () => {
  const match = { route: route('POST', '/v1/albums/{albumId}'), pathParameters: { albumId: 'A' } };

  it('builds a payload 2.0 event: joined repeated query values, cookies apart, text body as is', () => {
    const event = toApiGatewayEvent(
      {
        method: 'post',
        url: '/v1/albums/A?tag=a&tag=b&limit=5',
        headers: {
          'content-type': 'application/json',
          cookie: 'a=1; b=2',
          host: 'localhost:3000',
          'x-multi': ['1', '2'],
        },
        body: Buffer.from('{"x":1}'),
      },
      match,
      new Date(0),
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v1/albums/{albumId}',
      rawPath: '/v1/albums/A',
      rawQueryString: 'tag=a&tag=b&limit=5',
      queryStringParameters: { tag: 'a,b', limit: '5' },
      pathParameters: { albumId: 'A' },
      cookies: ['a=1', 'b=2'],
      body: '{"x":1}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/v1/albums/A' },
        domainName: 'localhost',
        timeEpoch: 0,
      },
    });
    expect(event.headers).toEqual({
      'content-type': 'application/json',
      host: 'localhost:3000',
      'x-multi': '1,2',
    });
  });

  it('base64-encodes binary bodies and leaves an empty body out', () => {
    const binary = toApiGatewayEvent(
      { method: 'POST', url: '/', headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 255]) },
      match,
    );
    expect(binary).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
    const empty = toApiGatewayEvent({ method: 'GET', url: '/', headers: {}, body: Buffer.alloc(0) }, match);
    expect(empty.body).toBeUndefined();
    expect(empty.queryStringParameters).toBeUndefined();
  });
});

describe('loadHttpRoutes', () => {
  it("reads the api service's routes from serverless.yml and each function's config.yml", async () => {
    const routes = await loadHttpRoutes(path.resolve(__dirname, '../../../services/api'));
    expect(routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          functionName: 'health',
          method: 'GET',
          path: '/v1/health',
          handlerModule: 'src/functions/health/handler',
          handlerExport: 'handler',
          authorizer: undefined,
        }),
        expect.objectContaining({ method: 'GET', path: '/v1/albums/{albumId}', authorizer: 'jwt' }),
      ]),
    );
  });
});

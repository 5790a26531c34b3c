import type { RouteShape } from '@gallery/testing/http-routes';
import type { Template } from './check-templates';
import { checkHttpRoutes } from './template-routes';

/** A template shaped as osls compiles an httpApi event. */
function template(routes: { key: string; fn: string; jwt?: boolean }[]): Template {
  const resources: Template['Resources'] = {};
  routes.forEach(({ key, fn, jwt }, i) => {
    resources[`Integration${i}`] = {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { IntegrationUri: { 'Fn::GetAtt': [fn, 'Arn'] } },
    };
    resources[`Route${i}`] = {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        RouteKey: key,
        Target: { 'Fn::Join': ['/', ['integrations', { Ref: `Integration${i}` }]] },
        ...(jwt ? { AuthorizationType: 'JWT' } : {}),
      },
    };
  });
  return { Resources: resources };
}

const getAlbum: RouteShape = {
  operationId: 'getAlbum',
  method: 'GET',
  path: '/v1/albums/{albumId}',
  auth: 'jwt',
};
const health: RouteShape = { operationId: 'health', method: 'GET', path: '/v1/health', auth: 'none' };

describe('checkHttpRoutes', () => {
  it('passes a template that deploys exactly the contracts', () => {
    const t = template([
      { key: 'GET /v1/albums/{albumId}', fn: 'GetAlbumLambdaFunction', jwt: true },
      { key: 'GET /v1/health', fn: 'HealthLambdaFunction' },
    ]);
    expect(checkHttpRoutes(t, [getAlbum, health])).toEqual([]);
  });

  it('reports every drift: a missing route, another function, another authorizer, a route without a contract', () => {
    const t = template([
      { key: 'GET /v1/albums/{albumId}', fn: 'DeleteAlbumLambdaFunction' },
      { key: 'GET /v1/extra', fn: 'ExtraLambdaFunction' },
    ]);
    expect(checkHttpRoutes(t, [getAlbum, health])).toEqual([
      'route GET /v1/albums/{albumId} reaches DeleteAlbumLambdaFunction, not function getAlbum',
      'route GET /v1/albums/{albumId} is not behind the JWT authorizer; its contract says auth jwt',
      'route GET /v1/health (health) is not in the HTTP API',
      'route GET /v1/extra has no route contract',
    ]);
  });
});

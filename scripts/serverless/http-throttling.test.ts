// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stageThrottling } = require('./http-throttling.js') as {
  stageThrottling: (
    template: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> },
    config: { default: Limit; routes?: Record<string, Limit> },
  ) => { defaultRouteSettings: unknown; routeSettings: unknown; dependsOn: string[] };
};

interface Limit {
  rate: number;
  burst: number;
}

const template = {
  Resources: {
    HttpApiRoutePostV1AlbumsAlbumidVarPhotos: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { RouteKey: 'POST /v1/albums/{albumId}/photos' },
    },
    HttpApiRouteGetV1Health: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /v1/health' } },
  },
};

describe('stageThrottling', () => {
  it("sets the default limits and each named route's, and waits for those routes", () => {
    expect(
      stageThrottling(template, {
        default: { rate: 200, burst: 400 },
        routes: { 'POST /v1/albums/{albumId}/photos': { rate: 10, burst: 20 } },
      }),
    ).toEqual({
      defaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
      routeSettings: {
        'POST /v1/albums/{albumId}/photos': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      },
      dependsOn: ['HttpApiRoutePostV1AlbumsAlbumidVarPhotos'],
    });
  });

  it('refuses a route the API does not have', () => {
    expect(() =>
      stageThrottling(template, {
        default: { rate: 200, burst: 400 },
        routes: { 'POST /v1/albums/{id}/photos': { rate: 10, burst: 20 } },
      }),
    ).toThrow('POST /v1/albums/{id}/photos: no such route in this API');
  });

  it('refuses a route limit looser than the default, which would never apply', () => {
    expect(() =>
      stageThrottling(template, {
        default: { rate: 200, burst: 400 },
        routes: { 'GET /v1/health': { rate: 500, burst: 400 } },
      }),
    ).toThrow('a route limit above the default would never apply');
  });

  it('refuses missing or non-positive numbers', () => {
    expect(() => stageThrottling(template, { default: { rate: 0, burst: 10 } })).toThrow(
      'default: rate and burst must be positive',
    );
    expect(() => stageThrottling(template, { default: { rate: 10, burst: 2.5 } })).toThrow(
      'burst an integer',
    );
  });
});

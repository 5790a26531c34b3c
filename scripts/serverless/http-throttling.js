'use strict';

// Throttling of the HTTP API's stage: a default rate and burst for every route, and tighter limits
// for the routes named by their route key (as the route contracts give them to http-routes). osls
// has no setting for either; API Gateway takes them as the stage's DefaultRouteSettings and
// RouteSettings. A route setting for a key the API does not have fails the package, and the stage
// waits for the routes it names (API Gateway refuses settings for a route it does not know yet).
//
// serverless.yml:
//   custom.httpThrottling:
//     default: { rate: 200, burst: 400 }
//     routes:
//       'POST /v1/albums/{albumId}/photos': { rate: 10, burst: 20 }

const STAGE = 'HttpApiStage';

const limits = ({ rate, burst }) => ({ ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst });

/**
 * The stage's throttling properties and the route resources it must wait for. Pure: unit-tested
 * without osls.
 * @param {{ Resources: Record<string, { Type: string, Properties?: any }> }} template
 * @param {{ default: { rate: number, burst: number }, routes?: Record<string, { rate: number, burst: number }> }} config
 */
function stageThrottling(template, config) {
  const check = (what, { rate, burst } = {}) => {
    if (!(Number.isFinite(rate) && rate > 0 && Number.isInteger(burst) && burst > 0)) {
      throw new Error(`${what}: rate and burst must be positive numbers (burst an integer)`);
    }
  };
  check('default', config.default);
  const routeIds = new Map(
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Route')
      .map(([id, resource]) => [resource.Properties.RouteKey, id]),
  );
  const routeSettings = {};
  const dependsOn = [];
  for (const [routeKey, setting] of Object.entries(config.routes ?? {})) {
    check(routeKey, setting);
    const id = routeIds.get(routeKey);
    if (!id) throw new Error(`${routeKey}: no such route in this API`);
    if (setting.rate > config.default.rate || setting.burst > config.default.burst) {
      throw new Error(`${routeKey}: a route limit above the default would never apply`);
    }
    routeSettings[routeKey] = limits(setting);
    dependsOn.push(id);
  }
  return { defaultRouteSettings: limits(config.default), routeSettings, dependsOn };
}

class HttpThrottlingPlugin {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // After the events are compiled (the stage and routes exist), before `resources` is merged.
      'before:aws:package:finalize:mergeCustomProviderResources': () => this.throttle(),
    };
  }

  throttle() {
    const { service } = this.serverless;
    const config = service.custom?.httpThrottling;
    const template = service.provider.compiledCloudFormationTemplate;
    const stage = template.Resources[STAGE];
    if (!stage) return;
    if (!config) {
      throw new this.serverless.classes.Error('http-throttling: set custom.httpThrottling.default.');
    }
    let result;
    try {
      result = stageThrottling(template, config);
    } catch (err) {
      throw new this.serverless.classes.Error(`http-throttling: ${err.message}`);
    }
    const props = stage.Properties;
    props.DefaultRouteSettings = { ...props.DefaultRouteSettings, ...result.defaultRouteSettings };
    if (result.dependsOn.length > 0) {
      props.RouteSettings = result.routeSettings;
      stage.DependsOn = [...new Set([...[stage.DependsOn ?? []].flat(), ...result.dependsOn])];
    }
  }
}

module.exports = HttpThrottlingPlugin;
module.exports.stageThrottling = stageThrottling;

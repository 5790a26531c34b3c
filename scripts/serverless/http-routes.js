'use strict';

// Gives every HTTP function its `httpApi` event from the service's route contracts, so the contract
// (method, path, auth) is the only place a route is declared: the handler validates with it, the
// OpenAPI document is generated from it, and the deployed (or serverless-offline) route comes from
// it here. Runs on osls's `initialize` hook, before any command (package, deploy, offline) reads the
// functions. The contracts are TypeScript: they are loaded with tsx's namespaced require, which does
// not register a loader for anything else in the process.
//
// serverless.yml:  custom.routeContracts: ./src/routes.ts   (a module exporting `routes`)
// A route's operationId is the key of the function serving it; writing an http/httpApi event by
// hand in a function's config is refused.
//
// A `jwt` route's handler also reads the account block of the caller (@gallery/lambda/auth): the
// statements that allow it, `custom.jwtRouteIamStatements`, are added to each such function's
// `iamStatements` (per-function-iam turns them into its role), so no route can miss them.
// An `idempotent` route's function also gets `custom.idempotentRoutes`: the idempotency store's
// environment variable and IAM statements (per-function-iam turns them into its role), so no such
// route can miss them and no other function has them.

const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

class HttpRoutesPlugin {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { initialize: () => this.addEvents() };
  }

  addEvents() {
    const { service, serviceDir } = this.serverless;
    const fail = (message) => {
      throw new this.serverless.classes.Error(`http-routes: ${message}`);
    };
    // Resolved from the service, which depends on @gallery/testing (this folder has no node_modules).
    const from = path.join(serviceDir, 'serverless.yml');
    const { httpApiEvent, routeContractsModule, routesByFunction, routesOf } = tsxRequire(
      '@gallery/testing/http-routes',
      from,
    );
    let byFunction;
    try {
      const file = routeContractsModule(serviceDir, service.custom);
      byFunction = routesByFunction(service.getAllFunctions(), routesOf(tsxRequire(file, from), file));
    } catch (err) {
      fail(err.message);
    }
    const idempotentRoutes = service.custom?.idempotentRoutes;
    if ([...byFunction.values()].some((route) => route.idempotent) && !idempotentRoutes) {
      fail('idempotent routes need custom.idempotentRoutes (environment and iamStatements of the store).');
    }
    const jwtStatements = service.custom?.jwtRouteIamStatements;
    const hasJwtRoutes = [...byFunction.values()].some((route) => route.auth === 'jwt');
    if (hasJwtRoutes && !Array.isArray(jwtStatements)) {
      fail(
        'routes with auth "jwt" need custom.jwtRouteIamStatements (the token check reads the account block).',
      );
    }
    for (const name of service.getAllFunctions()) {
      const fn = service.getFunction(name);
      if ((fn.events ?? []).some((event) => event.http || event.httpApi)) {
        fail(`function "${name}" declares an HTTP event by hand; its route contract gives it one.`);
      }
      const route = byFunction.get(name);
      if (!route) continue;
      fn.events = [...(fn.events ?? []), httpApiEvent(route)];
      if (route.idempotent) {
        fn.environment = { ...idempotentRoutes.environment, ...fn.environment };
        fn.iamStatements = [...(fn.iamStatements ?? []), ...(idempotentRoutes.iamStatements ?? [])];
      }
      if (route.auth === 'jwt') fn.iamStatements = [...(fn.iamStatements ?? []), ...jwtStatements];
      // Lambda limits descriptions to 256 characters.
      fn.description ??= `${route.method} ${route.path}: ${route.summary ?? ''}`.slice(0, 256);
    }
  }
}

module.exports = HttpRoutesPlugin;

// Route contracts → deploy config. A service's route contracts (`custom.routeContracts` in its
// serverless.yml, a module exporting `routes`) are the only place its HTTP routes are declared:
// the local osls plugin scripts/serverless/http-routes.js adds each function's `httpApi` event from
// them when osls loads the service (package, deploy, offline), and ./local-http.ts routes with them.
// A route's `operationId` is the key of the function serving it.
import path from 'node:path';

/** What the deploy config needs of a route contract (@gallery/lambda/route's RouteContract). */
export interface RouteShape {
  operationId: string;
  method: string;
  path: string;
  summary?: string;
  auth: 'jwt' | 'none';
  /** Takes an Idempotency-Key: its function gets the idempotency store (custom.idempotentRoutes). */
  idempotent?: true;
}

/** The authorizer, in serverless.yml's `provider.httpApi.authorizers`, of `auth: 'jwt'` routes. */
export const JWT_AUTHORIZER = 'jwt';

export interface HttpApiEvent {
  httpApi: { method: string; path: string; authorizer?: { name: string } };
}

/** The function's `httpApi` event for `route`. Pure. */
export function httpApiEvent(route: RouteShape): HttpApiEvent {
  return {
    httpApi: {
      method: route.method,
      path: route.path,
      ...(route.auth === 'jwt' ? { authorizer: { name: JWT_AUTHORIZER } } : {}),
    },
  };
}

/**
 * Each route by the function serving it. Throws when a route names no function of the service, or
 * two routes name the same one (one function per route). Pure.
 */
export function routesByFunction<R extends RouteShape>(
  functionNames: readonly string[],
  routes: readonly R[],
): Map<string, R> {
  const names = new Set(functionNames);
  const byFunction = new Map<string, R>();
  for (const route of routes) {
    const where = `${route.method} ${route.path}`;
    if (!names.has(route.operationId)) {
      throw new Error(
        `${where}: no function "${route.operationId}" (a route's operationId names its function)`,
      );
    }
    const other = byFunction.get(route.operationId);
    if (other)
      throw new Error(
        `${where}: function "${route.operationId}" already serves ${other.method} ${other.path}`,
      );
    byFunction.set(route.operationId, route);
  }
  return byFunction;
}

/** The absolute path of the route contracts module named by `custom.routeContracts`. */
export function routeContractsModule(serviceDir: string, custom: unknown): string {
  const file = (custom as { routeContracts?: unknown } | undefined)?.routeContracts;
  if (typeof file !== 'string')
    throw new Error(`${serviceDir}: serverless.yml sets no custom.routeContracts`);
  return path.resolve(serviceDir, file);
}

/** The `routes` export of a route contracts module. */
export function routesOf(module: unknown, file: string): RouteShape[] {
  const routes = (module as { routes?: unknown }).routes;
  if (!Array.isArray(routes)) throw new Error(`${file} exports no routes array`);
  return routes as RouteShape[];
}

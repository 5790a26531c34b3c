// Every route contract of the auth service: each `...Route` export of ./contracts. The serverless
// plugin that writes the functions' httpApi events (scripts/serverless/http-routes.js), the local
// HTTP server and the OpenAPI document all read this list.
import type { RouteContract } from '@gallery/lambda/route';
import * as contracts from './contracts';

export const routes: RouteContract[] = Object.entries(contracts)
  .filter(([name]) => name.endsWith('Route'))
  .map(([, route]) => route as RouteContract);

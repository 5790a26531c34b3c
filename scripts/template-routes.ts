// The packaged HTTP API against the route contracts: every contract is a route of its service's
// HTTP API, with its method, path and authorizer, integrated with the function its operationId
// names, and the API has no other route. Run by check-templates after `pnpm package`.
import type { RouteShape } from '@gallery/testing/http-routes';
import type { Template } from './check-templates';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** osls's logical id of a function's resource (camelCase keys: first letter upper-cased). */
const functionLogicalId = (name: string): string => `${name[0]?.toUpperCase()}${name.slice(1)}LambdaFunction`;

const ref = (value: Json | undefined): string | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.Ref === 'string'
    ? value.Ref
    : undefined;

export function checkHttpRoutes(template: Template, routes: readonly RouteShape[]): string[] {
  const problems: string[] = [];
  const deployed = new Map<string, { fn: string | undefined; jwt: boolean }>();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const props = resource.Properties ?? {};
    // Target: { Fn::Join: ['/', ['integrations', { Ref: <integration> }]] }
    const join = (props.Target as { 'Fn::Join'?: [string, Json[]] } | undefined)?.['Fn::Join'];
    const integration = ref(join?.[1]?.[1]);
    const uri = integration ? template.Resources[integration]?.Properties?.IntegrationUri : undefined;
    const getAtt = (uri as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];
    deployed.set(String(props.RouteKey), { fn: getAtt?.[0], jwt: props.AuthorizationType === 'JWT' });
  }
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const found = deployed.get(key);
    deployed.delete(key);
    if (!found) {
      problems.push(`route ${key} (${route.operationId}) is not in the HTTP API`);
      continue;
    }
    if (found.fn !== functionLogicalId(route.operationId)) {
      problems.push(`route ${key} reaches ${found.fn}, not function ${route.operationId}`);
    }
    if (found.jwt !== (route.auth === 'jwt')) {
      problems.push(
        `route ${key} is ${found.jwt ? '' : 'not '}behind the JWT authorizer; its contract says auth ${route.auth}`,
      );
    }
  }
  for (const key of deployed.keys()) problems.push(`route ${key} has no route contract`);
  return problems;
}

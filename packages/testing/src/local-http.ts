// A real HTTP server in front of a service's Lambda handlers, for integration tests and local tools:
// requests become API Gateway v2 (HTTP API, payload 2.0) events, responses go back over the wire.
// The routing table is the one the deploy gets: every function listed in the service's
// serverless.yml (inline or `${file(...)}`) whose route contract (./http-routes.ts) names it, so a
// route that is not deployed cannot be tested, and one that is deployed cannot be missed.
//
// Like API Gateway, the adapter picks the most specific route (literal segments beat `{params}`),
// answers 404 `{"message":"Not Found"}` for unknown routes, and base64-encodes non-text bodies. Its
// JWT authorizer is the handlers' own verification (@gallery/lambda/auth), which answers a refused
// token the way API Gateway's authorizer does on AWS.

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { parse } from 'yaml';
import { lambdaContext } from '@gallery/local-stack/lambda-context';
import { JWT_AUTHORIZER, routeContractsModule, routesByFunction, routesOf } from './http-routes';

export interface HttpRoute {
  /** Function name in serverless.yml. */
  functionName: string;
  method: string;
  /** Path template, e.g. `/v1/albums/{albumId}`. */
  path: string;
  /** Module path relative to the service directory, without extension. */
  handlerModule: string;
  handlerExport: string;
  /** Authorizer name of the route (`jwt`), if any. */
  authorizer: string | undefined;
  timeoutSeconds: number;
}

interface FunctionConfig {
  handler?: string;
  timeout?: number;
  events?: Record<string, unknown>[];
}

const FILE_REFERENCE = /^\$\{file\((.+)\)\}$/;

async function readYaml(file: string): Promise<unknown> {
  // CloudFormation short tags (!Ref, !GetAtt) are irrelevant to routing: read them as plain values.
  return parse(await readFile(file, 'utf8'), { logLevel: 'silent', strict: false });
}

/** The HTTP routes of the service whose serverless.yml is in `serviceDir`. */
export async function loadHttpRoutes(serviceDir: string): Promise<HttpRoute[]> {
  const service = (await readYaml(path.join(serviceDir, 'serverless.yml'))) as {
    functions?: Record<string, string | FunctionConfig>;
    custom?: unknown;
  };
  const functions = new Map<string, FunctionConfig>();
  for (const [functionName, entry] of Object.entries(service.functions ?? {})) {
    if (typeof entry === 'string') {
      const file = FILE_REFERENCE.exec(entry.trim())?.[1];
      if (!file) throw new Error(`${functionName}: unsupported function entry ${entry}`);
      functions.set(functionName, (await readYaml(path.join(serviceDir, file))) as FunctionConfig);
    } else {
      functions.set(functionName, entry);
    }
  }
  const file = routeContractsModule(serviceDir, service.custom);
  const byFunction = routesByFunction([...functions.keys()], routesOf(await import(file), file));
  const routes: HttpRoute[] = [];
  for (const [functionName, config] of functions) {
    if ((config.events ?? []).some((event) => 'http' in event || 'httpApi' in event)) {
      throw new Error(`${functionName}: an HTTP event written by hand; its route contract gives it one`);
    }
    const route = byFunction.get(functionName);
    if (!route) continue;
    if (!config.handler) throw new Error(`${functionName}: no handler`);
    const dot = config.handler.lastIndexOf('.');
    routes.push({
      functionName,
      method: route.method.toUpperCase(),
      path: route.path,
      handlerModule: config.handler.slice(0, dot),
      handlerExport: config.handler.slice(dot + 1),
      authorizer: route.auth === 'jwt' ? JWT_AUTHORIZER : undefined,
      timeoutSeconds: config.timeout ?? 6,
    });
  }
  return routes;
}

/** Specificity, for ordering: more literal segments first, as API Gateway matches. */
function specificity(route: HttpRoute): number[] {
  return route.path.split('/').map((segment) => (segment.startsWith('{') ? 0 : 1));
}

function compareRoutes(a: HttpRoute, b: HttpRoute): number {
  const sa = specificity(a);
  const sb = specificity(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i += 1) {
    const d = (sb[i] ?? -1) - (sa[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export interface RouteMatch {
  route: HttpRoute;
  pathParameters: Record<string, string>;
}

/** A percent-decoded path segment; one that is not valid UTF-8 once decoded is passed on as sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route `method rawPath` reaches, with its decoded path parameters; undefined when none. */
export function matchRoute(
  routes: readonly HttpRoute[],
  method: string,
  rawPath: string,
): RouteMatch | undefined {
  const segments = rawPath.split('/');
  for (const route of [...routes].sort(compareRoutes)) {
    if (route.method !== method.toUpperCase() && route.method !== 'ANY') continue;
    const template = route.path.split('/');
    if (template.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < template.length && matched; i += 1) {
      const t = template[i] as string;
      const s = segments[i] as string;
      if (t.startsWith('{') && t.endsWith('}')) {
        if (s === '') matched = false;
        else pathParameters[t.slice(1, -1)] = decodeSegment(s);
      } else if (t !== s) {
        matched = false;
      }
    }
    if (matched) return { route, pathParameters };
  }
  return undefined;
}

const TEXT_CONTENT = /^(text\/|application\/(json|[\w.+-]*\+json|xml|javascript|x-www-form-urlencoded))/i;

export interface IncomingHttpRequest {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp?: string;
}

/** An API Gateway v2 event for `request`, which `match` routed. Pure. */
export function toApiGatewayEvent(
  request: IncomingHttpRequest,
  match: RouteMatch,
  now = new Date(),
): APIGatewayProxyEventV2 {
  const url = new URL(request.url, 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookieHeader = request.headers.cookie;
  const cookies = (Array.isArray(cookieHeader) ? cookieHeader.join('; ') : (cookieHeader ?? ''))
    .split(/;\s*/)
    .filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    // API Gateway joins repeated query parameters with commas.
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  const hasBody = request.body.length > 0;
  const text = TEXT_CONTENT.test(headers['content-type'] ?? '');
  const routeKey = `${match.route.method} ${match.route.path}`;
  const method = request.method.toUpperCase();
  const host = headers.host ?? 'localhost';
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    ...(hasBody ? { body: text ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: hasBody && !text,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host.replace(/:\d+$/, ''),
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

function contextFor(route: HttpRoute, serviceName: string): Context {
  return lambdaContext(`${serviceName}-local-${route.functionName}`, {
    deadline: Date.now() + route.timeoutSeconds * 1000,
  });
}

/** Payload 2.0 response rules: a result without `statusCode` is a 200 JSON body. */
function fromLambdaResult(result: unknown): {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
} {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const r = result as APIGatewayProxyStructuredResultV2;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(r.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const body =
      r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
    return { status: r.statusCode ?? 200, headers, body };
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(typeof result === 'string' ? result : JSON.stringify(result ?? null)),
  };
}

export interface LocalHttpServerOptions {
  /** Directory of the service's serverless.yml. */
  serviceDir: string;
  port?: number;
  host?: string;
  /** API Gateway's own payload limit. */
  maxPayloadBytes?: number;
}

export interface LocalHttpServer {
  url: string;
  routes: HttpRoute[];
  close(): Promise<void>;
}

/** Serves the service's HTTP routes on `http://host:port` (a free port by default). */
export async function startLocalHttpServer(options: LocalHttpServerOptions): Promise<LocalHttpServer> {
  const routes = await loadHttpRoutes(options.serviceDir);
  const serviceName = path.basename(options.serviceDir);
  const maxPayload = options.maxPayloadBytes ?? 10 * 1024 * 1024;
  const handlers = new Map<HttpRoute, Promise<LambdaHttpHandler>>();
  const handlerOf = (route: HttpRoute): Promise<LambdaHttpHandler> => {
    let loaded = handlers.get(route);
    if (!loaded) {
      loaded = import(path.join(options.serviceDir, route.handlerModule)).then(
        (mod: Record<string, unknown>) => {
          const fn = mod[route.handlerExport];
          if (typeof fn !== 'function')
            throw new Error(`${route.functionName}: no export ${route.handlerExport}`);
          return fn as LambdaHttpHandler;
        },
      );
      handlers.set(route, loaded);
    }
    return loaded;
  };

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer) => {
    res.writeHead(status, { ...headers, 'content-length': String(body.length) });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxPayload) {
        send(
          res,
          413,
          { 'content-type': 'application/json' },
          Buffer.from('{"message":"Request Entity Too Large"}'),
        );
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const method = req.method ?? 'GET';
    const rawPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = matchRoute(routes, method, rawPath);
    if (!match) {
      send(res, 404, { 'content-type': 'application/json' }, Buffer.from('{"message":"Not Found"}'));
      return;
    }
    const event = toApiGatewayEvent(
      {
        method,
        url: req.url ?? '/',
        // API Gateway sets x-forwarded-*, overwriting what the client sent; this server is plain HTTP.
        headers: { ...req.headers, 'x-forwarded-proto': 'http', 'x-forwarded-for': req.socket.remoteAddress },
        body: Buffer.concat(chunks),
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      },
      match,
    );
    const fn = await handlerOf(match.route);
    const out = fromLambdaResult(await fn(event, contextFor(match.route, serviceName)));
    // As an HTTP API does: its request id (the functions' correlation id) on every answer.
    send(res, out.status, { ...out.headers, 'apigw-requestid': event.requestContext.requestId }, out.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // A handler that throws is a Lambda invocation error: API Gateway answers 500.
      if (!res.headersSent) {
        send(
          res,
          500,
          { 'content-type': 'application/json' },
          Buffer.from('{"message":"Internal Server Error"}'),
        );
      } else {
        res.destroy();
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    routes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

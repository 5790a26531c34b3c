// The middleware chain every HTTP API (API Gateway v2) function uses. A function exports its pure
// handler (typed input → typed result, testable without middy) and, separately, the wrapped Lambda
// handler built by `httpHandler` from the route's contract (./route.ts), which types the pure
// handler and validates what reaches it:
//
//   export const getAlbum: RouteHandler<typeof getAlbumRoute> = async (req) => ...;
//   export const handler = httpHandler(getAlbumRoute, getAlbum, { authenticate });
//
// Chain, in order: body size limit (413) → authentication seam (401) → JSON body parser (400/415)
// → zod validation of path (404), query and body (422) → pure handler → JSON serialisation. Any
// error, from any step, becomes a response in ./problem.ts. The whole of it runs inside the
// observability chain (./observe.ts): the API request id is the correlation id, and every request
// adds its Latency and status class (Status2xx/4xx/5xx, 0 or 1) to the route's metrics, under the
// dimension operation = the route's operationId.

import middy, { type MiddlewareObj, type Request } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from '@gallery/core/zod';
import { NotFoundError, ValidationError, type FieldIssue } from '@gallery/core/errors';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import { logger, type Logger } from './logger';
import { MetricUnit, metrics } from './metrics';
import { observe } from './observe';
import { errorResponse } from './problem';
import type { Idempotency } from './idempotency';
import {
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeySchema,
  type RouteBody,
  type RouteContract,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from './route';

/** Default body limit. Image bytes never pass through the API (uploads go straight to S3). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Who is calling, once a token has been verified. */
export interface Principal {
  userId: string;
  claims: Readonly<Record<string, unknown>>;
}

/**
 * Verifies the caller (e.g. a Cognito JWT) and returns who it is; throws `UnauthorizedError`
 * otherwise. This is the seam for token verification: the chain calls it, but does not implement it.
 */
export type Authenticator = (event: APIGatewayProxyEventV2) => Promise<Principal>;

/** What a route's function adds to its contract. */
export interface HttpHandlerOptions {
  /** Verifies the bearer token: required by `auth: 'jwt'` routes, refused on public ones. */
  authenticate?: Authenticator;
  /** Largest accepted body, in bytes (decoded, if base64). Default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  /**
   * The store an `idempotent` route's requests with an Idempotency-Key run through
   * (@gallery/lambda/idempotency): required by idempotent routes, refused on others.
   */
  idempotency?: Idempotency;
}

export interface HttpRequest<P, Q, B, A extends Principal | undefined = Principal | undefined> {
  params: P;
  query: Q;
  body: B;
  /** The verified caller on `auth: 'jwt'` routes; undefined on public ones. */
  principal: A;
  headers: Readonly<Record<string, string | undefined>>;
  /** API Gateway's request id: the correlation id of the request's log lines and traces. */
  requestId: string;
  log: Logger;
  /** The raw event, for what the typed fields do not cover. */
  event: APIGatewayProxyEventV2;
}

export interface HttpResult<T = unknown> {
  statusCode: number;
  /** Serialised as JSON; omitted for e.g. 204. */
  body?: T;
  headers?: Record<string, string>;
}

export type PureHttpHandler<P, Q, B, R, A extends Principal | undefined = Principal | undefined> = (
  request: HttpRequest<P, Q, B, A>,
  context: Context,
) => Promise<HttpResult<R>>;

type PrincipalOf<R extends RouteContract> = R['auth'] extends 'jwt' ? Principal : undefined;

/** The request a route's pure handler receives: typed by the route's contract. */
export type RouteRequest<R extends RouteContract> = HttpRequest<
  RouteParams<R>,
  RouteQuery<R>,
  RouteBody<R>,
  PrincipalOf<R>
>;

/** The pure handler of route `R`: its input and its result are typed by the contract. */
export type RouteHandler<R extends RouteContract> = PureHttpHandler<
  RouteParams<R>,
  RouteQuery<R>,
  RouteBody<R>,
  RouteResponse<R>,
  PrincipalOf<R>
>;

export type HttpLambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** A function's Lambda handler, carrying the contract it serves (tests check it is the deployed one). */
export type RouteLambdaHandler<R extends RouteContract = RouteContract> = HttpLambdaHandler & {
  readonly route: R;
};

/** What the middlewares attach to the event on its way to the pure handler. */
interface ChainEvent extends Omit<APIGatewayProxyEventV2, 'body'> {
  body?: unknown;
  principal?: Principal;
  input?: { params: unknown; query: unknown; body: unknown; idempotencyKey?: string | undefined };
}
type ChainRequest = Request<ChainEvent, unknown, unknown, Context>;

/** Size of the body as sent by the client, without decoding base64 twice. */
export function bodyByteLength(body: string | undefined, isBase64Encoded: boolean): number {
  if (body === undefined) return 0;
  if (!isBase64Encoded) return Buffer.byteLength(body, 'utf8');
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  return Math.floor((body.length * 3) / 4) - padding;
}

function bodyLimit(maxBytes: number): MiddlewareObj<ChainEvent> {
  return {
    name: 'bodyLimit',
    before: (request) => {
      const { body, isBase64Encoded } = request.event;
      if (typeof body === 'string' && bodyByteLength(body, isBase64Encoded) > maxBytes) {
        throw new PayloadTooLargeError(maxBytes);
      }
    },
  };
}

function authentication(authenticate: Authenticator): MiddlewareObj<ChainEvent> {
  return {
    name: 'authentication',
    before: async (request) => {
      request.event.principal = await authenticate(request.event as APIGatewayProxyEventV2);
    },
  };
}

/**
 * @middy/http-json-body-parser, with its errors (all 415 with a message) turned into our typed
 * ones. An absent or empty body is left undefined so the body schema reports it as a 422.
 */
function jsonBody(): MiddlewareObj<ChainEvent> {
  const parser = httpJsonBodyParser();
  return {
    name: 'jsonBody',
    before: async (request) => {
      if (request.event.body === undefined || request.event.body === '') {
        request.event.body = undefined;
        return;
      }
      try {
        await parser.before?.(request as never);
      } catch (err) {
        if (err instanceof Error && err.message === 'Unsupported Media Type') {
          throw new UnsupportedMediaTypeError({ cause: err });
        }
        throw new MalformedJsonError({ cause: err });
      }
    },
  };
}

function issuesOf(location: string, error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [location, ...issue.path.map((segment) => String(segment))].join('.'),
    message: issue.message,
  }));
}

function validation(schemas: {
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  idempotent?: true;
}): MiddlewareObj<ChainEvent> {
  return {
    name: 'validation',
    before: (request) => {
      const { event } = request;
      const issues: FieldIssue[] = [];
      const parse = (location: string, schema: z.ZodMiniType | undefined, value: unknown): unknown => {
        if (!schema) return undefined;
        const result = schema.safeParse(value);
        if (result.success) return result.data;
        issues.push(...issuesOf(location, result.error));
        return undefined;
      };
      const params = parse('path', schemas.params, event.pathParameters ?? {});
      // A path that names nothing valid names nothing: 404, as for a well-formed unknown id.
      if (issues.length > 0) throw new NotFoundError('Resource');
      const key = event.headers?.[IDEMPOTENCY_KEY_HEADER];
      const input = {
        params,
        query: parse('query', schemas.query, event.queryStringParameters ?? {}),
        body: parse('body', schemas.body, event.body),
        idempotencyKey:
          schemas.idempotent && key !== undefined
            ? (parse(`header.${IDEMPOTENCY_KEY_HEADER}`, idempotencyKeySchema, key) as string | undefined)
            : undefined,
      };
      // Report every invalid field at once, not just those of the first failing location.
      if (issues.length > 0) throw new ValidationError('The request is not valid.', issues);
      event.input = input;
    },
  };
}

function serialisation(): MiddlewareObj<ChainEvent> {
  return {
    name: 'serialisation',
    after: (request) => {
      const result = request.response as HttpResult;
      const response: APIGatewayProxyStructuredResultV2 = {
        statusCode: result.statusCode,
        headers: { ...result.headers },
      };
      if (result.body !== undefined) {
        response.headers = { ...response.headers, 'content-type': 'application/json' };
        response.body = JSON.stringify(result.body);
      }
      request.response = response;
    },
  };
}

function errorHandler(): MiddlewareObj<ChainEvent> {
  return {
    name: 'errorHandler',
    onError: (request: ChainRequest) => {
      const mapped = errorResponse(request.error);
      if (mapped.expected) {
        logger.info('request rejected', { status: mapped.status, type: mapped.type });
      } else {
        // Full detail goes to the log only; the client gets the generic problem.
        logger.error({ message: 'unhandled error', status: mapped.status, error: request.error });
      }
      request.response = mapped.response;
    },
  };
}

type StatusClass = 'Status2xx' | 'Status4xx' | 'Status5xx';
const STATUS_CLASSES: readonly StatusClass[] = ['Status2xx', 'Status4xx', 'Status5xx'];

/** The status class metrics of one response: 1 for its class, 0 for the others (so Average is a rate). */
export function statusClassMetrics(statusCode: number): Record<StatusClass, number> {
  const own = `Status${Math.floor(statusCode / 100)}xx`;
  return Object.fromEntries(STATUS_CLASSES.map((name) => [name, name === own ? 1 : 0])) as Record<
    StatusClass,
    number
  >;
}

/** The route's status class metrics and a debug line per request (seen when sampled). */
function routeOutcome(
  route: RouteContract,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    name: 'routeOutcome',
    after: (request) => {
      const statusCode = request.response?.statusCode ?? 500;
      for (const [name, value] of Object.entries(statusClassMetrics(statusCode))) {
        metrics.addMetric(name, MetricUnit.Count, value);
      }
      logger.debug('request answered', { route: `${route.method} ${route.path}`, status: statusCode });
    },
  };
}

type IdempotencyOf<R extends RouteContract> = R['idempotent'] extends true
  ? { idempotency: Idempotency }
  : { idempotency?: never };

type OptionsOf<R extends RouteContract> = R['auth'] extends 'jwt'
  ? [options: HttpHandlerOptions & { authenticate: Authenticator } & IdempotencyOf<R>]
  : [options?: HttpHandlerOptions & { authenticate?: never; idempotency?: never }];

/**
 * Wraps the pure handler of `route` in the HTTP chain: the contract's schemas validate the request,
 * and its `auth` decides whether `options.authenticate` runs (required for `jwt` routes, refused on
 * public ones, by type and at module load). An `idempotent` route (always `jwt`: keys are scoped per
 * caller) needs `options.idempotency`, and runs a request that sends an Idempotency-Key through it.
 */
export function httpHandler<R extends RouteContract>(
  route: R,
  pure: RouteHandler<R>,
  ...[options = {}]: OptionsOf<R>
): RouteLambdaHandler<R> {
  const { authenticate, maxBodyBytes, idempotency } = options as HttpHandlerOptions;
  if ((route.auth === 'jwt') !== (authenticate !== undefined)) {
    throw new Error(
      `${route.operationId}: a route with auth '${route.auth}' ${route.auth === 'jwt' ? 'needs' : 'takes no'} authenticate option`,
    );
  }
  if ((route.idempotent === true) !== (idempotency !== undefined)) {
    throw new Error(
      `${route.operationId}: ${route.idempotent ? 'an idempotent route needs' : 'a route that is not idempotent takes no'} idempotency option`,
    );
  }
  if (route.idempotent && route.auth !== 'jwt') {
    throw new Error(
      `${route.operationId}: an idempotent route must be 'jwt' (its keys are scoped per caller)`,
    );
  }
  const base = async (event: ChainEvent, context: Context): Promise<HttpResult<RouteResponse<R>>> => {
    const input = event.input ?? { params: undefined, query: undefined, body: undefined };
    const work = () =>
      pure(
        {
          params: input.params as RouteParams<R>,
          query: input.query as RouteQuery<R>,
          body: input.body as RouteBody<R>,
          principal: event.principal as PrincipalOf<R>,
          headers: event.headers ?? {},
          requestId: event.requestContext?.requestId ?? context.awsRequestId,
          log: logger,
          event: event as APIGatewayProxyEventV2,
        },
        context,
      );
    const key = input.idempotencyKey;
    if (!idempotency || key === undefined || !event.principal) return work();
    const result = await idempotency.run(
      {
        operation: route.operationId,
        scope: { userId: event.principal.userId, key },
        request: { params: input.params ?? null, body: input.body ?? null },
      },
      context,
      work,
    );
    return result as HttpResult<RouteResponse<R>>;
  };

  const chain = middy<ChainEvent, unknown, unknown, Context>(base)
    .use(errorHandler())
    .use(bodyLimit(maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  if (authenticate) chain.use(authentication(authenticate));
  if (route.body) chain.use(jsonBody());
  chain.use(validation(route)).use(serialisation());
  const observed = observe(
    chain as unknown as HttpLambdaHandler,
    { operation: route.operationId, correlationId: (event) => event.requestContext?.requestId },
    routeOutcome(route),
  );
  return Object.assign(observed, { route });
}

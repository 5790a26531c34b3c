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
// error, from any step, becomes a response in ./problem.ts.

import middy, { type MiddlewareObj, type Request } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from '@gallery/core/zod';
import { NotFoundError, ValidationError, type FieldIssue } from '@gallery/core/errors';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import { createLogger, serializeError, type Logger } from './logger';
import { errorResponse } from './problem';
import type { RouteBody, RouteContract, RouteParams, RouteQuery, RouteResponse } from './route';

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
}

export interface HttpRequest<P, Q, B, A extends Principal | undefined = Principal | undefined> {
  params: P;
  query: Q;
  body: B;
  /** The verified caller on `auth: 'jwt'` routes; undefined on public ones. */
  principal: A;
  headers: Readonly<Record<string, string | undefined>>;
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
  input?: { params: unknown; query: unknown; body: unknown };
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
      const input = {
        params,
        query: parse('query', schemas.query, event.queryStringParameters ?? {}),
        body: parse('body', schemas.body, event.body),
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

function loggerFor(context: Context): Logger {
  return createLogger({ requestId: context.awsRequestId, function: context.functionName });
}

function errorHandler(): MiddlewareObj<ChainEvent> {
  return {
    name: 'errorHandler',
    onError: (request: ChainRequest) => {
      const mapped = errorResponse(request.error);
      const log = loggerFor(request.context);
      if (mapped.expected) {
        log.info('request rejected', { status: mapped.status, type: mapped.type });
      } else {
        // Full detail goes to the log only; the client gets the generic problem.
        log.error('unhandled error', { status: mapped.status, error: serializeError(request.error) });
      }
      request.response = mapped.response;
    },
  };
}

type OptionsOf<R extends RouteContract> = R['auth'] extends 'jwt'
  ? [options: HttpHandlerOptions & { authenticate: Authenticator }]
  : [options?: HttpHandlerOptions & { authenticate?: never }];

/**
 * Wraps the pure handler of `route` in the HTTP chain: the contract's schemas validate the request,
 * and its `auth` decides whether `options.authenticate` runs (required for `jwt` routes, refused on
 * public ones, by type and at module load).
 */
export function httpHandler<R extends RouteContract>(
  route: R,
  pure: RouteHandler<R>,
  ...[options = {}]: OptionsOf<R>
): RouteLambdaHandler<R> {
  const { authenticate, maxBodyBytes } = options as HttpHandlerOptions;
  if ((route.auth === 'jwt') !== (authenticate !== undefined)) {
    throw new Error(
      `${route.operationId}: a route with auth '${route.auth}' ${route.auth === 'jwt' ? 'needs' : 'takes no'} authenticate option`,
    );
  }
  const base = async (event: ChainEvent, context: Context): Promise<HttpResult<RouteResponse<R>>> => {
    const input = event.input ?? { params: undefined, query: undefined, body: undefined };
    return pure(
      {
        params: input.params as RouteParams<R>,
        query: input.query as RouteQuery<R>,
        body: input.body as RouteBody<R>,
        principal: event.principal as PrincipalOf<R>,
        headers: event.headers ?? {},
        requestId: context.awsRequestId,
        log: loggerFor(context),
        event: event as APIGatewayProxyEventV2,
      },
      context,
    );
  };

  const chain = middy<ChainEvent, unknown, unknown, Context>(base)
    .use(errorHandler())
    .use(bodyLimit(maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  if (authenticate) chain.use(authentication(authenticate));
  if (route.body) chain.use(jsonBody());
  chain.use(validation(route)).use(serialisation());
  return Object.assign(chain as unknown as HttpLambdaHandler, { route });
}

// The middleware chain every HTTP API (API Gateway v2) function uses. A function exports its pure
// handler (typed input → typed result, testable without middy) and, separately, the wrapped Lambda
// handler built by `httpHandler`:
//
//   export const getAlbum: PureHttpHandler<Params, undefined, undefined, Album> = async (req) => ...;
//   export const handler = httpHandler({ params: paramsSchema }, getAlbum);
//
// Chain, in order: body size limit (413) → authentication seam (401) → JSON body parser (400/415)
// → zod validation of path, query and body (422) → pure handler → JSON serialisation. Any error,
// from any step, becomes problem+json in ./problem.ts.

import middy, { type MiddlewareObj, type Request } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from '@gallery/core/zod';
import { ValidationError, type FieldIssue } from '@gallery/core/errors';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import { createLogger, serializeError, type Logger } from './logger';
import { problemResponse, toProblem } from './problem';

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

type Schema = z.ZodMiniType | undefined;
type Output<S extends Schema> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface HttpHandlerOptions<P extends Schema, Q extends Schema, B extends Schema> {
  /** Path parameters (`{albumId}`); values arrive as strings. */
  params?: P;
  /** Query string parameters; values arrive as strings (use `z.coerce`). */
  query?: Q;
  /** JSON body. Without a schema the body is neither parsed nor passed on. */
  body?: B;
  /** Routes behind a JWT authorizer pass the verifier here; public routes leave it out. */
  authenticate?: Authenticator;
  /** Largest accepted body, in bytes (decoded, if base64). Default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

export interface HttpRequest<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Set when the route has an `authenticate` option. */
  principal: Principal | undefined;
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

export type PureHttpHandler<P, Q, B, R> = (
  request: HttpRequest<P, Q, B>,
  context: Context,
) => Promise<HttpResult<R>>;

export type HttpLambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

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
      const input = {
        params: parse('path', schemas.params, event.pathParameters ?? {}),
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
      const mapped = toProblem(request.error);
      const log = loggerFor(request.context);
      if (mapped.expected) {
        log.info('request rejected', { status: mapped.problem.status, type: mapped.problem.type });
      } else {
        // Full detail goes to the log only; the client gets the generic problem.
        log.error('unhandled error', { status: mapped.problem.status, error: serializeError(request.error) });
      }
      request.response = problemResponse(mapped);
    },
  };
}

/** Wraps a pure handler in the HTTP chain. */
export function httpHandler<
  R,
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(
  options: HttpHandlerOptions<P, Q, B>,
  pure: PureHttpHandler<Output<P>, Output<Q>, Output<B>, R>,
): HttpLambdaHandler {
  const base = async (event: ChainEvent, context: Context): Promise<HttpResult<R>> => {
    const input = event.input ?? { params: undefined, query: undefined, body: undefined };
    return pure(
      {
        params: input.params as Output<P>,
        query: input.query as Output<Q>,
        body: input.body as Output<B>,
        principal: event.principal,
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
    .use(bodyLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  if (options.authenticate) chain.use(authentication(options.authenticate));
  if (options.body) chain.use(jsonBody());
  chain.use(validation(options)).use(serialisation());
  return chain as unknown as HttpLambdaHandler;
}

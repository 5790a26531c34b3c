// A route contract: everything one HTTP route promises, in one object. It is the single source of
// the route: `httpHandler(route, pure)` validates requests with its schemas and types the pure
// handler from them, the OpenAPI document is generated from it (./openapi.ts), and the function's
// `httpApi` event is generated from it at package time (@gallery/testing/http-routes, run by the
// local osls plugin scripts/serverless/http-routes.js). Its `operationId` names the function serving
// it (the function's serverless.yml key).
import * as z from '@gallery/core/zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseContract {
  description: string;
  /** JSON body; omitted for bodiless responses (204). */
  schema?: z.ZodMiniType;
}

export interface RouteContract {
  /** Also the key of the function serving the route in its service's serverless.yml. */
  operationId: string;
  method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/albums/{albumId}`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** `jwt`: behind the HTTP API's JWT authorizer, and verified again by the handler. */
  auth: 'jwt' | 'none';
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /** Success responses by status. */
  responses: Partial<Record<number, ResponseContract>>;
  /** Error statuses the route can answer with (problem+json); 500 is always added. */
  errors: number[];
  /**
   * The route creates something and takes an `Idempotency-Key` header (./idempotency.ts): the same
   * key with the same request, by the same caller, within IDEMPOTENCY_WINDOW_SECONDS, answers the
   * first response again and creates nothing. Stated here once: the handler requires the idempotency
   * option, the document states the header and its answers, the deploy config grants the store.
   */
  idempotent?: true;
}

/** The request header of idempotent routes (HTTP headers are case-insensitive; API Gateway v2 lower-cases them). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** The response header of a repeat answered from the idempotency store. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/** How long a key is remembered: a retry within it gets the first answer. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;
/** 1 to 255 visible ASCII characters: a UUID, a ULID, or any token the client generates. */
export const idempotencyKeySchema = z
  .string()
  .check(
    z.regex(/^[!-~]{1,255}$/, 'must be 1 to 255 visible ASCII characters'),
    z.describe(
      'A key the client generates for one intended create (a UUID, say) and sends again, unchanged, on every retry of it.',
    ),
  );

type Output<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/** The validated path parameters, query and body of `R`. */
export type RouteParams<R extends RouteContract> = Output<R['params']>;
export type RouteQuery<R extends RouteContract> = Output<R['query']>;
export type RouteBody<R extends RouteContract> = Output<R['body']>;

/** The union of the bodies `R`'s success responses carry (undefined for a 204). */
export type RouteResponse<R extends RouteContract> = {
  [S in keyof R['responses']]: R['responses'][S] extends { schema: infer T } ? Output<T> : undefined;
}[keyof R['responses']];

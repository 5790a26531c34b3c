// The one place where errors become HTTP responses (RFC 9457 problem details). Domain errors from
// @gallery/core and transport errors from ./errors each map to a fixed status; anything else is a
// 500 whose detail is generic, so no message, stack or SDK detail ever reaches a client.

import {
  AlreadyExistsError,
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  InvalidCursorError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '@gallery/core/errors';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  InvalidCodeError,
  InvalidTokenError,
  MalformedJsonError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_PREFIX = 'urn:gallery:problem:';

export interface Problem {
  /** Stable identifier of the kind of problem, e.g. `urn:gallery:problem:validation`. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Field-level failures; only on 422. */
  errors?: FieldIssue[];
}

export interface MappedError {
  problem: Problem;
  /** Extra response headers (Retry-After). */
  headers: Record<string, string>;
  /** False for errors we did not anticipate: these are logged with their details. */
  expected: boolean;
}

const problem = (status: number, code: string, title: string, detail: string): Problem => ({
  type: `${TYPE_PREFIX}${code}`,
  title,
  status,
  detail,
});

const expected = (p: Problem, headers: Record<string, string> = {}): MappedError => ({
  problem: p,
  headers,
  expected: true,
});

function isMiddyTimeout(err: unknown): boolean {
  return (
    err instanceof Error &&
    err.name === 'TimeoutError' &&
    (err.cause as { package?: unknown } | undefined)?.package === '@middy/core'
  );
}

export function toProblem(err: unknown): MappedError {
  // Domain errors: their messages are written by us for callers, so they are safe to show.
  if (err instanceof ValidationError) {
    return expected({ ...problem(422, err.code, 'Validation failed', err.message), errors: err.issues });
  }
  if (err instanceof NotFoundError) return expected(problem(404, err.code, 'Not found', err.message));
  if (err instanceof AlreadyExistsError)
    return expected(problem(409, err.code, 'Already exists', err.message));
  if (err instanceof ConflictError) return expected(problem(409, err.code, 'Conflict', err.message));
  if (err instanceof InvalidCursorError)
    return expected(problem(400, err.code, 'Invalid cursor', err.message));
  if (err instanceof ForbiddenError) return expected(problem(403, err.code, 'Forbidden', err.message));
  if (err instanceof UnavailableError) {
    // The message may describe the backend; the caller only needs to know to retry.
    return expected(
      problem(503, err.code, 'Service unavailable', 'The service is temporarily unavailable; retry later.'),
      { 'retry-after': '1' },
    );
  }

  // middy's early timeout (just before the Lambda deadline): a dependency was too slow to answer.
  // The caller may retry, as for any unavailable dependency; the alternative is API Gateway's 503
  // after the Lambda is killed, with no problem body.
  if (isMiddyTimeout(err)) {
    return expected(
      problem(
        503,
        'unavailable',
        'Service unavailable',
        'The service is temporarily unavailable; retry later.',
      ),
      { 'retry-after': '1' },
    );
  }

  // Transport errors.
  if (err instanceof MalformedJsonError)
    return expected(problem(400, err.code, 'Malformed JSON', err.message));
  if (err instanceof InvalidCodeError) return expected(problem(400, err.code, 'Invalid code', err.message));
  if (err instanceof UnauthorizedError) {
    return expected(problem(401, err.code, 'Unauthorized', err.message), { 'www-authenticate': 'Bearer' });
  }
  if (err instanceof PayloadTooLargeError) {
    return expected(problem(413, err.code, 'Payload too large', err.message));
  }
  if (err instanceof UnsupportedMediaTypeError) {
    return expected(problem(415, err.code, 'Unsupported media type', err.message));
  }
  if (err instanceof IdempotencyKeyReusedError) {
    return expected(problem(422, err.code, 'Idempotency-Key reused', err.message));
  }
  if (err instanceof IdempotencyInProgressError) {
    return expected(problem(409, err.code, 'Request in progress', err.message), { 'retry-after': '1' });
  }
  if (err instanceof TooManyRequestsError) {
    const headers: Record<string, string> =
      err.retryAfterSeconds === undefined ? {} : { 'retry-after': String(err.retryAfterSeconds) };
    return expected(problem(429, err.code, 'Too many requests', err.message), headers);
  }

  return {
    problem: problem(500, 'internal', 'Internal server error', 'An unexpected error occurred.'),
    headers: {},
    expected: false,
  };
}

export function problemResponse(
  mapped: Pick<MappedError, 'problem' | 'headers'>,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: mapped.problem.status,
    headers: { ...mapped.headers, 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' },
    body: JSON.stringify(mapped.problem),
  };
}

/**
 * What API Gateway's HTTP API JWT authorizer answers when it refuses a request: 401 with
 * `{"message":"Unauthorized"}` (application/json, not problem+json) and a `www-authenticate` header.
 */
export function gatewayUnauthorizedResponse(err: InvalidTokenError): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 401,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'www-authenticate': err.missing ? 'Bearer' : 'Bearer error="invalid_token"',
    },
    body: JSON.stringify({ message: 'Unauthorized' }),
  };
}

export interface ErrorResponse {
  response: APIGatewayProxyStructuredResultV2;
  status: number;
  /** The problem type, or `gateway:unauthorized` for the authorizer's answer. */
  type: string;
  expected: boolean;
}

/** The HTTP response of any error a handler's chain throws. */
export function errorResponse(err: unknown): ErrorResponse {
  if (err instanceof InvalidTokenError) {
    return {
      response: gatewayUnauthorizedResponse(err),
      status: 401,
      type: 'gateway:unauthorized',
      expected: true,
    };
  }
  const mapped = toProblem(err);
  return {
    response: problemResponse(mapped),
    status: mapped.problem.status,
    type: mapped.problem.type,
    expected: mapped.expected,
  };
}

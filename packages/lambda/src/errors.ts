// HTTP-only errors: failures that exist because of the HTTP transport (framing, auth, limits), not
// the domain. Domain errors live in @gallery/core/errors. Both are mapped to status codes in exactly
// one place: ./problem.ts.

abstract class HttpTransportError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The body is not parseable JSON (or is missing where one is required). */
export class MalformedJsonError extends HttpTransportError {
  readonly code = 'malformed_json';
  constructor(options?: { cause?: unknown }) {
    super('The request body is not valid JSON.', options);
  }
}

/** No bearer token, or one that failed verification. */
export class UnauthorizedError extends HttpTransportError {
  readonly code = 'unauthorized';
  constructor(message = 'A valid bearer token is required.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The bearer token of an `auth: 'jwt'` route is missing or failed verification. On AWS the HTTP
 * API's JWT authorizer refuses such a request before the function runs, with its own answer (not
 * problem+json); the handler answers the same (./problem.ts), so local runs, where no gateway
 * checks signatures, answer as AWS does.
 */
export class InvalidTokenError extends HttpTransportError {
  readonly code = 'invalid_token';
  constructor(
    /** No token at all (RFC 6750 then names no error code). */
    readonly missing = false,
    options?: { cause?: unknown },
  ) {
    super(missing ? 'No bearer token.' : 'The bearer token failed verification.', options);
  }
}

/** The body is larger than the route accepts. */
export class PayloadTooLargeError extends HttpTransportError {
  readonly code = 'payload_too_large';
  constructor(
    readonly limitBytes: number,
    options?: { cause?: unknown },
  ) {
    super(`The request body exceeds the limit of ${limitBytes} bytes.`, options);
  }
}

/** The caller is over a rate limit. */
export class TooManyRequestsError extends HttpTransportError {
  readonly code = 'too_many_requests';
  constructor(
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super('Too many requests; retry later.', options);
  }
}

/** A one-time code (sign-up confirmation, password reset) is wrong, expired or already used. */
export class InvalidCodeError extends HttpTransportError {
  readonly code = 'invalid_code';
  constructor(
    message = 'The code is incorrect or has expired; request a new one.',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The body is not declared as JSON. */
export class UnsupportedMediaTypeError extends HttpTransportError {
  readonly code = 'unsupported_media_type';
  constructor(options?: { cause?: unknown }) {
    super('The request body must be sent as application/json.', options);
  }
}

/**
 * An Idempotency-Key the caller already used, within its window, with another request (other path
 * parameters or another body). Nothing was done.
 */
export class IdempotencyKeyReusedError extends HttpTransportError {
  readonly code = 'idempotency_key_reused';
  constructor(options?: { cause?: unknown }) {
    super('This Idempotency-Key was already used with a different request.', options);
  }
}

/** The first request with this Idempotency-Key is still being processed: retry shortly. */
export class IdempotencyInProgressError extends HttpTransportError {
  readonly code = 'idempotency_in_progress';
  constructor(options?: { cause?: unknown }) {
    super('A request with this Idempotency-Key is still in progress; retry shortly.', options);
  }
}

export type HttpError =
  | IdempotencyInProgressError
  | IdempotencyKeyReusedError
  | InvalidCodeError
  | InvalidTokenError
  | MalformedJsonError
  | UnauthorizedError
  | PayloadTooLargeError
  | TooManyRequestsError
  | UnsupportedMediaTypeError;

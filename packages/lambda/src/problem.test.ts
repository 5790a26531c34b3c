import {
  AlreadyExistsError,
  ConflictError,
  ForbiddenError,
  InvalidCursorError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '@gallery/core/errors';
import {
  MalformedJsonError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './errors';
import { PROBLEM_CONTENT_TYPE, problemResponse, toProblem } from './problem';

describe('toProblem', () => {
  it.each([
    [
      new ValidationError('bad', [{ path: 'body.title', message: 'Required' }]),
      422,
      'urn:gallery:problem:validation',
    ],
    [new NotFoundError('Album'), 404, 'urn:gallery:problem:not_found'],
    [new AlreadyExistsError('Handle'), 409, 'urn:gallery:problem:already_exists'],
    [new ConflictError('version mismatch'), 409, 'urn:gallery:problem:conflict'],
    [new InvalidCursorError(), 400, 'urn:gallery:problem:invalid_cursor'],
    [new ForbiddenError('not yours'), 403, 'urn:gallery:problem:forbidden'],
    [new UnavailableError('throttled'), 503, 'urn:gallery:problem:unavailable'],
    [new MalformedJsonError(), 400, 'urn:gallery:problem:malformed_json'],
    [new UnauthorizedError(), 401, 'urn:gallery:problem:unauthorized'],
    [new PayloadTooLargeError(10), 413, 'urn:gallery:problem:payload_too_large'],
    [new UnsupportedMediaTypeError(), 415, 'urn:gallery:problem:unsupported_media_type'],
    [new TooManyRequestsError(3), 429, 'urn:gallery:problem:too_many_requests'],
  ])('maps %p to %i', (err, status, type) => {
    const { problem, expected } = toProblem(err);

    expect(problem.status).toBe(status);
    expect(problem.type).toBe(type);
    expect(problem.title).toEqual(expect.any(String));
    expect(problem.detail).toEqual(expect.any(String));
    expect(expected).toBe(true);
  });

  it('lists field issues for validation errors only', () => {
    const issues = [{ path: 'body.visibility', message: 'Invalid option' }];

    expect(toProblem(new ValidationError('The request is not valid.', issues)).problem).toEqual({
      type: 'urn:gallery:problem:validation',
      title: 'Validation failed',
      status: 422,
      detail: 'The request is not valid.',
      errors: issues,
    });
    expect(toProblem(new NotFoundError('Album')).problem).not.toHaveProperty('errors');
  });

  it('does not pass on what an unavailable backend said', () => {
    const { problem, headers } = toProblem(
      new UnavailableError('ProvisionedThroughputExceededException on table-x'),
    );

    expect(problem.detail).not.toContain('table-x');
    expect(headers['retry-after']).toBe('1');
  });

  it("maps middy's early timeout (a dependency too slow) to a retryable 503", () => {
    const timeout = Object.assign(
      new Error('[AbortError]: The operation was aborted.', {
        cause: { package: '@middy/core' },
      }),
      { name: 'TimeoutError' },
    );
    const mapped = toProblem(timeout);
    expect(mapped.problem).toMatchObject({ status: 503, type: 'urn:gallery:problem:unavailable' });
    expect(mapped.headers).toEqual({ 'retry-after': '1' });
    expect(mapped.problem.detail).not.toContain('Abort');
    // Any other TimeoutError is not ours to interpret.
    expect(toProblem(Object.assign(new Error('x'), { name: 'TimeoutError' })).problem.status).toBe(500);
  });

  it('asks for a bearer token on 401 and says when to retry on 429', () => {
    expect(toProblem(new UnauthorizedError()).headers).toEqual({ 'www-authenticate': 'Bearer' });
    expect(toProblem(new TooManyRequestsError(7)).headers).toEqual({ 'retry-after': '7' });
    expect(toProblem(new TooManyRequestsError()).headers).toEqual({});
  });

  it.each([
    new Error('connect ECONNREFUSED 10.0.0.12:8000'),
    new TypeError("Cannot read properties of undefined (reading 'pk')"),
    'a thrown string',
    undefined,
  ])('turns the unexpected %p into a generic 500', (err) => {
    const { problem, expected } = toProblem(err);

    expect(expected).toBe(false);
    expect(problem).toEqual({
      type: 'urn:gallery:problem:internal',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred.',
    });
  });
});

describe('problemResponse', () => {
  it('is problem+json with the status, and never cached', () => {
    const response = problemResponse(toProblem(new TooManyRequestsError(2)));

    expect(response.statusCode).toBe(429);
    expect(response.headers).toEqual({
      'content-type': PROBLEM_CONTENT_TYPE,
      'cache-control': 'no-store',
      'retry-after': '2',
    });
    expect(JSON.parse(response.body ?? '')).toMatchObject({
      status: 429,
      type: 'urn:gallery:problem:too_many_requests',
    });
  });
});

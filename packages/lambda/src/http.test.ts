import './testing/verbose';
import { ConflictError, NotFoundError } from '@gallery/core/errors';
import * as z from '@gallery/core/zod';
import { InvalidTokenError, UnauthorizedError } from './errors';
import { bodyByteLength, httpHandler, type RouteHandler, type RouteRequest } from './http';
import type { RouteContract } from './route';
import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';
import { captureStdout, type Captured } from './testing/capture';

// Handlers log through stdout and stderr (at DEBUG in this file: ./testing/verbose): keep test output
// clean and let tests read what was written.
let output: Captured;
beforeEach(() => {
  output = captureStdout();
});
afterEach(() => output.restore());

const params = z.object({ albumId: z.string().check(z.regex(/^[0-9A-Z]{26}$/)) });
const query = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
});
const body = z.object({
  title: z.string().check(z.minLength(1), z.maxLength(100)),
  visibility: z.enum(['public', 'private']),
});

/** A public route with every kind of input. */
const route = {
  operationId: 'echo',
  method: 'POST',
  path: '/v1/albums/{albumId}',
  summary: 'Echo',
  tags: [],
  auth: 'none',
  params,
  query,
  body,
  responses: { 201: { description: 'What was received', schema: z.object({ received: z.unknown() }) } },
  errors: [],
} satisfies RouteContract;

/** A route with no input at all. */
const bare = {
  operationId: 'bare',
  method: 'GET',
  path: '/v1/bare',
  summary: 'Bare',
  tags: [],
  auth: 'none',
  responses: { 200: { description: 'ok' }, 204: { description: 'empty' } },
  errors: [],
} satisfies RouteContract;

const ALBUM_ID = '01JGZ0000000000000000000AA';

const echo: RouteHandler<typeof route> = async (request) => ({
  statusCode: 201,
  body: { received: { params: request.params, query: request.query, body: request.body } },
  headers: { location: `/v1/albums/${request.params.albumId}` },
});

const handler = httpHandler(route, echo, { maxBodyBytes: 1024 });

const problemOf = (response: { headers?: Record<string, unknown>; body?: string }) => {
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  return JSON.parse(response.body ?? '');
};

const post = (overrides: Parameters<typeof httpEvent>[0] = {}) =>
  httpEvent({
    method: 'POST',
    path: `/v1/albums/${ALBUM_ID}`,
    pathParameters: { albumId: ALBUM_ID },
    query: { limit: '5' },
    body: { title: 'Holidays', visibility: 'public' },
    ...overrides,
  });

describe('httpHandler', () => {
  it('passes parsed, validated input to the pure handler and serialises its result', async () => {
    const response = await handler(post(), lambdaContext());

    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      location: `/v1/albums/${ALBUM_ID}`,
    });
    expect(JSON.parse(response.body ?? '')).toEqual({
      received: {
        params: { albumId: ALBUM_ID },
        query: { limit: 5 },
        body: { title: 'Holidays', visibility: 'public' },
      },
    });
  });

  it('applies schema defaults when the query string is absent', async () => {
    const response = await handler(post({ query: undefined }), lambdaContext());

    expect(JSON.parse(response.body ?? '').received.query).toEqual({ limit: 20 });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await handler(post({ body: '{"title": "Holidays",' }), lambdaContext());

    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toEqual({
      type: 'urn:gallery:problem:malformed_json',
      title: 'Malformed JSON',
      status: 400,
      detail: 'The request body is not valid JSON.',
    });
  });

  it('parses base64-encoded bodies', async () => {
    const encoded = Buffer.from(JSON.stringify({ title: 'B64', visibility: 'private' })).toString('base64');
    const response = await handler(post({ body: encoded, isBase64Encoded: true }), lambdaContext());

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body ?? '').received.body).toEqual({ title: 'B64', visibility: 'private' });
  });

  it('answers a body that is not declared as JSON with a 415 problem', async () => {
    const response = await handler(post({ headers: { 'content-type': 'text/plain' } }), lambdaContext());

    expect(response.statusCode).toBe(415);
    expect(problemOf(response).type).toBe('urn:gallery:problem:unsupported_media_type');
  });

  it('answers a malformed path parameter with a 404: it names nothing', async () => {
    const pure = jest.fn(echo);
    const response = await httpHandler(route, pure)(
      post({ pathParameters: { albumId: 'nope' }, body: { title: '' } }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toEqual({
      type: 'urn:gallery:problem:not_found',
      title: 'Not found',
      status: 404,
      detail: 'Resource not found',
    });
    expect(pure).not.toHaveBeenCalled();
  });

  it('answers invalid input with a 422 listing every invalid field', async () => {
    const response = await handler(
      post({
        query: { limit: '1000' },
        body: { title: '', visibility: 'secret', extra: true },
      }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(422);
    const problem = problemOf(response);
    expect(problem).toMatchObject({
      type: 'urn:gallery:problem:validation',
      status: 422,
      title: 'Validation failed',
    });
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.title',
      'body.visibility',
      'query.limit',
    ]);
    expect(problem.errors.every((e: { message: unknown }) => typeof e.message === 'string')).toBe(true);
  });

  it('answers a missing body with a 422 on body', async () => {
    const response = await handler(post({ body: undefined }), lambdaContext());

    expect(response.statusCode).toBe(422);
    expect(problemOf(response).errors).toEqual([{ path: 'body', message: expect.any(String) }]);
  });

  it('answers a too-large body with a 413 problem before parsing it', async () => {
    const pure = jest.fn(echo);
    const small = httpHandler(route, pure, { maxBodyBytes: 64 });
    // Not even valid JSON: the size check must come first.
    const response = await small(post({ body: `{"title":"${'x'.repeat(100)}` }), lambdaContext());

    expect(response.statusCode).toBe(413);
    expect(problemOf(response)).toMatchObject({ type: 'urn:gallery:problem:payload_too_large', status: 413 });
    expect(pure).not.toHaveBeenCalled();
  });

  it('counts the size in bytes, not characters', async () => {
    const small = httpHandler(
      { ...bare, method: 'POST', body: z.object({ title: z.string() }) },
      async () => ({ statusCode: 204 }),
      { maxBodyBytes: 20 },
    );
    // 12 characters of JSON framing + four 4-byte emoji: 20 UTF-16 code units, but 28 bytes.
    const response = await small(httpEvent({ method: 'POST', body: { title: '😀😀😀😀' } }), lambdaContext());

    expect(response.statusCode).toBe(413);
  });

  it('maps domain errors thrown by the pure handler', async () => {
    const failing = httpHandler(bare, async () => {
      throw new NotFoundError('Album');
    });
    const response = await failing(httpEvent(), lambdaContext());

    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toEqual({
      type: 'urn:gallery:problem:not_found',
      title: 'Not found',
      status: 404,
      detail: 'Album not found',
    });
  });

  it('answers an unknown error with a generic 500 and logs it with the request ids, leaking nothing', async () => {
    const secret = 'arn:aws:dynamodb:us-east-1:123456789012:table/gallery-prod';
    const failing = httpHandler(bare, async () => {
      throw new Error(`AccessDeniedException: not authorized on ${secret}`);
    });
    const response = await failing(httpEvent(), lambdaContext({ awsRequestId: 'req-500' }));

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain(secret);
    expect(response.body).not.toContain('AccessDenied');
    expect(response.body).not.toMatch(/\bat .*\.ts:\d+/);
    expect(problemOf(response)).toEqual({
      type: 'urn:gallery:problem:internal',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred.',
    });

    const entry = output.logs().find((e) => e.level === 'ERROR');
    expect(entry).toMatchObject({
      function_request_id: 'req-500',
      correlation_id: 'api-request-id',
      message: 'unhandled error',
      status: 500,
    });
    const error = entry?.error as { message: string; stack: string };
    expect(error.message).toContain(secret);
    expect(error.stack).toEqual(expect.any(String));
  });

  it('answers 204 without a body or content type', async () => {
    const empty = httpHandler(bare, async () => ({ statusCode: 204 }));
    const response = await empty(httpEvent({ method: 'DELETE' }), lambdaContext());

    expect(response).toEqual({ statusCode: 204, headers: {} });
  });

  describe('authentication seam', () => {
    const jwtRoute = { ...route, auth: 'jwt' } satisfies RouteContract;
    const jwtBare = { ...bare, auth: 'jwt' } satisfies RouteContract;

    it('passes the principal the authenticator returns', async () => {
      let seen: RouteRequest<typeof jwtBare> | undefined;
      const authed = httpHandler(
        jwtBare,
        async (request) => {
          seen = request;
          return { statusCode: 200 };
        },
        { authenticate: async () => ({ userId: 'u1', claims: { sub: 'u1' } }) },
      );
      const response = await authed(httpEvent(), lambdaContext({ awsRequestId: 'req-auth' }));

      expect(response.statusCode).toBe(200);
      expect(seen?.principal).toEqual({ userId: 'u1', claims: { sub: 'u1' } });
      expect(seen?.requestId).toBe('api-request-id');
    });

    it.each([
      ['no token', new InvalidTokenError(true), 'Bearer'],
      ['a token that fails verification', new InvalidTokenError(), 'Bearer error="invalid_token"'],
    ])(
      "answers %s as API Gateway's JWT authorizer does, before looking at the body",
      async (_why, error, challenge) => {
        const pure = jest.fn(async () => ({ statusCode: 204 }));
        const authed = httpHandler(jwtRoute, pure, {
          authenticate: async () => {
            throw error;
          },
        });
        const response = await authed(post({ body: '{broken' }), lambdaContext());

        expect(response).toEqual({
          statusCode: 401,
          headers: {
            'content-type': 'application/json',
            'cache-control': 'no-store',
            'www-authenticate': challenge,
          },
          body: '{"message":"Unauthorized"}',
        });
        expect(pure).not.toHaveBeenCalled();
      },
    );

    it('keeps problem+json for a 401 of the domain (a wrong password)', async () => {
      const failing = httpHandler(bare, async () => {
        throw new UnauthorizedError('Incorrect email or password.');
      });
      const response = await failing(httpEvent(), lambdaContext());

      expect(response.statusCode).toBe(401);
      expect(problemOf(response).type).toBe('urn:gallery:problem:unauthorized');
    });

    it('refuses, when the function loads, a JWT route without an authenticator and a public one with one', () => {
      const authenticate = async () => ({ userId: 'u', claims: {} });
      // The types refuse both too; the casts reach the runtime check.
      expect(() => httpHandler(jwtBare as RouteContract, async () => ({ statusCode: 204 }))).toThrow(
        /needs authenticate/,
      );
      expect(() =>
        httpHandler(bare as RouteContract, async () => ({ statusCode: 204 }), { authenticate } as never),
      ).toThrow(/takes no authenticate/);
    });

    it('exposes the contract it serves', () => {
      expect(handler.route).toBe(route);
    });
  });

  it('maps conflicts to 409', async () => {
    const failing = httpHandler(bare, async () => {
      throw new ConflictError('The album was changed by another request.');
    });

    expect((await failing(httpEvent(), lambdaContext())).statusCode).toBe(409);
  });
});

describe('bodyByteLength', () => {
  it('measures decoded bytes of base64 bodies', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', 'é😀']) {
      const encoded = Buffer.from(text).toString('base64');
      expect(bodyByteLength(encoded, true)).toBe(Buffer.byteLength(text));
    }
  });
});

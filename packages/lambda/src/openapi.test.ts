import * as z from '@gallery/core/zod';
import { atLeastOneOf, statedRule, text, textRule } from '@gallery/core/validation';
import { assertStated, buildOpenApiDocument } from './openapi';
import type { RouteContract } from './route';

const info = { title: 'T', version: '1' };
const base: RouteContract = {
  operationId: 'getThing',
  method: 'GET',
  path: '/v1/things/{thingId}',
  summary: 'A thing',
  tags: ['things'],
  auth: 'jwt',
  params: z.object({ thingId: z.string().check(z.regex(/^[a-z]+$/), z.describe('Thing id')) }),
  query: z.object({
    limit: z._default(z.coerce.number().check(z.int()), 20),
    cursor: z.optional(text({ min: 1, max: 10 })),
  }),
  responses: { 200: { description: 'The thing', schema: z.object({ id: z.string() }) } },
  errors: [],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- operations are checked by assertions
type Doc = { paths: Record<string, Record<string, any>> };

describe('buildOpenApiDocument', () => {
  it('documents parameters, security, the gateway 401 and the problem responses of a route', () => {
    const doc = buildOpenApiDocument(info, [{ routes: [base] }]) as Doc & { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/v1/things/{thingId}']!.get!;
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect(op.parameters).toEqual([
      {
        name: 'thingId',
        in: 'path',
        required: true,
        description: 'Thing id',
        schema: { type: 'string', pattern: '^[a-z]+$' },
      },
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      expect.objectContaining({
        name: 'cursor',
        in: 'query',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 10, pattern: '^[^\\u0000]*$' },
      }),
    ]);
    // 401 and 404 are added: a JWT route can be refused by the authorizer, a path id can name nothing.
    expect(Object.keys(op.responses)).toEqual(['200', '401', '404', '500']);
    expect(op.responses['401'].content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } },
    });
    expect(Object.keys(op.responses['404'].content)).toEqual([
      'application/problem+json',
      'application/json',
    ]);
    expect(op.responses['500'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
  });

  it('converts request bodies as input (before defaults) and responses as output', () => {
    const schema = z.object({ n: z._default(z.number(), 1) });
    const doc = buildOpenApiDocument(info, [
      {
        routes: [
          {
            ...base,
            method: 'POST',
            auth: 'none',
            body: schema,
            responses: { 201: { description: 'ok', schema }, 204: { description: 'empty' } },
          },
        ],
      },
    ]) as Doc;
    const op = doc.paths['/v1/things/{thingId}']!.post!;
    expect(op.security).toEqual([]);
    expect(op.requestBody.content['application/json'].schema.required).toBeUndefined();
    expect(op.responses['201'].content['application/json'].schema.required).toEqual(['n']);
    expect(op.responses['204']).toEqual({ description: 'empty' });
  });

  it('states the rules of statedRule checks: at-least-one-of, text, a second pattern in allOf', () => {
    const body = z
      .strictObject({
        a: z.optional(text({ min: 1, max: 5, notBlank: true, trim: true })),
        b: z.optional(z.string().check(textRule({ max: 9 }), z.regex(/^[0-9]+$/))),
      })
      .check(atLeastOneOf(['a', 'b'], 'give a or b'));
    const doc = buildOpenApiDocument(info, [{ routes: [{ ...base, method: 'PATCH', body }] }]) as Doc;
    const schema = doc.paths['/v1/things/{thingId}']!.patch!.requestBody.content['application/json'].schema;
    expect(schema.anyOf).toEqual([{ required: ['a'] }, { required: ['b'] }]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.a).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 5,
      pattern: expect.stringContaining('[^\\u0000\\t\\n'),
    });
    expect(schema.properties.b).toEqual({
      type: 'string',
      maxLength: 9,
      pattern: '^[0-9]+$',
      allOf: [{ pattern: '^[^\\u0000]*$' }],
    });
  });

  it('gives the paths of a group that lives elsewhere their own servers', () => {
    const servers = [{ url: 'http://auth.example' }];
    const doc = buildOpenApiDocument({ ...info, servers: [{ url: 'http://api.example' }] }, [
      { routes: [base] },
      { routes: [{ ...base, operationId: 'login', path: '/v1/auth/login', params: undefined }], servers },
    ]) as Doc & { servers: unknown };
    expect(doc.servers).toEqual([{ url: 'http://api.example' }]);
    expect(doc.paths['/v1/auth/login']!.servers).toBe(servers);
    expect(doc.paths['/v1/things/{thingId}']!.servers).toBeUndefined();
  });

  it('refuses duplicate routes and path parameters that do not match the schema', () => {
    expect(() => buildOpenApiDocument(info, [{ routes: [base, { ...base, operationId: 'other' }] }])).toThrow(
      /duplicate route/,
    );
    expect(() => buildOpenApiDocument(info, [{ routes: [{ ...base, path: '/v1/things/{id}' }] }])).toThrow(
      /path parameters/,
    );
  });
});

describe('assertStated', () => {
  it.each([
    [
      'a refinement the document cannot state',
      z.string().check(
        z.regex(/^a/),
        z.refine((s) => s !== 'ab'),
      ),
    ],
    ['a check after trimming', z.string().check(z.trim(), z.regex(/^a/))],
    ['a zod string length (UTF-16 units)', z.string().check(z.regex(/^a/), z.maxLength(3))],
    ['regex flags', z.string().check(z.regex(/^a$/i))],
    ['a string open to NUL', z.string()],
    ['a pipe', z.pipe(z.string().check(z.regex(/^a/)), z.string().check(z.regex(/a$/)))],
    ['a string format other than a pattern', z.email()],
  ])('refuses %s', (_why, schema) => {
    expect(() => assertStated(z.object({ field: schema }), 'body')).toThrow(/request schema at body\.field/);
  });

  it('accepts text(), patterns, stated rules, numbers and enums', () => {
    const schema = z.object({
      a: text({ max: 3, trim: true }),
      b: z.string().check(z.regex(/^[0-9]+$/)),
      c: z.string().check(
        z.regex(/^[a-z]+$/),
        statedRule<string>({ not: { const: 'x' } }, () => undefined),
      ),
      d: z._default(z.coerce.number().check(z.int()), 1),
      e: z.optional(z.enum(['x', 'y'])),
      f: z.nullable(z.array(text({ max: 1 }))),
    });
    expect(() => assertStated(schema)).not.toThrow();
  });
});

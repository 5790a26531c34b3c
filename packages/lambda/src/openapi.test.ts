import * as z from '@gallery/core/zod';
import { buildOpenApiDocument, type RouteContract } from './openapi';

const info = { title: 'T', version: '1' };
const base: RouteContract = {
  operationId: 'getThing',
  method: 'GET',
  path: '/v1/things/{thingId}',
  summary: 'A thing',
  tags: ['things'],
  auth: 'jwt',
  params: z.object({ thingId: z.string().check(z.describe('Thing id')) }),
  query: z.object({
    limit: z._default(z.coerce.number().check(z.int()), 20),
    cursor: z.optional(z.string()),
  }),
  responses: { 200: { description: 'The thing', schema: z.object({ id: z.string() }) } },
  errors: [404],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- operations are checked by assertions
type Doc = { paths: Record<string, Record<string, Record<string, any>>> };

describe('buildOpenApiDocument', () => {
  it('documents parameters, security and problem responses of a route', () => {
    const doc = buildOpenApiDocument(info, [base]) as Doc & { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/v1/things/{thingId}']!.get!;
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect(op.parameters).toEqual([
      { name: 'thingId', in: 'path', required: true, description: 'Thing id', schema: { type: 'string' } },
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
    ]);
    expect(Object.keys(op.responses)).toEqual(['200', '401', '404', '500']);
    expect(op.responses['404'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
  });

  it('converts request bodies as input (before defaults) and responses as output', () => {
    const schema = z.object({ n: z._default(z.number(), 1) });
    const doc = buildOpenApiDocument(info, [
      {
        ...base,
        method: 'POST',
        auth: 'none',
        body: schema,
        responses: { 201: { description: 'ok', schema }, 204: { description: 'empty' } },
      },
    ]) as Doc;
    const op = doc.paths['/v1/things/{thingId}']!.post!;
    expect(op.security).toEqual([]);
    expect(op.requestBody.content['application/json'].schema.required).toBeUndefined();
    expect(op.responses['201'].content['application/json'].schema.required).toEqual(['n']);
    expect(op.responses['204']).toEqual({ description: 'empty' });
  });

  it('refuses duplicate routes and path parameters that do not match the schema', () => {
    expect(() => buildOpenApiDocument(info, [base, { ...base, operationId: 'other' }])).toThrow(
      /duplicate route/,
    );
    expect(() => buildOpenApiDocument(info, [{ ...base, path: '/v1/things/{id}' }])).toThrow(
      /path parameters/,
    );
  });
});

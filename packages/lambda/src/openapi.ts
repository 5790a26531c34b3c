// OpenAPI 3.1 from route contracts: the zod schemas a handler validates its path, query and body
// with (and those its responses are built from) are the schemas the document publishes, converted
// with zod 4's `z.toJSONSchema` (JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect).
//
// Request schemas are converted as their *input* type (what a client sends, before coercion and
// defaults), response schemas as their *output* type. Schemas are inlined: no shared `$defs`, so no
// `$ref` ever points at a location that only exists inside one schema.

import * as z from '@gallery/core/zod';
import { PROBLEM_CONTENT_TYPE } from './problem';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseContract {
  description: string;
  /** JSON body; omitted for bodiless responses (204). */
  schema?: z.ZodMiniType;
}

/** Everything a route promises, shared by its handler (validation) and the document. */
export interface RouteContract {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/albums/{albumId}`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** `jwt`: a bearer token from the user pool is required. */
  auth: 'jwt' | 'none';
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /** Success responses by status. */
  responses: Partial<Record<number, ResponseContract>>;
  /** Error statuses the route can answer with (problem+json); 500 is always added. */
  errors: number[];
}

export interface DocumentInfo {
  title: string;
  version: string;
  description?: string;
}

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, or a tampered pagination cursor',
  401: 'No bearer token, or one that failed verification',
  403: 'The resource is visible to the caller but not theirs to change',
  404: 'Unknown, or not visible to the caller',
  409: 'Conflict: stale version, or a state that forbids the change',
  413: 'The request body is too large',
  415: 'The request body is not JSON',
  422: 'Validation failed; `errors` lists each invalid field',
  429: 'Throttled; retry after the Retry-After header',
  500: 'Unexpected error; no detail is given',
  503: 'A backend is temporarily unavailable; retry',
};

/** RFC 9457 problem details, as ./problem.ts writes them. */
export const problemSchema = z.object({
  type: z
    .string()
    .check(z.describe('Stable identifier of the kind of problem, e.g. urn:gallery:problem:not_found')),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.string(),
  errors: z
    .optional(z.array(z.object({ path: z.string(), message: z.string() })))
    .check(z.describe('Field-level validation failures (422 only)')),
});

function toSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'throw',
  }) as JsonSchema;
  // The dialect is the document's (OpenAPI 3.1 defaults to 2020-12); a per-schema $schema is noise.
  delete json.$schema;
  return json;
}

function parameters(location: 'path' | 'query', shape: z.ZodMiniObject | undefined): JsonSchema[] {
  if (!shape) return [];
  const object = toSchema(shape, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: location,
      // Path parameters are always required in OpenAPI.
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

function operation(route: RouteContract): JsonSchema {
  const declared = Object.keys(route.params?.shape ?? {});
  const inPath = pathParameterNames(route.path);
  if (declared.sort().join() !== [...inPath].sort().join()) {
    throw new Error(`${route.operationId}: path parameters ${inPath} do not match the params schema`);
  }
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    if (!response) continue;
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? { content: { 'application/json': { schema: toSchema(response.schema, 'output') } } }
        : {}),
    };
  }
  const errors = [...new Set([...route.errors, ...(route.auth === 'jwt' ? [401] : []), 500])].sort();
  for (const status of errors) {
    responses[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  const params = [...parameters('path', route.params), ...parameters('query', route.query)];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security: route.auth === 'jwt' ? [{ bearerAuth: [] }] : [],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of `routes`. Throws on a duplicate route or mismatched path parameters. */
export function buildOpenApiDocument(info: DocumentInfo, routes: readonly RouteContract[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const operationIds = new Set<string>();
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    const method = route.method.toLowerCase();
    const item = (paths[route.path] ??= {});
    if (item[method]) throw new Error(`duplicate route ${route.method} ${route.path}`);
    if (operationIds.has(route.operationId)) throw new Error(`duplicate operationId ${route.operationId}`);
    operationIds.add(route.operationId);
    item[method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
    },
    paths,
    components: {
      schemas: { Problem: toSchema(problemSchema, 'output') },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An id or access token of the Cognito user pool (from POST /v1/auth/login)',
        },
      },
    },
  };
}

// OpenAPI 3.1 from route contracts: the zod schemas a handler validates its path, query and body
// with (and those its responses are built from) are the schemas the document publishes, converted
// with zod 4's `z.toJSONSchema` (JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect).
//
// Request schemas are converted as their *input* type (what a client sends, before coercion and
// defaults), response schemas as their *output* type. Schemas are inlined: no shared `$defs`, so no
// `$ref` ever points at a location that only exists inside one schema.

import * as z from '@gallery/core/zod';
import { ruleStatement } from '@gallery/core/validation';
import { PROBLEM_CONTENT_TYPE } from './problem';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_WINDOW_SECONDS,
  REPLAYED_HEADER,
  idempotencyKeySchema,
  type RouteContract,
} from './route';

/** What an idempotent route's 409 and 422 also mean. */
const IDEMPOTENCY_ERRORS: Record<number, string> = {
  409: '`idempotency_in_progress`: the first request with this Idempotency-Key is still running; retry after the Retry-After header',
  422: '`idempotency_key_reused`: this Idempotency-Key was already used with other path parameters or another body',
};

function idempotencyKeyParameter(): JsonSchema {
  const { description, ...schema } = toSchema(
    idempotencyKeySchema,
    'input',
    `header.${IDEMPOTENCY_KEY_HEADER}`,
  );
  return { name: 'Idempotency-Key', in: 'header', required: false, description, schema };
}

/** What an idempotent route's description adds, once for all of them. */
function idempotencyNote(): string {
  return (
    `Idempotent with an \`Idempotency-Key\` header: the same key and the same request, by the same caller, ` +
    `within ${IDEMPOTENCY_WINDOW_SECONDS / 3600} h answer the first response again (with \`${REPLAYED_HEADER}: true\`) ` +
    'and create nothing; the same key with other path parameters or another body is a 422 ' +
    '(`idempotency_key_reused`); while the first request is still running, a repeat is a 409 ' +
    '(`idempotency_in_progress`, Retry-After: 1). A failed request does not use up its key. Without the ' +
    'header, every request creates.'
  );
}

export interface ServerObject {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; description?: string }>;
}

export interface DocumentInfo {
  title: string;
  version: string;
  description?: string;
  /** Where the document's routes are served (the first group's, unless a group names its own). */
  servers?: ServerObject[];
}

/** Routes served together; `servers` set on each of their paths when they live elsewhere. */
export interface RouteGroup {
  routes: readonly RouteContract[];
  servers?: ServerObject[];
}

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, or a tampered pagination cursor',
  401: 'No bearer token, or one that failed verification',
  403: 'The resource is visible to the caller but not theirs to change',
  404: 'Unknown, not visible to the caller, or a malformed id in the path',
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

/** What API Gateway itself answers (not problem+json): its JWT authorizer's 401, its 404 for no route. */
export const gatewayMessageSchema = z.object({ message: z.string() });

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
}
interface SchemaDef {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.ZodMiniType>;
  innerType?: z.ZodMiniType;
  element?: z.ZodMiniType;
  options?: z.ZodMiniType[];
}
const defOf = (schema: z.ZodMiniType): SchemaDef => schema._zod.def as unknown as SchemaDef;

function unstated(path: string, why: string): never {
  throw new Error(`request schema at ${path || '(root)'}: ${why}`);
}

/**
 * Refuses a request schema whose rules the document would not state: a refinement without its
 * JSON Schema (statedRule), a check after a normalisation (it sees what the client did not send), a
 * pipe (its second schema is not converted), regex flags, string lengths counted by zod in UTF-16
 * units (JSON Schema counts code points), a string open to NUL and unpaired surrogates (neither
 * the shared `text()` rule nor a pattern).
 */
export function assertStated(schema: z.ZodMiniType, path = ''): void {
  const def = defOf(schema);
  let normalised = false;
  let guarded = false;
  for (const check of def.checks ?? []) {
    const { check: kind, format, pattern } = check._zod.def;
    if (kind === 'overwrite') {
      normalised = true;
      continue;
    }
    if (normalised) unstated(path, 'a check after a normalisation (trim, toLowerCase)');
    if (kind === 'custom') {
      if (!ruleStatement(check))
        unstated(path, 'a refinement without the JSON Schema stating it (statedRule)');
      guarded = true;
    } else if (kind === 'string_format') {
      if (format !== 'regex' || !pattern) unstated(path, `string format ${format}: use a pattern`);
      if (pattern.flags.replace(/[gu]/g, '') !== '') unstated(path, `regex flags /${pattern.flags}`);
      guarded = true;
    } else if (def.type === 'string' && /length/.test(kind)) {
      unstated(path, 'a string length counted in UTF-16 units: use text()');
    }
  }
  switch (def.type) {
    case 'string':
      if (!guarded) unstated(path, 'a string without text() or a pattern');
      return;
    case 'object':
      for (const [key, value] of Object.entries(def.shape ?? {})) assertStated(value, `${path}.${key}`);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
      assertStated(def.innerType as z.ZodMiniType, path);
      return;
    case 'array':
      assertStated(def.element as z.ZodMiniType, `${path}[]`);
      return;
    case 'union':
      for (const option of def.options ?? []) assertStated(option, path);
      return;
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
      return;
    default:
      unstated(path, `${def.type} schemas are not supported in requests`);
  }
}

/** Adds a rule's statement to a converted schema; a second `pattern` joins the first in `allOf`. */
function mergeStatement(target: JsonSchema, statement: JsonSchema): void {
  for (const [key, value] of Object.entries(statement)) {
    if (target[key] === undefined) target[key] = value;
    else if (key === 'pattern')
      target.allOf = [...((target.allOf as JsonSchema[]) ?? []), { pattern: value }];
    else throw new Error(`two rules state ${key} on one schema`);
  }
}

function toSchema(schema: z.ZodMiniType, io: 'input' | 'output', path = ''): JsonSchema {
  if (io === 'input') assertStated(schema, path);
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'throw',
    override: (ctx) => {
      for (const check of defOf(ctx.zodSchema as unknown as z.ZodMiniType).checks ?? []) {
        const statement = ruleStatement(check);
        if (statement) mergeStatement(ctx.jsonSchema as JsonSchema, statement);
      }
    },
  }) as JsonSchema;
  // The dialect is the document's (OpenAPI 3.1 defaults to 2020-12); a per-schema $schema is noise.
  delete json.$schema;
  return json;
}

function parameters(location: 'path' | 'query', shape: z.ZodMiniObject | undefined): JsonSchema[] {
  if (!shape) return [];
  const object = toSchema(shape, 'input', location);
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
      ...(route.idempotent
        ? {
            headers: {
              [REPLAYED_HEADER]: {
                description:
                  'Present (`true`) when this is the stored answer to an earlier request with the same Idempotency-Key',
                schema: { type: 'string', enum: ['true'] },
              },
            },
          }
        : {}),
      ...(response.schema
        ? { content: { 'application/json': { schema: toSchema(response.schema, 'output') } } }
        : {}),
    };
  }
  const errors = new Set([...route.errors, 500]);
  if (route.auth === 'jwt') errors.add(401);
  if (route.params) errors.add(404);
  if (route.idempotent) {
    errors.add(409);
    errors.add(422);
    // The idempotency store throttled or unreachable: nothing was created, retry.
    errors.add(503);
  }
  for (const status of [...errors].sort()) {
    const problem = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
    if (status === 401 && route.auth === 'jwt') {
      responses['401'] = {
        description:
          "No bearer token, or one that failed verification: answered by the HTTP API's JWT authorizer " +
          '(`{"message":"Unauthorized"}`, not problem+json; the function answers the same)',
        headers: {
          'www-authenticate': { description: 'RFC 6750 challenge', schema: { type: 'string' } },
        },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } },
      };
    } else if (status === 404 && route.params) {
      responses['404'] = {
        description: `${ERROR_DESCRIPTIONS[404]}. An empty path segment matches no route: the HTTP API answers \`{"message":"Not Found"}\`.`,
        content: {
          ...problem,
          'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } },
        },
      };
    } else {
      const own = route.errors.includes(status) || status === 500 ? ERROR_DESCRIPTIONS[status] : undefined;
      const idempotent = route.idempotent ? IDEMPOTENCY_ERRORS[status] : undefined;
      const description = own && idempotent ? `${own}; or ${idempotent}` : (own ?? idempotent);
      responses[String(status)] = {
        description: description ?? 'Error',
        ...(status === 409 && route.idempotent
          ? { headers: { 'retry-after': { description: 'Seconds to wait', schema: { type: 'string' } } } }
          : {}),
        content: problem,
      };
    }
  }
  const params = [
    ...parameters('path', route.params),
    ...parameters('query', route.query),
    ...(route.idempotent ? [idempotencyKeyParameter()] : []),
  ];
  const description = [route.description, route.idempotent ? idempotencyNote() : undefined].filter(Boolean);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(description.length > 0 ? { description: description.join('\n\n') } : {}),
    tags: route.tags,
    security: route.auth === 'jwt' ? [{ bearerAuth: [] }] : [],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            // A route whose body is optional (`z.optional(...)`) accepts a request without one.
            required: !(route.body as { safeParse(value: unknown): { success: boolean } }).safeParse(
              undefined,
            ).success,
            content: { 'application/json': { schema: toSchema(route.body, 'input', 'body') } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the route groups. Throws on a duplicate route or operationId, path
 * parameters that do not match the params schema, or a request rule the document would not state.
 */
export function buildOpenApiDocument(info: DocumentInfo, groups: readonly RouteGroup[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  const entries = groups.flatMap((group) => group.routes.map((route) => ({ route, servers: group.servers })));
  for (const { route, servers } of entries.sort((a, b) => a.route.path.localeCompare(b.route.path))) {
    const method = route.method.toLowerCase();
    const item = (paths[route.path] ??= servers ? { servers } : {});
    if (item.servers !== servers) throw new Error(`${route.path} is served by two groups`);
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
    ...(info.servers ? { servers: info.servers } : {}),
    paths,
    components: {
      schemas: {
        Problem: toSchema(problemSchema, 'output'),
        GatewayMessage: toSchema(gatewayMessageSchema, 'output'),
      },
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

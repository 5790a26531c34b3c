// Input validation at the layer boundary. The HTTP layer validates too, but the
// data layer must refuse bad input on its own: nothing is read or written
// unless the input parses.
//
// Every schema here is also what the OpenAPI document states (@gallery/lambda/openapi converts
// them): a rule zod cannot express in JSON Schema is written with `statedRule`, which carries the
// JSON Schema that states it, and the generator refuses any custom check without one.
import * as z from './zod';
import { ValidationError } from './errors';

/** JSON Schema (draft 2020-12) keywords. */
export type JsonSchemaStatement = Record<string, unknown>;

const statements = new WeakMap<object, JsonSchemaStatement>();

/**
 * A check zod's JSON Schema conversion cannot see, with the JSON Schema keywords that state it.
 * `problem` returns why a value breaks the rule (the issue message), or undefined.
 */
export function statedRule<T>(
  statement: JsonSchemaStatement,
  problem: (value: T) => string | undefined,
  path?: PropertyKey[],
): z.core.$ZodCheck<T> {
  const check = z.superRefine<T>((value, ctx) => {
    const message = problem(value);
    if (message !== undefined)
      ctx.addIssue({ code: 'custom', message, input: value, ...(path ? { path } : {}) });
  });
  statements.set(check, statement);
  return check;
}

/** The JSON Schema a check made by `statedRule` carries; undefined for any other check. */
export function ruleStatement(check: unknown): JsonSchemaStatement | undefined {
  return typeof check === 'object' && check !== null ? statements.get(check) : undefined;
}

// What String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), spelled out so
// that JSON Schema validators in other languages (Python's `\s` is another class) read the same.
const TRIMMED = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const NO_NUL = '^[^\\u0000]*$';
const NOT_BLANK = `^[^\\u0000]*[^\\u0000${TRIMMED}][^\\u0000]*$`;

export interface TextOptions {
  /** Bounds in characters (Unicode code points, as JSON Schema counts). */
  min?: number;
  max: number;
  /** Refuse a value of white space only. */
  notBlank?: boolean;
  /** Store the value trimmed (after the checks: what is checked is what the client sent). */
  trim?: boolean;
}

function textProblem(value: string, options: TextOptions): string | undefined {
  let length = 0;
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit === 0) return 'must not contain NUL characters';
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return 'must not contain unpaired surrogates';
      i += 1;
    }
    length += 1;
  }
  const min = options.min ?? 0;
  if (length < min) return min === 1 ? 'must not be empty' : `must be at least ${min} characters long`;
  if (length > options.max) return `must be at most ${options.max} characters long`;
  if (options.notBlank && value.trim() === '') return 'must not be blank';
  return undefined;
}

/**
 * The one schema for text a client sends (bodies, query, auth routes): refuses NUL and unpaired
 * surrogates, which DynamoDB Local stores but DynamoDB may refuse (a 500 on AWS), and counts
 * length in code points, as JSON Schema does (zod's own length checks count UTF-16 units, so an
 * emoji would count twice). Unpaired surrogates are not Unicode text: RFC 7493 (I-JSON) excludes them.
 */
export function text(options: TextOptions) {
  const rule = textRule(options);
  return options.trim ? z.string().check(rule, z.trim()) : z.string().check(rule);
}

/** The check of `text()`, to combine with a pattern: `z.string().check(textRule(…), z.regex(…))`. */
export function textRule(options: TextOptions): z.core.$ZodCheck<string> {
  const statement: JsonSchemaStatement = {
    ...(options.min ? { minLength: options.min } : {}),
    maxLength: options.max,
    pattern: options.notBlank ? NOT_BLANK : NO_NUL,
  };
  return statedRule<string>(statement, (value) => textProblem(value, options));
}

/**
 * An object that must carry at least one of `keys` (an update that changes something). Stated as
 * `anyOf` of `required`, so the document says it too.
 */
export function atLeastOneOf<K extends string>(keys: readonly K[], message: string) {
  return statedRule<Partial<Record<K, unknown>>>(
    { anyOf: keys.map((key) => ({ required: [key] })) },
    (value) => (keys.some((key) => value[key] !== undefined) ? undefined : message),
    [keys[0] as string],
  );
}

export const ulidSchema = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID'));
/** Cognito `sub` (a UUID on AWS); kept generic: 1..128 url-safe characters. */
export const userIdSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(128),
    z.regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "-" and "_"'),
  );
/** A request id (API Gateway's, or a Lambda request id): the correlation id recorded on items. */
export const requestIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9=_.:-]{1,128}$/, 'must be 1-128 letters, digits or "=_.:-"'));
export const HANDLE_PATTERN = /^[a-z0-9_]{3,30}$/;
export const handleSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((h: string) => h.toLowerCase()),
  ),
  z.string().check(z.regex(HANDLE_PATTERN, 'must be 3-30 characters: a-z, 0-9, "_"')),
);
export const versionSchema = z.number().check(z.int(), z.minimum(1));

export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(
      'Invalid input',
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
  return result.data;
}

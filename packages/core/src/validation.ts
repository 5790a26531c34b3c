// Input validation at the layer boundary. The HTTP layer validates too, but the
// data layer must refuse bad input on its own: nothing is read or written
// unless the input parses.
import * as z from './zod';
import { ValidationError } from './errors';

export const ulidSchema = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID'));
/** Cognito `sub` (a UUID on AWS); kept generic: 1..128 url-safe characters. */
export const userIdSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(128),
    z.regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "-" and "_"'),
  );
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

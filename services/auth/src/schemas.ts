// Request bodies of the /v1/auth/* routes (their contracts are in ./contracts.ts). Every rule is one
// the OpenAPI document states: values are checked as sent, and only normalised (lower-cased)
// afterwards.
import * as z from '@gallery/core/zod';
import { displayNameSchema } from '@gallery/core/access/users';
import { HANDLE_PATTERN, statedRule, text, textRule } from '@gallery/core/validation';
import { PASSWORD_POLICY } from './cognito/errors';
import { RESERVED_HANDLES } from './handles';

/** The address form zod's `z.email()` accepts (ASCII, no quoted local parts or IP literals). */
const EMAIL_PATTERN = z.regexes.email;

/** Emails are compared case-insensitively by the pool; sending one canonical form keeps logs tidy. */
export const emailSchema = z
  .string()
  .check(textRule({ max: 254 }), z.regex(EMAIL_PATTERN, 'must be an email address'), z.toLowerCase());

/** The pool's password policy, checked here first so a weak password gets a field-level 422. */
export const newPasswordSchema = z
  .string()
  .check(
    textRule({ min: 12, max: 256 }),
    z.regex(/^(?=[\s\S]*[a-z])(?=[\s\S]*[A-Z])(?=[\s\S]*[0-9])/, PASSWORD_POLICY),
  );

/** Logging in must not reveal the policy or check it: any non-empty password is tried. */
const passwordSchema = text({ min: 1, max: 256 });

/** Handles are chosen in their stored, lower-case form. */
export const handleInputSchema = z.string().check(
  z.regex(HANDLE_PATTERN, 'must be 3-30 characters: a-z, 0-9, "_"'),
  statedRule<string>({ not: { enum: [...RESERVED_HANDLES].sort() } }, (handle) =>
    RESERVED_HANDLES.has(handle) ? 'is reserved' : undefined,
  ),
);

/** Cognito's codes are six digits. */
const codeSchema = z.string().check(z.regex(/^[0-9]{6}$/, 'must be the 6-digit code from the email'));

export const signUpBody = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  handle: handleInputSchema,
  displayName: displayNameSchema,
});
export const confirmBody = z.object({ email: emailSchema, code: codeSchema });
export const loginBody = z.object({ email: emailSchema, password: passwordSchema });
export const refreshBody = z.object({ refreshToken: text({ min: 1, max: 8192 }) });
export const forgotPasswordBody = z.object({ email: emailSchema });
export const resetPasswordBody = z.object({
  email: emailSchema,
  code: codeSchema,
  password: newPasswordSchema,
});

export type SignUpBody = z.output<typeof signUpBody>;
export type ConfirmBody = z.output<typeof confirmBody>;
export type LoginBody = z.output<typeof loginBody>;
export type RefreshBody = z.output<typeof refreshBody>;
export type ForgotPasswordBody = z.output<typeof forgotPasswordBody>;
export type ResetPasswordBody = z.output<typeof resetPasswordBody>;

// Request bodies of the /v1/auth/* routes. Shared by the handlers and their tests.
import * as z from '@gallery/core/zod';
import { HANDLE_PATTERN } from '@gallery/core/validation';
import { PASSWORD_POLICY } from './cognito/errors';
import { RESERVED_HANDLES } from './handles';

/** Emails are compared case-insensitively by the pool; sending one canonical form keeps logs tidy. */
export const emailSchema = z.pipe(
  z.string().check(z.trim(), z.toLowerCase()),
  z.email().check(z.maxLength(254)),
);

/** The pool's password policy, checked here first so a weak password gets a field-level 422. */
export const newPasswordSchema = z.string().check(
  z.maxLength(256),
  z.refine(
    (p: string) => p.length >= 12 && /[a-z]/.test(p) && /[A-Z]/.test(p) && /[0-9]/.test(p),
    PASSWORD_POLICY,
  ),
);

/** Logging in must not reveal the policy or check it: any non-empty password is tried. */
const passwordSchema = z.string().check(z.minLength(1), z.maxLength(256));

export const handleInputSchema = z
  .pipe(
    z.string().check(z.trim(), z.toLowerCase()),
    z.string().check(z.regex(HANDLE_PATTERN, 'must be 3-30 characters: a-z, 0-9, "_"')),
  )
  .check(z.refine((h: string) => !RESERVED_HANDLES.has(h), 'is reserved'));

export const displayNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(80));

/** Cognito's codes are six digits. */
const codeSchema = z.string().check(z.trim(), z.regex(/^\d{6}$/, 'must be the 6-digit code from the email'));

export const signUpBody = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  handle: handleInputSchema,
  displayName: displayNameSchema,
});
export const confirmBody = z.object({ email: emailSchema, code: codeSchema });
export const loginBody = z.object({ email: emailSchema, password: passwordSchema });
export const refreshBody = z.object({ refreshToken: z.string().check(z.minLength(1), z.maxLength(8192)) });
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

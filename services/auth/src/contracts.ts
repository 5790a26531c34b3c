// The /v1/auth/* route contracts: served by this service's own HTTP API (not the api's), with no
// authorizer: the credentials are in the bodies. Each drives its handler's validation and typing,
// its function's httpApi event and its part of docs/openapi.json (see @gallery/lambda/route).
import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';
import {
  confirmBody,
  forgotPasswordBody,
  loginBody,
  refreshBody,
  resetPasswordBody,
  signUpBody,
} from './schemas';

const tags = ['auth'];
const bearer = z.literal('Bearer');

const tokensSchema = z.object({
  idToken: z.string().check(z.describe('Cognito id token (JWT): the bearer token of the api')),
  accessToken: z.string().check(z.describe('Cognito access token (JWT): also accepted by the api')),
  expiresIn: z.number().check(z.int(), z.describe('Seconds until both tokens expire')),
  tokenType: bearer,
});

export const authHealthRoute = {
  operationId: 'authHealth',
  method: 'GET',
  path: '/v1/auth/health',
  summary: 'Liveness of the auth service',
  tags: ['meta'],
  auth: 'none',
  responses: {
    200: {
      description: 'The service is up',
      schema: z.object({ status: z.literal('ok'), service: z.literal('auth') }),
    },
  },
  errors: [],
} satisfies RouteContract;

export const signUpRoute = {
  operationId: 'signUp',
  method: 'POST',
  path: '/v1/auth/signup',
  summary: 'Sign up; a confirmation code is emailed',
  description:
    'The handle is reserved when the account is confirmed. 409 when the email has an account or ' +
    'the handle is taken.',
  tags,
  auth: 'none',
  body: signUpBody,
  responses: {
    201: {
      description: 'The account exists and waits for its confirmation code',
      schema: z.object({
        status: z.enum(['confirmation_required', 'confirmed']),
        delivery: z.optional(
          z.object({
            medium: z.string(),
            destination: z.string().check(z.describe('Where the code went, masked (a***@e***)')),
          }),
        ),
      }),
    },
  },
  errors: [400, 409, 413, 415, 422, 429, 503],
} satisfies RouteContract;

export const confirmSignUpRoute = {
  operationId: 'confirmSignUp',
  method: 'POST',
  path: '/v1/auth/confirm',
  summary: 'Confirm a sign-up with the emailed code; the profile is created',
  description:
    'An unknown email, a wrong, expired or used code and an already confirmed account are the ' +
    'same 400, so the answer never tells whether an email has an account.',
  tags,
  auth: 'none',
  body: confirmBody,
  responses: {
    200: { description: 'Confirmed; log in', schema: z.object({ status: z.literal('confirmed') }) },
  },
  errors: [400, 409, 413, 415, 422, 429, 503],
} satisfies RouteContract;

export const loginRoute = {
  operationId: 'login',
  method: 'POST',
  path: '/v1/auth/login',
  summary: 'Log in with email and password',
  description:
    'A wrong password and an unknown email are the same 401. A confirmed account without a ' +
    'profile (its PostConfirmation trigger failed) gets it here, from what Cognito holds.',
  tags,
  auth: 'none',
  body: loginBody,
  responses: {
    200: {
      description: 'Tokens',
      schema: z.object({
        ...tokensSchema.shape,
        refreshToken: z.string().check(z.describe('For POST /v1/auth/refresh; valid 30 days')),
      }),
    },
  },
  errors: [400, 401, 403, 409, 413, 415, 422, 429, 503],
} satisfies RouteContract;

export const refreshRoute = {
  operationId: 'refresh',
  method: 'POST',
  path: '/v1/auth/refresh',
  summary: 'New id and access tokens for a refresh token',
  tags,
  auth: 'none',
  body: refreshBody,
  responses: { 200: { description: 'Tokens', schema: tokensSchema } },
  errors: [400, 401, 413, 415, 422, 429, 503],
} satisfies RouteContract;

export const forgotPasswordRoute = {
  operationId: 'forgotPassword',
  method: 'POST',
  path: '/v1/auth/forgot-password',
  summary: 'Email a password reset code',
  description: 'The same 202 whether or not the email has an account.',
  tags,
  auth: 'none',
  body: forgotPasswordBody,
  responses: {
    202: {
      description: 'A code was sent if the account exists',
      schema: z.object({ status: z.literal('code_sent'), message: z.string() }),
    },
  },
  errors: [400, 413, 415, 422, 429, 503],
} satisfies RouteContract;

export const resetPasswordRoute = {
  operationId: 'resetPassword',
  method: 'POST',
  path: '/v1/auth/reset-password',
  summary: 'Set a new password with the emailed reset code',
  description:
    'An unknown email and a wrong, expired or used code are the same 400, so the answer never ' +
    'tells whether an email has an account.',
  tags,
  auth: 'none',
  body: resetPasswordBody,
  responses: {
    200: {
      description: 'The password is changed',
      schema: z.object({ status: z.literal('password_reset') }),
    },
  },
  errors: [400, 413, 415, 422, 429, 503],
} satisfies RouteContract;

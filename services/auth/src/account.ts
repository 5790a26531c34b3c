// The account operations behind /v1/auth/*: one Cognito call each, made as the public app client.
// `build*` returns the command input so its shape is unit-testable without a network; errors are
// mapped in ./cognito/errors.ts.
import {
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type ConfirmForgotPasswordCommandInput,
  type ConfirmSignUpCommandInput,
  type ForgotPasswordCommandInput,
  type InitiateAuthCommandInput,
  type SignUpCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient, userPoolClientId } from '@gallery/lambda/cognito';
import { toAuthError, type AuthOperation } from './cognito/errors';
import type {
  ConfirmBody,
  ForgotPasswordBody,
  LoginBody,
  RefreshBody,
  ResetPasswordBody,
  SignUpBody,
} from './schemas';

/** The custom attribute holding the handle (immutable in the pool). */
export const HANDLE_ATTRIBUTE = 'custom:handle';
/** The standard attribute carrying the display name until PostConfirmation copies it to the profile. */
export const DISPLAY_NAME_ATTRIBUTE = 'name';

async function call<T>(operation: AuthOperation, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    throw toAuthError(err, operation);
  }
}

export interface CodeDelivery {
  medium: string;
  /** Masked by Cognito on AWS (`a***@e***`). */
  destination: string;
}

export function buildSignUp(input: SignUpBody): SignUpCommandInput {
  return {
    ClientId: userPoolClientId(),
    Username: input.email,
    Password: input.password,
    UserAttributes: [
      { Name: 'email', Value: input.email },
      { Name: HANDLE_ATTRIBUTE, Value: input.handle },
      { Name: DISPLAY_NAME_ATTRIBUTE, Value: input.displayName },
    ],
  };
}

/** SignUp: PreSignUp vets the handle; a code goes to the email address. */
export async function signUp(input: SignUpBody): Promise<{ confirmed: boolean; delivery?: CodeDelivery }> {
  const output = await call('signUp', () => cognitoClient().send(new SignUpCommand(buildSignUp(input))));
  const details = output.CodeDeliveryDetails;
  return {
    confirmed: output.UserConfirmed === true,
    ...(details?.Destination
      ? { delivery: { medium: details.DeliveryMedium ?? 'EMAIL', destination: details.Destination } }
      : {}),
  };
}

export function buildConfirmSignUp(input: ConfirmBody): ConfirmSignUpCommandInput {
  return { ClientId: userPoolClientId(), Username: input.email, ConfirmationCode: input.code };
}

/** ConfirmSignUp: PostConfirmation creates the profile before this returns. */
export async function confirmSignUp(input: ConfirmBody): Promise<void> {
  await call('confirmSignUp', () =>
    cognitoClient().send(new ConfirmSignUpCommand(buildConfirmSignUp(input))),
  );
}

export interface Tokens {
  idToken: string;
  accessToken: string;
  /** Seconds until the id and access tokens expire. */
  expiresIn: number;
  tokenType: 'Bearer';
}

function tokensOf(result: { IdToken?: string; AccessToken?: string; ExpiresIn?: number }): Tokens {
  if (!result.IdToken || !result.AccessToken) {
    // Only with challenges (MFA, new password), which this pool does not configure.
    throw new Error('Cognito returned no tokens');
  }
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    expiresIn: result.ExpiresIn ?? 3600,
    tokenType: 'Bearer',
  };
}

export function buildLogin(input: LoginBody): InitiateAuthCommandInput {
  return {
    ClientId: userPoolClientId(),
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: input.email, PASSWORD: input.password },
  };
}

export async function logIn(input: LoginBody): Promise<Tokens & { refreshToken: string }> {
  const output = await call('login', () => cognitoClient().send(new InitiateAuthCommand(buildLogin(input))));
  const result = output.AuthenticationResult ?? {};
  const tokens = tokensOf(result);
  if (!result.RefreshToken) throw new Error('Cognito returned no refresh token');
  return { ...tokens, refreshToken: result.RefreshToken };
}

export function buildRefresh(input: RefreshBody): InitiateAuthCommandInput {
  return {
    ClientId: userPoolClientId(),
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: input.refreshToken },
  };
}

/** New id and access tokens; the refresh token stays the same (no rotation on this client). */
export async function refreshTokens(input: RefreshBody): Promise<Tokens> {
  const output = await call('refresh', () =>
    cognitoClient().send(new InitiateAuthCommand(buildRefresh(input))),
  );
  return tokensOf(output.AuthenticationResult ?? {});
}

export function buildForgotPassword(input: ForgotPasswordBody): ForgotPasswordCommandInput {
  return { ClientId: userPoolClientId(), Username: input.email };
}

/**
 * ForgotPassword. Whether the email belongs to an account is not revealed: an unknown or
 * unconfirmed account is answered like a known one (the pool's PreventUserExistenceErrors does the
 * same on AWS; cognito-local does not, hence the check here).
 */
export async function startPasswordReset(input: ForgotPasswordBody): Promise<void> {
  try {
    await cognitoClient().send(new ForgotPasswordCommand(buildForgotPassword(input)));
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (
      name === 'UserNotFoundException' ||
      name === 'NotAuthorizedException' ||
      name === 'InvalidParameterException'
    ) {
      return;
    }
    throw toAuthError(err, 'forgotPassword');
  }
}

export function buildResetPassword(input: ResetPasswordBody): ConfirmForgotPasswordCommandInput {
  return {
    ClientId: userPoolClientId(),
    Username: input.email,
    ConfirmationCode: input.code,
    Password: input.password,
  };
}

/** ConfirmForgotPassword (PostConfirmation fires too, and ignores it: the profile exists). */
export async function resetPassword(input: ResetPasswordBody): Promise<void> {
  await call('resetPassword', () =>
    cognitoClient().send(new ConfirmForgotPasswordCommand(buildResetPassword(input))),
  );
}

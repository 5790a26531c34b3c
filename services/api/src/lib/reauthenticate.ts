// Re-authentication before an account is erased: the caller signs in again with its password
// (InitiateAuth USER_PASSWORD_AUTH as the public app client, no IAM), as the user its verified token
// names. A wrong password changes nothing.
import {
  InitiateAuthCommand,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  TooManyFailedAttemptsException,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
  type InitiateAuthCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { ForbiddenError, UnavailableError } from '@gallery/core/errors';
import { isRetryableError } from '@gallery/core/retry';
import { cognitoClient, userPoolClientId } from '@gallery/lambda/cognito';
import { TooManyRequestsError } from '@gallery/lambda/errors';
import type { Principal } from '@gallery/lambda/http';

/** The Cognito username of a verified token: `username` (access token) or `cognito:username` (id token). */
export function usernameOf(principal: Principal): string {
  const name = principal.claims.username ?? principal.claims['cognito:username'];
  return typeof name === 'string' && name !== '' ? name : principal.userId;
}

export function buildPasswordCheck(username: string, password: string): InitiateAuthCommandInput {
  return {
    ClientId: userPoolClientId(),
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  };
}

/** Resolves when `password` is the account's; ForbiddenError (403) when it is not. */
export async function verifyPassword(username: string, password: string): Promise<void> {
  try {
    await cognitoClient().send(new InitiateAuthCommand(buildPasswordCheck(username, password)));
  } catch (err) {
    if (
      err instanceof NotAuthorizedException ||
      // cognito-local answers a wrong password with this; Cognito with NotAuthorizedException.
      err instanceof InvalidPasswordException ||
      err instanceof UserNotFoundException ||
      err instanceof PasswordResetRequiredException ||
      err instanceof UserNotConfirmedException
    ) {
      throw new ForbiddenError('The password is not correct', { cause: err });
    }
    if (
      err instanceof TooManyRequestsException ||
      err instanceof LimitExceededException ||
      err instanceof TooManyFailedAttemptsException
    ) {
      throw new TooManyRequestsError(undefined, { cause: err });
    }
    if (isRetryableError(err))
      throw new UnavailableError('Sign-in is unavailable, try again', { cause: err });
    throw err;
  }
}

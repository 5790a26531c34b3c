// The one place where Cognito's exceptions become our typed errors (which @gallery/lambda/problem
// turns into HTTP). The SDK's messages are never passed on: every message below is ours, and the
// original exception is kept as `cause` for the logs only.
import {
  AlreadyExistsError,
  ConflictError,
  ForbiddenError,
  UnavailableError,
  ValidationError,
} from '@gallery/core/errors';
import { InvalidCodeError, TooManyRequestsError, UnauthorizedError } from '@gallery/lambda/errors';
import { rejectionReason } from '../triggers/rejection';

/** The auth operations, because one Cognito exception can mean different things in each. */
export type AuthOperation =
  'signUp' | 'confirmSignUp' | 'login' | 'refresh' | 'forgotPassword' | 'resetPassword';

export const PASSWORD_POLICY =
  'must be at least 12 characters long and contain a lower-case letter, an upper-case letter and a digit';

const INVALID = 'The request is not valid.';

/** The account lost its handle to another before it got its profile: it is removed (PostConfirmation, login). */
export const HANDLE_LOST =
  'The handle was claimed by another account before this one was confirmed; sign up again with another handle.';
const WRONG_CREDENTIALS = 'Incorrect email or password.';

/**
 * The one answer to a confirmation or reset code that does not work: unknown email, wrong, expired
 * or used code, account already confirmed. Each tells a different story in Cognito's exceptions,
 * and telling them apart would tell a caller which emails have accounts.
 */
const codeRefused = (cause: Error) => new InvalidCodeError(undefined, { cause });
const CODE_OPERATIONS: ReadonlySet<AuthOperation> = new Set(['confirmSignUp', 'resetPassword']);
const CODE_REFUSALS: ReadonlySet<string> = new Set([
  'CodeMismatchException',
  'ExpiredCodeException',
  'NotAuthorizedException',
  'UserNotFoundException',
  // Cognito's answer to a reset for an account without a verified email.
  'InvalidParameterException',
]);

function nameOf(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

function triggerRejection(err: Error, operation: AuthOperation): Error {
  const cause = { cause: err };
  switch (rejectionReason(err.message)) {
    case 'handle_taken':
      // On confirmation the PostConfirmation trigger lost the race for the handle and removed the
      // account, so the person has to sign up again.
      return operation === 'confirmSignUp'
        ? new ConflictError(HANDLE_LOST, cause)
        : new AlreadyExistsError('Handle', cause);
    case 'handle_malformed':
      return new ValidationError(
        INVALID,
        [{ path: 'body.handle', message: 'must be 3-30 characters: a-z, 0-9, "_"' }],
        cause,
      );
    case 'handle_reserved':
      return new ValidationError(INVALID, [{ path: 'body.handle', message: 'is reserved' }], cause);
    case 'display_name_invalid':
      return new ValidationError(
        INVALID,
        [{ path: 'body.displayName', message: 'must be 1-80 characters' }],
        cause,
      );
    default:
      // A trigger that crashed (e.g. the table was unreachable): nothing the caller did wrong.
      return new UnavailableError('The account service is temporarily unavailable; retry later.', cause);
  }
}

/**
 * Maps an error thrown by a Cognito call made for `operation`. Unknown errors are returned as they
 * are, so the HTTP layer logs them and answers a generic 500.
 */
export function toAuthError(err: unknown, operation: AuthOperation): unknown {
  if (!(err instanceof Error)) return err;
  const cause = { cause: err };
  const name = nameOf(err);
  if (CODE_OPERATIONS.has(operation) && name !== undefined && CODE_REFUSALS.has(name))
    return codeRefused(err);
  switch (name) {
    case 'UsernameExistsException':
      return new AlreadyExistsError('Account', cause);
    case 'UserLambdaValidationException':
      return triggerRejection(err, operation);
    case 'UserNotConfirmedException':
      return new ForbiddenError(
        'The account is not confirmed yet: confirm it with the code sent by email.',
        cause,
      );
    case 'PasswordResetRequiredException':
      return new ForbiddenError('A password reset is required: use forgot-password.', cause);
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      // Deliberately vague: neither says whether the email exists or which part was wrong.
      if (operation === 'login') return new UnauthorizedError(WRONG_CREDENTIALS, cause);
      if (operation === 'refresh')
        return new UnauthorizedError('The refresh token is invalid or expired.', cause);
      return err;
    case 'InvalidPasswordException':
      // cognito-local answers a wrong password with this; Cognito with NotAuthorizedException.
      if (operation === 'login') return new UnauthorizedError(WRONG_CREDENTIALS, cause);
      return new ValidationError(INVALID, [{ path: 'body.password', message: PASSWORD_POLICY }], cause);
    case 'InvalidParameterException':
      return new ValidationError(INVALID, [], cause);
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'TooManyFailedAttemptsException':
      return new TooManyRequestsError(undefined, cause);
    case 'CodeDeliveryFailureException':
      return new UnavailableError('The code could not be sent; retry later.', cause);
    default:
      return err;
  }
}

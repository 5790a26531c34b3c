import { toProblem } from '@gallery/lambda/problem';
import { toAuthError, type AuthOperation } from './errors';

/** An SDK-like exception: its message must never reach a client. */
function sdkError(name: string, message = `secret SDK detail of ${name}`): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

function statusOf(
  err: Error,
  operation: AuthOperation,
): { status: number; detail: string; errors?: unknown } {
  const mapped = toProblem(toAuthError(err, operation));
  return mapped.problem;
}

describe('toAuthError', () => {
  it.each<[string, AuthOperation, number]>([
    ['UsernameExistsException', 'signUp', 409],
    ['UserNotConfirmedException', 'login', 403],
    ['PasswordResetRequiredException', 'login', 403],
    ['NotAuthorizedException', 'login', 401],
    ['UserNotFoundException', 'login', 401],
    ['NotAuthorizedException', 'refresh', 401],
    ['NotAuthorizedException', 'confirmSignUp', 400],
    ['UserNotFoundException', 'resetPassword', 400],
    ['CodeMismatchException', 'confirmSignUp', 400],
    ['ExpiredCodeException', 'resetPassword', 400],
    ['InvalidPasswordException', 'signUp', 422],
    ['InvalidPasswordException', 'resetPassword', 422],
    ['InvalidPasswordException', 'login', 401],
    ['InvalidParameterException', 'signUp', 422],
    ['TooManyRequestsException', 'login', 429],
    ['LimitExceededException', 'forgotPassword', 429],
    ['TooManyFailedAttemptsException', 'confirmSignUp', 429],
    ['CodeDeliveryFailureException', 'signUp', 503],
    ['InternalErrorException', 'login', 500],
  ])('maps %s during %s to %i, without the SDK message', (name, operation, status) => {
    const problem = statusOf(sdkError(name), operation);
    expect(problem.status).toBe(status);
    expect(JSON.stringify(problem)).not.toContain('secret SDK detail');
  });

  it('says the same thing for a wrong password and an unknown email', () => {
    const wrongPassword = statusOf(sdkError('NotAuthorizedException'), 'login');
    const unknownEmail = statusOf(sdkError('UserNotFoundException'), 'login');
    expect(wrongPassword).toEqual(unknownEmail);
    expect(wrongPassword.detail).toBe('Incorrect email or password.');
  });

  it.each<AuthOperation>(['confirmSignUp', 'resetPassword'])(
    'answers %s identically whether the email is unknown or the code wrong, expired or used',
    (operation) => {
      const answers = [
        'UserNotFoundException',
        'NotAuthorizedException',
        'CodeMismatchException',
        'ExpiredCodeException',
        'InvalidParameterException',
      ].map((name) => statusOf(sdkError(name), operation));
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(answers[0]).toEqual({
        type: 'urn:gallery:problem:invalid_code',
        title: 'Invalid code',
        status: 400,
        detail: 'The code is incorrect or has expired; request a new one.',
      });
    },
  );

  it('reads the reason a trigger gave out of UserLambdaValidationException', () => {
    const rejected = (reason: string) =>
      sdkError('UserLambdaValidationException', `PreSignUp failed with error [${reason}].`);
    expect(statusOf(rejected('handle_taken'), 'signUp').status).toBe(409);
    expect(statusOf(rejected('handle_reserved'), 'signUp')).toMatchObject({
      status: 422,
      errors: [{ path: 'body.handle', message: 'is reserved' }],
    });
    expect(statusOf(rejected('handle_malformed'), 'signUp')).toMatchObject({
      status: 422,
      errors: [{ path: 'body.handle' }],
    });
    expect(statusOf(rejected('display_name_invalid'), 'signUp')).toMatchObject({
      status: 422,
      errors: [{ path: 'body.displayName' }],
    });
    // Losing the handle at confirmation: the account is gone, the person must sign up again.
    expect(statusOf(rejected('handle_taken'), 'confirmSignUp')).toMatchObject({
      status: 409,
      detail: expect.stringContaining('sign up again'),
    });
    // A trigger that crashed is our outage, not the caller's mistake.
    expect(
      statusOf(
        sdkError('UserLambdaValidationException', 'PostConfirmation failed with error boom.'),
        'confirmSignUp',
      ).status,
    ).toBe(503);
  });

  it('keeps the Cognito exception as the cause, for the logs', () => {
    const original = sdkError('CodeMismatchException');
    expect((toAuthError(original, 'confirmSignUp') as Error).cause).toBe(original);
  });
});

// PostConfirmation trigger: creates the profile (User + Handle, one transaction through the data
// layer) when a sign-up is confirmed. Cognito also fires it after a password reset
// (PostConfirmation_ConfirmForgotPassword); that one changes nothing.
//
// - A retried invocation (Cognito retries on timeout) finds its own User and Handle and succeeds
//   without writing again: registerUser is idempotent for the same user id.
// - Losing the race for a handle (another account claimed it between this one's sign-up and its
//   confirmation) deletes this Cognito account and fails the confirmation with `handle_taken`, which
//   the confirm route answers with 409: a confirmed account without a profile would be stuck, as
//   the handle cannot be changed in Cognito. The person signs up again with another handle.
// - If this trigger fails otherwise, the account is confirmed all the same: the next login creates
//   the profile (../../registration.ts).
import { AdminDeleteUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { registerUser } from '@gallery/core/access/users';
import { AlreadyExistsError } from '@gallery/core/errors';
import { cognitoTriggerHandler } from '@gallery/lambda/events';
import { logger } from '@gallery/lambda/logger';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import { cognitoClient } from '@gallery/lambda/cognito';
import { registrationOf } from '../../registration';
import { SignUpRejectedError } from '../../triggers/rejection';

export { registrationOf };

export async function postConfirmation(
  event: PostConfirmationTriggerEvent,
): Promise<PostConfirmationTriggerEvent> {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const registration = registrationOf(event.request.userAttributes);
  try {
    const user = await registerUser(registration);
    logger.info('profile created', { userId: user.userId });
    countEvent(BusinessMetric.Confirmations);
    return event;
  } catch (err) {
    if (!(err instanceof AlreadyExistsError && err.entity === 'Handle')) throw err;
    await cognitoClient().send(
      new AdminDeleteUserCommand({ UserPoolId: event.userPoolId, Username: event.userName }),
    );
    logger.warn('handle claimed by another account before confirmation; account removed', {
      userId: registration.userId,
    });
    throw new SignUpRejectedError('handle_taken', { cause: err });
  }
}

export const handler = cognitoTriggerHandler('postConfirmation', postConfirmation);

// PreSignUp trigger: refuses a sign-up whose handle is malformed, reserved or already taken, and one
// without a usable display name. The app client is public, so Cognito's SignUp can be called without
// going through /v1/auth/signup: this is the check that cannot be skipped.
//
// "Taken" here is a read; two people can still both pass it for the same handle before either
// confirms. The PostConfirmation transaction settles that race (see ../postConfirmation).
import type { PreSignUpTriggerEvent } from 'aws-lambda';
import { getUserByHandle } from '@gallery/core/access/users';
import { NotFoundError } from '@gallery/core/errors';
import { cognitoTriggerHandler } from '@gallery/lambda/events';
import { logger } from '@gallery/lambda/logger';
import { DISPLAY_NAME_ATTRIBUTE, HANDLE_ATTRIBUTE } from '../../account';
import { handleProblem } from '../../handles';
import { SignUpRejectedError } from '../../triggers/rejection';

/** The format checks, without any I/O. */
export function vetAttributes(attributes: Record<string, string | undefined>): string {
  const handle = attributes[HANDLE_ATTRIBUTE];
  const problem = handleProblem(handle);
  if (problem === 'malformed') throw new SignUpRejectedError('handle_malformed');
  if (problem === 'reserved') throw new SignUpRejectedError('handle_reserved');
  const displayName = attributes[DISPLAY_NAME_ATTRIBUTE]?.trim();
  if (displayName !== undefined && (displayName.length === 0 || displayName.length > 80)) {
    throw new SignUpRejectedError('display_name_invalid');
  }
  return handle as string;
}

export async function isHandleTaken(handle: string): Promise<boolean> {
  try {
    await getUserByHandle(handle);
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

export async function preSignUp(event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> {
  try {
    const handle = vetAttributes(event.request.userAttributes);
    if (await isHandleTaken(handle)) throw new SignUpRejectedError('handle_taken');
  } catch (err) {
    if (err instanceof SignUpRejectedError) logger.info('sign-up refused', { reason: err.reason });
    throw err;
  }
  // Email verification stays on: the account is confirmed by the emailed code, never automatically.
  return event;
}

export const handler = cognitoTriggerHandler('preSignUp', preSignUp);

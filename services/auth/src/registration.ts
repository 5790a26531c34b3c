// The profile (User + Handle) of a confirmed account, from what Cognito holds for it. The
// PostConfirmation trigger creates it when the account is confirmed. When that invocation fails (the
// table unreachable, a timeout), Cognito has confirmed the account all the same (so does
// cognito-local) and nothing would ever create it: so every login checks for the profile (one
// GetItem) and, when it is missing, creates it here with the same transaction, from the account's
// attributes as Cognito returns them for the new access token (GetUser: no IAM, no admin rights).
import {
  DeleteUserCommand,
  GetUserCommand,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { getUser, registerUser } from '@gallery/core/access/users';
import { AlreadyExistsError, ConflictError, NotFoundError } from '@gallery/core/errors';
import type { Logger } from '@gallery/lambda/logger';
import { DISPLAY_NAME_ATTRIBUTE, HANDLE_ATTRIBUTE } from './account';
import { cognitoClient } from '@gallery/lambda/cognito';
import { HANDLE_LOST } from './cognito/errors';

/** The registration the confirmed attributes describe. The display name defaults to the handle. */
export function registrationOf(attributes: Record<string, string | undefined>) {
  const handle = attributes[HANDLE_ATTRIBUTE] ?? '';
  const displayName = attributes[DISPLAY_NAME_ATTRIBUTE]?.trim() || handle;
  return { userId: attributes.sub ?? '', email: attributes.email ?? '', handle, displayName };
}

/**
 * `sub` of an id token Cognito has just issued to this function (over TLS, in the InitiateAuth
 * answer): read, not verified, because it comes from the issuer itself and not from a client.
 */
export function subjectOf(idToken: string): string {
  const payload = idToken.split('.')[1] ?? '';
  const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new Error('id token without sub');
  return sub;
}

const attributesOf = (list: AttributeType[] | undefined): Record<string, string | undefined> =>
  Object.fromEntries((list ?? []).map((a) => [a.Name ?? '', a.Value]));

/**
 * Makes sure the account that just logged in has its profile. The usual case costs one GetItem.
 * A repair that loses the handle to another account removes this account, as PostConfirmation
 * does, and answers 409: the person signs up again with another handle.
 */
export async function ensureProfile(
  tokens: { idToken: string; accessToken: string },
  log: Logger,
): Promise<void> {
  const userId = subjectOf(tokens.idToken);
  try {
    await getUser(userId);
    return;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  const account = await cognitoClient().send(new GetUserCommand({ AccessToken: tokens.accessToken }));
  const registration = registrationOf({ ...attributesOf(account.UserAttributes), sub: userId });
  try {
    await registerUser(registration);
    log.warn('profile missing after confirmation; created at login', { userId });
  } catch (err) {
    if (!(err instanceof AlreadyExistsError && err.entity === 'Handle')) throw err;
    await cognitoClient().send(new DeleteUserCommand({ AccessToken: tokens.accessToken }));
    log.warn('handle claimed by another account before the profile was created; account removed', { userId });
    throw new ConflictError(HANDLE_LOST, { cause: err });
  }
}

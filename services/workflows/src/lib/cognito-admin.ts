// The erasure's two admin calls on the user pool. Both are idempotent: an account that is already
// gone (a step run again) is not an error.
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '@gallery/lambda/cognito';

function userPoolId(): string {
  const id = process.env.USER_POOL_ID;
  if (!id) throw new Error('USER_POOL_ID is not set');
  return id;
}

async function ignoringMissing(send: () => Promise<unknown>): Promise<'done' | 'missing'> {
  try {
    await send();
    return 'done';
  } catch (err) {
    if (err instanceof UserNotFoundException) return 'missing';
    throw err;
  }
}

/**
 * No new sign-in, no refresh: AdminDisableUser. (On AWS it also revokes the user's access tokens
 * for Cognito's own APIs; the API refuses them through the account block. cognito-local records
 * the flag but still signs a disabled user in: the block covers that too, see the README.)
 */
export function disableLogin(username: string): Promise<'done' | 'missing'> {
  return ignoringMissing(() =>
    cognitoClient().send(new AdminDisableUserCommand({ UserPoolId: userPoolId(), Username: username })),
  );
}

/** The login itself, last: AdminDeleteUser. */
export function deleteLogin(username: string): Promise<'done' | 'missing'> {
  return ignoringMissing(() =>
    cognitoClient().send(new AdminDeleteUserCommand({ UserPoolId: userPoolId(), Username: username })),
  );
}

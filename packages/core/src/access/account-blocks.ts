// Account blocks: the revocation marker every authenticated request checks. Cognito cannot end a
// token that is already issued (its signature stays valid until `exp`, for API Gateway's JWT
// authorizer too), so an account being erased is blocked here, and the token check
// (@gallery/lambda/auth) refuses every token of a blocked account from the next request on.
//
// The marker is a plain item (not an ElectroDB entity) in a partition no entity key can produce,
// keyed by a SHA-256 of the user id: it outlives the erasure by the lifetime of a token (its `ttl`),
// and no item left behind carries the erased user's id. Each function sends one request; `build*`
// returns the request so its shape is testable without a network.
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, type GetCommandInput, type PutCommandInput } from '@aws-sdk/lib-dynamodb';

import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { guarded } from '../transactions';
import { parseInput, userIdSchema } from '../validation';

type Key = Record<string, unknown>;

/** Every marker's partition starts with it (the api's IAM statements name it as a leading key). */
export const ACCOUNT_BLOCK_PREFIX = '$account-block#';

/**
 * How long a marker lasts once the erasure is over: longer than any token the pool issues
 * (60 minutes, services/auth/serverless.yml) lives.
 */
export const BLOCK_RETENTION_SECONDS = 24 * 60 * 60;
/** How long a marker lasts while its erasure may still be running (it is shortened at the end). */
export const BLOCK_RUNNING_SECONDS = 30 * 24 * 60 * 60;

/** The one-way name of a user in the marker's key. */
export function accountSubject(userId: string): string {
  return createHash('sha256').update(parseInput(userIdSchema, userId)).digest('hex');
}

export function accountBlockKey(userId: string): Key {
  return { [keys.table.pk]: `${ACCOUNT_BLOCK_PREFIX}${accountSubject(userId)}`, [keys.table.sk]: 'block' };
}

export function epochSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

/** The Put that blocks an account (no condition: blocking twice is blocking). */
export function buildBlockAccount(userId: string, at = new Date()): PutCommandInput {
  return {
    TableName: tableName(),
    Item: {
      ...accountBlockKey(userId),
      blockedAt: at.toISOString(),
      ttl: epochSeconds(at) + BLOCK_RUNNING_SECONDS,
    },
  };
}

/** block an account: PutItem of its marker. */
export async function blockAccount(userId: string, at = new Date()): Promise<void> {
  await guarded(() => docClient().send(new PutCommand(buildBlockAccount(userId, at))));
}

export function buildIsAccountBlocked(userId: string): GetCommandInput {
  return {
    TableName: tableName(),
    Key: accountBlockKey(userId),
    // Strongly consistent: a token must stop working from the request after the block, not a
    // replica's second later.
    ConsistentRead: true,
    ProjectionExpression: '#pk',
    ExpressionAttributeNames: { '#pk': keys.table.pk },
  };
}

/** is this account blocked: GetItem of its marker (keys only). */
export async function isAccountBlocked(userId: string): Promise<boolean> {
  const output = await guarded(() => docClient().send(new GetCommand(buildIsAccountBlocked(userId))));
  return output.Item !== undefined;
}

// Users and handles. Each function is one DynamoDB request; `build*` returns
// the ElectroDB operation so its request shape is testable with `.params()`.
import { createWriteTransaction } from 'electrodb';
import * as z from '../zod';
import { firstItem, toItem } from '../format';
import { entities, entitiesFor } from '../entities/service';
import type { User } from '../entities/types';
import { AlreadyExistsError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { getItem, queryPage } from '../reads';
import { keys, tableName } from '../table/definition';
import { failedCondition, guarded, runTransaction, type TransactionWriteItem } from '../transactions';
import { accountBlockKey } from './account-blocks';
import { atLeastOneOf, handleSchema, parseInput, text, userIdSchema, versionSchema } from '../validation';

export type { User };

/** Profile fields as clients send them (the HTTP contracts use the same schemas). */
export const displayNameSchema = text({ min: 1, max: 80, notBlank: true, trim: true });
export const bioSchema = text({ max: 500 });
/** An edit must change something. */
export const profileChangeRequired = atLeastOneOf(['displayName', 'bio'], 'give displayName or bio');

export const registerUserInput = z.object({
  userId: userIdSchema,
  email: z.email().check(z.maxLength(254)),
  handle: handleSchema,
  displayName: displayNameSchema,
});
export type RegisterUserInput = z.input<typeof registerUserInput>;

export function buildRegisterUser(input: z.output<typeof registerUserInput>, at = new Date()) {
  const timestamp = at.toISOString();
  const user = {
    userId: input.userId,
    email: input.email,
    handle: input.handle,
    displayName: input.displayName,
    albumCount: 0,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  const transaction = createWriteTransaction(entitiesFor('users', 'handles'), ({ users, handles }) => [
    users.create(user).commit({ response: 'all_old' }),
    handles
      .create({ handle: input.handle, userId: input.userId, createdAt: timestamp })
      .commit({ response: 'all_old' }),
    notBlocked(input.userId),
  ]);
  return { user, transaction };
}

/**
 * The ConditionCheck that the account is not blocked (being erased): a profile written after the
 * erasure deleted it would outlive the account. ElectroDB sends a committed item's params as they
 * are; without ReturnValuesOnConditionCheckFailure there is no old image for it to parse.
 */
function notBlocked(userId: string): TransactionWriteItem {
  const check = {
    ConditionCheck: {
      TableName: tableName(),
      Key: accountBlockKey(userId),
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': keys.table.pk },
    },
  };
  return check as unknown as TransactionWriteItem;
}

/**
 * register: User + Handle in one TransactWriteItems, with a ConditionCheck that the account is not
 * blocked (an erased account cannot get its profile back); the Handle put is
 * conditional on the handle not existing, so exactly one of N racing
 * registrations wins. Idempotent for a retried Cognito PostConfirmation: when
 * both items already exist for the same userId, the existing user is returned
 * (read from the cancellation reasons, ALL_OLD: no extra request).
 */
export async function registerUser(raw: RegisterUserInput): Promise<User> {
  const input = parseInput(registerUserInput, raw);
  const { user, transaction } = buildRegisterUser(input);
  const outcome = await runTransaction(transaction);
  if (outcome.ok) return user;
  const existingUser = outcome.reasons[0]?.item as User | null | undefined;
  const existingHandle = outcome.reasons[1]?.item as { userId?: string } | null | undefined;
  if (failedCondition(outcome.reasons, 2)) throw new ForbiddenError('This account is closed');
  if (failedCondition(outcome.reasons, 1)) {
    if (existingHandle?.userId === input.userId && existingUser) return existingUser;
    throw new AlreadyExistsError('Handle');
  }
  throw new AlreadyExistsError('User');
}

export function buildGetUser(userId: string) {
  return entities().users.get({ userId });
}

/** user by id: GetItem. */
export async function getUser(userId: string): Promise<User> {
  const id = parseInput(userIdSchema, userId);
  const data = toItem<User>('users', await getItem(buildGetUser(id)));
  if (!data) throw new NotFoundError('User');
  return data;
}

export function buildGetUserByHandle(handle: string) {
  return entities().users.query.byHandle({ handle });
}

/** user by handle: one Query on gsi1, limit 1. */
export async function getUserByHandle(handle: string): Promise<User> {
  const h = parseInput(handleSchema, handle);
  const response = await queryPage(buildGetUserByHandle(h), { limit: 1, startKey: undefined });
  const user = firstItem<User>('users', response);
  if (!user) throw new NotFoundError('User');
  return user;
}

export const updateUserInput = z
  .object({
    userId: userIdSchema,
    expectedVersion: z.optional(versionSchema),
    displayName: z.optional(displayNameSchema),
    bio: z.optional(bioSchema),
  })
  .check(profileChangeRequired);
export type UpdateUserInput = z.input<typeof updateUserInput>;

export function buildUpdateUser(input: z.output<typeof updateUserInput>) {
  const changes: { displayName?: string; bio?: string } = {};
  if (input.displayName !== undefined) changes.displayName = input.displayName;
  if (input.bio !== undefined) changes.bio = input.bio;
  const op = entities().users.patch({ userId: input.userId }).set(changes).add({ version: 1 });
  const expected = input.expectedVersion;
  return expected === undefined ? op : op.where(({ version }, { eq }) => eq(version, expected));
}

/** edit own profile: UpdateItem (item must exist; optional optimistic version). */
export async function updateUser(raw: UpdateUserInput): Promise<User> {
  const input = parseInput(updateUserInput, raw);
  const result = await guarded(() =>
    buildUpdateUser(input).go({ response: 'all_new', returnOnConditionCheckFailure: 'all_old' }),
  );
  if (!result.rejected) return result.data as User;
  if (!result.data) throw new NotFoundError('User');
  throw new ConflictError('The profile was changed by another request');
}

export function buildDeleteProfile(userId: string, handle: string) {
  return createWriteTransaction(entitiesFor('users', 'handles'), ({ users, handles }) => [
    users.delete({ userId }).commit(),
    // Only this user's reservation: a handle someone else holds is never released here.
    handles
      .delete({ handle })
      .where((attr, { eq, notExists }) => `${notExists(attr.userId)} OR ${eq(attr.userId, userId)}`)
      .commit(),
  ]);
}

/**
 * delete a profile (account erasure): User + its Handle in one TransactWriteItems, so the handle is
 * free from the moment the profile is gone. Deleting a profile that is already gone succeeds.
 */
export async function deleteProfile(userId: string, handle: string): Promise<void> {
  const id = parseInput(userIdSchema, userId);
  const h = parseInput(handleSchema, handle);
  const outcome = await runTransaction(buildDeleteProfile(id, h));
  if (!outcome.ok) throw new ConflictError('The handle belongs to another account');
}

export function buildGetHandle(handle: string) {
  return entities().handles.get({ handle });
}

/** who holds a handle: GetItem of its reservation; null when it is free. */
export async function getHandleOwner(handle: string): Promise<string | null> {
  const h = parseInput(handleSchema, handle);
  const { data } = await getItem(buildGetHandle(h), { consistent: true });
  const item = (data as { Item?: { userId?: unknown } }).Item;
  return typeof item?.userId === 'string' ? item.userId : null;
}

export function buildGetHandles(userIds: readonly string[]) {
  return entities().users.get(userIds.map((userId) => ({ userId })));
}

/**
 * handles of users by id: BatchGetItem of their User items (handle and id only; up to 100 ids a
 * request). Users that do not exist are absent from the map; keys DynamoDB leaves unprocessed are
 * absent too (a caller that only names people can do without them).
 */
export async function getHandles(userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.map((id) => parseInput(userIdSchema, id)))];
  if (ids.length === 0) return new Map();
  const { data } = await guarded(() => buildGetHandles(ids).go({ attributes: ['userId', 'handle'] }));
  return new Map(data.map((user) => [user.userId, user.handle]));
}

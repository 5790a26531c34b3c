// Erasure records: one per account erasure, what its status URL shows (step, counts, failure) and
// what the workflow's steps write as they go. A plain item (not an ElectroDB entity) in a partition
// of its own, keyed by the erasure's unguessable id, because the status is read without the
// caller's tokens (they stop working when the erasure starts). The user's id is on the record only
// while the erasure runs; completing it removes it, so the status outlives the account without
// naming it. Each function sends one request; `build*` returns it so its shape is testable without
// a network.
import { randomBytes } from 'node:crypto';
import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type GetCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';

import { docClient } from '../client';
import { NotFoundError } from '../errors';
import { keys, tableName } from '../table/definition';
import { guarded } from '../transactions';
import { parseInput, userIdSchema } from '../validation';
import { BLOCK_RETENTION_SECONDS, accountBlockKey, buildBlockAccount, epochSeconds } from './account-blocks';

type Key = Record<string, unknown>;

const ERASURE_PREFIX = '$erasure#';
/** How long the status stays readable after the erasure ends (and before it, at most). */
export const ERASURE_STATUS_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** 32 random bytes, base64url: the status URL is the only secret that reads it. */
export const erasureIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'must be an erasure id'));

export function newErasureId(): string {
  return randomBytes(32).toString('base64url');
}

/** Cognito usernames (the `username` claim): what AdminDisableUser and AdminDeleteUser take. */
export const usernameSchema = z.string().check(z.minLength(1), z.maxLength(128));

export const ERASURE_STEPS = [
  'requested',
  'blocking',
  'waiting-for-uploads',
  'reactions',
  'photos',
  'albums',
  'objects',
  'profile',
  'login',
  'verifying',
  'completed',
] as const;
export type ErasureStep = (typeof ERASURE_STEPS)[number];

export const ERASURE_COUNTERS = [
  'photos',
  'photosTotal',
  'reactionsOnPhotos',
  'albums',
  'albumsTotal',
  'shareLinks',
  'likes',
  'comments',
  'objects',
  'exports',
  'activity',
] as const;
export type ErasureCounter = (typeof ERASURE_COUNTERS)[number];
export type ErasureProgress = Record<ErasureCounter, number>;

export type ErasureStatus = 'running' | 'failed' | 'completed';

export interface Erasure {
  erasureId: string;
  status: ErasureStatus;
  step: ErasureStep;
  progress: ErasureProgress;
  /** Executions started for it (a failed erasure is run again). */
  attempts: number;
  failure?: { error: string; cause: string };
  requestedAt: string;
  updatedAt: string;
  finishedAt?: string;
}

function erasureKey(erasureId: string): Key {
  return {
    [keys.table.pk]: `${ERASURE_PREFIX}${parseInput(erasureIdSchema, erasureId)}`,
    [keys.table.sk]: 'erasure',
  };
}

const exists = { ConditionExpression: 'attribute_exists(#pk)' };
const pkName = { '#pk': keys.table.pk };

export const requestErasureInput = z.object({
  erasureId: erasureIdSchema,
  userId: userIdSchema,
  username: usernameSchema,
});
export type RequestErasureInput = z.input<typeof requestErasureInput>;

function zeroProgress(): ErasureProgress {
  return Object.fromEntries(ERASURE_COUNTERS.map((name) => [name, 0])) as ErasureProgress;
}

/** Block the account and open the erasure's record, in one transaction. */
export function buildRequestErasure(raw: RequestErasureInput, at = new Date()): TransactWriteCommandInput {
  const input = parseInput(requestErasureInput, raw);
  const timestamp = at.toISOString();
  return {
    TransactItems: [
      { Put: buildBlockAccount(input.userId, at) },
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...erasureKey(input.erasureId),
            erasureId: input.erasureId,
            userId: input.userId,
            username: input.username,
            status: 'running',
            step: 'requested',
            progress: zeroProgress(),
            // Each execution counts itself in when it starts (resumeErasure).
            attempts: 0,
            requestedAt: timestamp,
            updatedAt: timestamp,
            ttl: epochSeconds(at) + ERASURE_STATUS_RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: pkName,
        },
      },
    ],
  };
}

/**
 * request an erasure: account block + erasure record, one TransactWriteItems. From this write on,
 * the account's tokens are refused.
 */
export async function requestErasure(raw: RequestErasureInput, at = new Date()): Promise<void> {
  await guarded(() => docClient().send(new TransactWriteCommand(buildRequestErasure(raw, at))));
}

export function buildWithdrawErasure(erasureId: string, userId: string): TransactWriteCommandInput {
  const user = parseInput(userIdSchema, userId);
  return {
    TransactItems: [
      { Delete: { TableName: tableName(), Key: accountBlockKey(user) } },
      { Delete: { TableName: tableName(), Key: erasureKey(erasureId) } },
    ],
  };
}

/**
 * withdraw an erasure that could not be started (the workflow refused it): the block and the record
 * go, in one TransactWriteItems, so the account works again and the caller can retry.
 */
export async function withdrawErasure(erasureId: string, userId: string): Promise<void> {
  await guarded(() => docClient().send(new TransactWriteCommand(buildWithdrawErasure(erasureId, userId))));
}

export function buildGetErasure(erasureId: string): GetCommandInput {
  return { TableName: tableName(), Key: erasureKey(erasureId), ConsistentRead: true };
}

const storedErasure = z.object({
  erasureId: erasureIdSchema,
  userId: z.optional(z.string()),
  username: z.optional(z.string()),
  status: z.enum(['running', 'failed', 'completed']),
  step: z.enum(ERASURE_STEPS),
  progress: z.record(z.string(), z.number()),
  attempts: z.number(),
  failure: z.optional(z.object({ error: z.string(), cause: z.string() })),
  requestedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.optional(z.string()),
});

function toErasure(item: Record<string, unknown>): Erasure & { userId?: string; username?: string } {
  const stored = storedErasure.parse(item);
  return { ...stored, progress: { ...zeroProgress(), ...stored.progress } };
}

/** erasure by id: GetItem (strongly consistent). The user's id and name stay out of the result. */
export async function getErasure(erasureId: string): Promise<Erasure> {
  const id = parseInput(erasureIdSchema, erasureId);
  const output = await guarded(() => docClient().send(new GetCommand(buildGetErasure(id))));
  if (!output.Item) throw new NotFoundError('Erasure');
  const { userId: _userId, username: _username, ...erasure } = toErasure(output.Item);
  return erasure;
}

/** The account an erasure is for, while it runs (the workflow's steps read it); null once completed. */
export async function getErasureSubject(
  erasureId: string,
): Promise<{ userId: string; username: string } | null> {
  const output = await guarded(() => docClient().send(new GetCommand(buildGetErasure(erasureId))));
  if (!output.Item) throw new NotFoundError('Erasure');
  const erasure = toErasure(output.Item);
  return erasure.userId && erasure.username ? { userId: erasure.userId, username: erasure.username } : null;
}

/**
 * The step an erasure is at and the counters it has reached. Counters are absolute (SET, not ADD),
 * so a step that runs again writes the same numbers instead of counting twice.
 */
export function buildRecordErasureProgress(
  erasureId: string,
  step: ErasureStep,
  counters: Partial<ErasureProgress> = {},
  at = new Date(),
): UpdateCommandInput {
  const names: Record<string, string> = { ...pkName, '#step': 'step', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':step': step, ':at': at.toISOString() };
  const sets = ['#step = :step', '#updatedAt = :at'];
  for (const [name, value] of Object.entries(counters)) {
    if (!(ERASURE_COUNTERS as readonly string[]).includes(name)) throw new RangeError(`no counter ${name}`);
    names['#progress'] = 'progress';
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#progress.#${name} = :${name}`);
  }
  return {
    TableName: tableName(),
    Key: erasureKey(erasureId),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ...exists,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** record an erasure's step and counters: UpdateItem. */
export async function recordErasureProgress(
  erasureId: string,
  step: ErasureStep,
  counters: Partial<ErasureProgress> = {},
  at = new Date(),
): Promise<void> {
  await guarded(() =>
    docClient().send(new UpdateCommand(buildRecordErasureProgress(erasureId, step, counters, at))),
  );
}

export function buildRecordErasureFailure(
  erasureId: string,
  failure: { error: string; cause: string },
  at = new Date(),
): UpdateCommandInput {
  return {
    TableName: tableName(),
    Key: erasureKey(erasureId),
    UpdateExpression: 'SET #status = :failed, #failure = :failure, #updatedAt = :at',
    // A completed erasure stays completed, whatever a late execution of it reports.
    ConditionExpression: 'attribute_exists(#pk) AND #status <> :completed',
    ExpressionAttributeNames: {
      ...pkName,
      '#status': 'status',
      '#failure': 'failure',
      '#updatedAt': 'updatedAt',
    },
    ExpressionAttributeValues: {
      ':failed': 'failed',
      ':completed': 'completed',
      // A cause can be long (a stack, a nested error): the record keeps what fits a status page.
      ':failure': { error: failure.error.slice(0, 200), cause: failure.cause.slice(0, 2000) },
      ':at': at.toISOString(),
    },
  };
}

/**
 * record why an erasure failed: UpdateItem (status `failed`, error and cause). False when the
 * erasure had completed (a late execution of it failed): the record keeps saying completed.
 */
export async function recordErasureFailure(
  erasureId: string,
  failure: { error: string; cause: string },
  at = new Date(),
): Promise<boolean> {
  try {
    await guarded(() =>
      docClient().send(new UpdateCommand(buildRecordErasureFailure(erasureId, failure, at))),
    );
    return true;
  } catch (err) {
    if (failedConditionError(err)) return false;
    throw err;
  }
}

function failedConditionError(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

export function buildResumeErasure(erasureId: string, at = new Date()): UpdateCommandInput {
  return {
    TableName: tableName(),
    Key: erasureKey(erasureId),
    UpdateExpression: 'SET #status = :running, #updatedAt = :at ADD #attempts :one REMOVE #failure',
    ConditionExpression: 'attribute_exists(#pk) AND #status <> :completed',
    ExpressionAttributeNames: {
      ...pkName,
      '#status': 'status',
      '#updatedAt': 'updatedAt',
      '#attempts': 'attempts',
      '#failure': 'failure',
    },
    ExpressionAttributeValues: {
      ':running': 'running',
      ':completed': 'completed',
      ':one': 1,
      ':at': at.toISOString(),
    },
  };
}

/**
 * an execution starts on an erasure: UpdateItem (running, one more attempt, no failure), refused
 * once it has completed. False when it had completed (nothing is left to do).
 */
export async function resumeErasure(erasureId: string, at = new Date()): Promise<boolean> {
  try {
    await guarded(() => docClient().send(new UpdateCommand(buildResumeErasure(erasureId, at))));
    return true;
  } catch (err) {
    if (failedConditionError(err)) return false;
    throw err;
  }
}

export function buildCompleteErasure(
  erasureId: string,
  userId: string,
  at = new Date(),
): TransactWriteCommandInput {
  const user = parseInput(userIdSchema, userId);
  return {
    TransactItems: [
      {
        Update: {
          TableName: tableName(),
          Key: erasureKey(erasureId),
          UpdateExpression:
            'SET #status = :completed, #step = :completed, #finishedAt = :at, #updatedAt = :at, #ttl = :ttl REMOVE #userId, #username, #failure',
          ...exists,
          ExpressionAttributeNames: {
            ...pkName,
            '#status': 'status',
            '#step': 'step',
            '#finishedAt': 'finishedAt',
            '#updatedAt': 'updatedAt',
            '#ttl': 'ttl',
            '#userId': 'userId',
            '#username': 'username',
            '#failure': 'failure',
          },
          ExpressionAttributeValues: {
            ':completed': 'completed',
            ':at': at.toISOString(),
            ':ttl': epochSeconds(at) + ERASURE_STATUS_RETENTION_SECONDS,
          },
        },
      },
      {
        // The block stays until every token issued before it has expired, then goes by TTL.
        Update: {
          TableName: tableName(),
          Key: accountBlockKey(user),
          UpdateExpression: 'SET #ttl = :ttl',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':ttl': epochSeconds(at) + BLOCK_RETENTION_SECONDS },
        },
      },
    ],
  };
}

/**
 * complete an erasure: its record says so and forgets the user's id, and the account block is
 * shortened to the lifetime of a token, one TransactWriteItems.
 */
export async function completeErasure(erasureId: string, userId: string, at = new Date()): Promise<void> {
  await guarded(() =>
    docClient().send(new TransactWriteCommand(buildCompleteErasure(erasureId, userId, at))),
  );
}

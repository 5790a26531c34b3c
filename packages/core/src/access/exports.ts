// Data exports: one record per archive a user asked for, in the user's own export partition (so
// another user's id reads nothing). A plain item (not an ElectroDB entity) in a partition no entity
// key can produce; it expires with its archive (TTL, and the media bucket's lifecycle rule on
// exports/). Each function sends one request; `build*` returns it so its shape is testable without
// a network.
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type GetCommandInput,
  type PutCommandInput,
  type QueryCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import * as z from '../zod';

import { docClient } from '../client';
import { NotFoundError } from '../errors';
import { keys, tableName } from '../table/definition';
import { guarded } from '../transactions';
import { parseInput, ulidSchema, userIdSchema } from '../validation';
import { epochSeconds } from './account-blocks';

type Key = Record<string, unknown>;

const EXPORT_PREFIX = '$export#';
/** An archive can be downloaded for this long after it is ready (the bucket's lifecycle rule: 7 days). */
export const EXPORT_RETENTION_DAYS = 7;
/** A record whose workflow never finished goes after this long. */
const PENDING_RETENTION_SECONDS = 2 * 24 * 60 * 60;

export type ExportStatus = 'running' | 'ready' | 'failed';

export interface ExportCounts {
  albums: number;
  photos: number;
  originals: number;
  comments: number;
  likes: number;
}

export interface DataExport {
  exportId: string;
  userId: string;
  status: ExportStatus;
  requestedAt: string;
  updatedAt: string;
  objectKey?: string;
  bytes?: number;
  counts?: ExportCounts;
  /** When the archive (and this record) expire; set once ready. */
  expiresAt?: string;
  failure?: { error: string; cause: string };
}

/** Exports are named by a ULID: a user's exports sort by when they were asked for. */
export function newExportId(at = new Date()): string {
  return ulid(at.getTime());
}

export function exportPartition(userId: string): string {
  return `${EXPORT_PREFIX}${parseInput(userIdSchema, userId)}`;
}

function exportKey(userId: string, exportId: string): Key {
  return { [keys.table.pk]: exportPartition(userId), [keys.table.sk]: parseInput(ulidSchema, exportId) };
}

const pkName = { '#pk': keys.table.pk };

export function buildCreateExport(userId: string, exportId: string, at = new Date()): PutCommandInput {
  const timestamp = at.toISOString();
  return {
    TableName: tableName(),
    Item: {
      ...exportKey(userId, exportId),
      exportId,
      userId,
      status: 'running',
      requestedAt: timestamp,
      updatedAt: timestamp,
      ttl: epochSeconds(at) + PENDING_RETENTION_SECONDS,
    },
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: pkName,
  };
}

/** open an export: PutItem of its record (status `running`). */
export async function createExport(userId: string, exportId: string, at = new Date()): Promise<void> {
  await guarded(() => docClient().send(new PutCommand(buildCreateExport(userId, exportId, at))));
}

export function buildGetExport(userId: string, exportId: string): GetCommandInput {
  return { TableName: tableName(), Key: exportKey(userId, exportId), ConsistentRead: true };
}

const storedExport = z.object({
  exportId: z.string(),
  userId: z.string(),
  status: z.enum(['running', 'ready', 'failed']),
  requestedAt: z.string(),
  updatedAt: z.string(),
  objectKey: z.optional(z.string()),
  bytes: z.optional(z.number()),
  counts: z.optional(
    z.object({
      albums: z.number(),
      photos: z.number(),
      originals: z.number(),
      comments: z.number(),
      likes: z.number(),
    }),
  ),
  expiresAt: z.optional(z.string()),
  failure: z.optional(z.object({ error: z.string(), cause: z.string() })),
});

/**
 * one of a user's exports: GetItem in that user's partition, so another user's export is NotFound.
 * An expired one is NotFound too (TTL deletion is lazy).
 */
export async function getExport(userId: string, exportId: string, now = new Date()): Promise<DataExport> {
  const output = await guarded(() => docClient().send(new GetCommand(buildGetExport(userId, exportId))));
  if (!output.Item) throw new NotFoundError('Export');
  const record = storedExport.parse(output.Item);
  if (record.expiresAt && Date.parse(record.expiresAt) <= now.getTime()) throw new NotFoundError('Export');
  return record;
}

export function buildCompleteExport(
  userId: string,
  exportId: string,
  archive: { objectKey: string; bytes: number; counts: ExportCounts },
  at = new Date(),
): UpdateCommandInput {
  const expires = new Date(at.getTime() + EXPORT_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  return {
    TableName: tableName(),
    Key: exportKey(userId, exportId),
    UpdateExpression:
      'SET #status = :ready, #objectKey = :key, #bytes = :bytes, #counts = :counts, #expiresAt = :expiresAt, #ttl = :ttl, #updatedAt = :at',
    ConditionExpression: 'attribute_exists(#pk)',
    ExpressionAttributeNames: {
      ...pkName,
      '#status': 'status',
      '#objectKey': 'objectKey',
      '#bytes': 'bytes',
      '#counts': 'counts',
      '#expiresAt': 'expiresAt',
      '#ttl': 'ttl',
      '#updatedAt': 'updatedAt',
    },
    ExpressionAttributeValues: {
      ':ready': 'ready',
      ':key': archive.objectKey,
      ':bytes': archive.bytes,
      ':counts': archive.counts,
      ':expiresAt': expires.toISOString(),
      ':ttl': epochSeconds(expires),
      ':at': at.toISOString(),
    },
  };
}

/** an export's archive is written: UpdateItem (status `ready`, where, how big, until when). */
export async function completeExport(
  userId: string,
  exportId: string,
  archive: { objectKey: string; bytes: number; counts: ExportCounts },
  at = new Date(),
): Promise<void> {
  await guarded(() =>
    docClient().send(new UpdateCommand(buildCompleteExport(userId, exportId, archive, at))),
  );
}

export function buildFailExport(
  userId: string,
  exportId: string,
  failure: { error: string; cause: string },
  at = new Date(),
): UpdateCommandInput {
  return {
    TableName: tableName(),
    Key: exportKey(userId, exportId),
    UpdateExpression: 'SET #status = :failed, #failure = :failure, #updatedAt = :at',
    ConditionExpression: 'attribute_exists(#pk)',
    ExpressionAttributeNames: {
      ...pkName,
      '#status': 'status',
      '#failure': 'failure',
      '#updatedAt': 'updatedAt',
    },
    ExpressionAttributeValues: {
      ':failed': 'failed',
      ':failure': { error: failure.error.slice(0, 200), cause: failure.cause.slice(0, 2000) },
      ':at': at.toISOString(),
    },
  };
}

/** an export failed: UpdateItem (status `failed`, error and cause). */
export async function failExport(
  userId: string,
  exportId: string,
  failure: { error: string; cause: string },
  at = new Date(),
): Promise<void> {
  await guarded(() => docClient().send(new UpdateCommand(buildFailExport(userId, exportId, failure, at))));
}

export function buildListExportKeys(userId: string, startKey?: Key): QueryCommandInput {
  return {
    TableName: tableName(),
    KeyConditionExpression: '#pk = :pk',
    ProjectionExpression: '#pk, #sk',
    ExpressionAttributeNames: { ...pkName, '#sk': keys.table.sk },
    ExpressionAttributeValues: { ':pk': exportPartition(userId) },
    ConsistentRead: true,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

/** the keys of a user's export records, one Query page (account erasure deletes them). */
export async function listExportKeys(
  userId: string,
  startKey?: Key,
): Promise<{ keys: Key[]; nextKey: Key | undefined }> {
  const output = await guarded(() =>
    docClient().send(new QueryCommand(buildListExportKeys(userId, startKey))),
  );
  return { keys: output.Items ?? [], nextKey: output.LastEvaluatedKey };
}

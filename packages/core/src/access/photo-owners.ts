// Which photos exist, and whose (the scheduler's orphan-object sweep): one BatchGetItem of photo
// keys. `build*` returns the request so its shape is testable without a network.
import { BatchGetCommand, type BatchGetCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';

import { docClient } from '../client';
import { entities } from '../entities/service';
import type { Photo } from '../entities/types';
import { keys, tableName } from '../table/definition';
import { guarded } from '../transactions';
import { parseInput, ulidSchema } from '../validation';

type Key = Record<string, unknown>;

/** The most keys one BatchGetItem takes. */
export const BATCH_GET_LIMIT = 100;

export function buildGetPhotoOwners(photoIds: string[]): BatchGetCommandInput {
  const ids = parseInput(z.array(ulidSchema).check(z.minLength(1), z.maxLength(BATCH_GET_LIMIT)), photoIds);
  const unique = [...new Set(ids)];
  return {
    RequestItems: {
      [tableName()]: {
        Keys: unique.map((photoId) => (entities().photos.get({ photoId }).params() as { Key: Key }).Key),
        ProjectionExpression: '#photoId, #ownerId',
        ExpressionAttributeNames: { '#photoId': 'photoId', '#ownerId': 'ownerId' },
      },
    },
  };
}

export interface PhotoOwners {
  /** photoId → ownerId, for the photos that exist. */
  found: Map<string, Pick<Photo, 'ownerId'>>;
  /** Ids DynamoDB did not answer for (throttling): neither found nor known to be missing. */
  unprocessed: string[];
}

/** which of these photos exist, and whose: one BatchGetItem of up to 100 keys. */
export async function getPhotoOwners(photoIds: string[]): Promise<PhotoOwners> {
  const input = buildGetPhotoOwners(photoIds);
  const output = await guarded(() => docClient().send(new BatchGetCommand(input)));
  const found = new Map<string, Pick<Photo, 'ownerId'>>();
  for (const item of output.Responses?.[tableName()] ?? []) {
    found.set(String(item.photoId), { ownerId: String(item.ownerId) });
  }
  const unprocessedKeys = output.UnprocessedKeys?.[tableName()]?.Keys ?? [];
  const unprocessedPks = new Set(unprocessedKeys.map((k) => String(k[keys.table.pk])));
  const unprocessed = [...new Set(photoIds)].filter((id) =>
    unprocessedPks.has(
      String((entities().photos.get({ photoId: id }).params() as { Key: Key }).Key[keys.table.pk]),
    ),
  );
  return { found, unprocessed };
}

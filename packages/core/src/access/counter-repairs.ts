// The counter-repair queue: counters a write path or a person asked to have recounted, walked by
// the scheduler's repairCounters job.
// The queue and checkpoint items of the maintenance jobs are plain items (not ElectroDB entities) in
// partitions of their own, `$maintenance#...`, which no entity key can produce (entity keys start
// with `$gallery#`). Each function sends one request (a paged walk is one request per call, the
// caller loops); `build*` returns the request so its shape is testable without a network.
import {
  BatchWriteCommand,
  DeleteCommand,
  QueryCommand,
  type BatchWriteCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { guarded } from '../transactions';
import { parseInput } from '../validation';
import { counterTargetSchema, type CounterKind, type CounterTarget } from './counters';

type Key = Record<string, unknown>;

const REPAIR_PARTITION = '$maintenance#counter-repair';
// Parents sort before their children, so a deep repair that queues an album's photos while the
// queue is being walked finds them later in the same walk.
const RANK: Record<CounterKind, number> = { user: 1, album: 2, photo: 3 };

export interface RepairRequest extends CounterTarget {
  /** Also queue the counted items (a user's albums, an album's photos) for repair. */
  deep: boolean;
  /** When it was queued (or re-queued): it is removed only if still the same when done. */
  requestedAt: string;
}

function repairKey(target: CounterTarget): Key {
  return {
    [keys.table.pk]: REPAIR_PARTITION,
    [keys.table.sk]: `${RANK[target.kind]}#${target.kind}#${target.id}`,
  };
}

export function buildRequestCounterRepairs(requests: RepairRequest[]): BatchWriteCommandInput {
  if (requests.length < 1 || requests.length > 25) {
    throw new RangeError(`a batch holds 1 to 25 repair requests, got ${requests.length}`);
  }
  return {
    RequestItems: {
      [tableName()]: requests.map((request) => {
        const target = parseInput(counterTargetSchema, { kind: request.kind, id: request.id });
        return {
          PutRequest: {
            Item: {
              ...repairKey(target),
              kind: target.kind,
              id: target.id,
              deep: request.deep,
              requestedAt: request.requestedAt,
            },
          },
        };
      }),
    },
  };
}

/**
 * queue counter repairs: one BatchWriteItem of up to 25 requests. Queuing a target twice keeps one
 * request (same key). Returns the requests DynamoDB left unprocessed, for the caller to resend.
 */
export async function requestCounterRepairs(requests: RepairRequest[]): Promise<RepairRequest[]> {
  const input = buildRequestCounterRepairs(requests);
  const output = await guarded(() => docClient().send(new BatchWriteCommand(input)));
  const left = output.UnprocessedItems?.[tableName()] ?? [];
  return left.map((entry) => {
    const item = entry.PutRequest?.Item ?? {};
    return {
      kind: item.kind as CounterKind,
      id: String(item.id),
      deep: item.deep === true,
      requestedAt: String(item.requestedAt),
    };
  });
}

export function buildListCounterRepairs(startKey?: Key, limit = 100): QueryCommandInput {
  return {
    TableName: tableName(),
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': keys.table.pk },
    ExpressionAttributeValues: { ':pk': REPAIR_PARTITION },
    ConsistentRead: true,
    Limit: limit,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

export interface RepairPage {
  items: RepairRequest[];
  /** Where the next page starts; undefined when the queue held nothing further at read time. */
  nextKey: Key | undefined;
  /** The key of the last item returned: a walk that queued more work resumes after it. */
  lastKey: Key | undefined;
}

/** queued counter repairs, parents first: one Query page of the queue's partition. */
export async function listCounterRepairs(startKey?: Key, limit = 100): Promise<RepairPage> {
  const output = await guarded(() =>
    docClient().send(new QueryCommand(buildListCounterRepairs(startKey, limit))),
  );
  const items = (output.Items ?? []).map((item) => ({
    kind: item.kind as CounterKind,
    id: String(item.id),
    deep: item.deep === true,
    requestedAt: String(item.requestedAt),
  }));
  const last = items.at(-1);
  return { items, nextKey: output.LastEvaluatedKey, lastKey: last ? repairKey(last) : undefined };
}

/**
 * done with a repair request: DeleteItem, only if it was not queued again meanwhile (same
 * `requestedAt`), so a request made during the repair is not lost.
 */
export async function completeCounterRepair(request: RepairRequest): Promise<void> {
  await guarded(async () => {
    try {
      await docClient().send(
        new DeleteCommand({
          TableName: tableName(),
          Key: repairKey(request),
          ConditionExpression: 'attribute_not_exists(#pk) OR #requestedAt = :requestedAt',
          ExpressionAttributeNames: { '#pk': keys.table.pk, '#requestedAt': 'requestedAt' },
          ExpressionAttributeValues: { ':requestedAt': request.requestedAt },
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  });
}

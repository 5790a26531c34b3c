// Local stream delivery: every DynamoDB stream mapping of the given functions reads DynamoDB Local's
// stream on its own (as each Lambda event source mapping does) and invokes its function with AWS's
// semantics (see mapping.ts). Used by `pnpm dev` (invoking through serverless-offline) and by the
// jest harness (invoking handlers in-process).
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../credentials';
import type { StreamMapping } from './config';
import type { Invoker } from './invoke';
import { EventSourceMapping, type MappingStats } from './mapping';
import { onFailureSink, type DiscardedBatch, type OnFailureSink } from './on-failure';

export interface StreamDeliveryOptions {
  /** DynamoDB Local's endpoint (it serves the Streams API too). */
  endpoint: string;
  tableName: string;
  mappings: readonly StreamMapping[];
  invoke: Invoker;
  /** Where discarded batches go. Default: logged and kept in memory only. */
  onFailure?: OnFailureSink;
  /** Default 100 ms. */
  pollIntervalMs?: number;
  /** Clock for record ages. */
  now?: () => number;
  /** Pause before retry `attempt` (1-based). Default 100 ms doubling, at most 1 s. */
  retryDelayMs?: (attempt: number) => number;
  log?: (line: string) => void;
}

export interface StreamDelivery {
  streamArn: string;
  /** Every batch discarded so far (retries exhausted, records too old), as sent to on-failure. */
  readonly discarded: readonly DiscardedBatch[];
  /** Counters per function name. */
  stats(): Record<string, MappingStats>;
  /**
   * Resolves once every record that was in the stream when it was called has been read and handled
   * (delivered, filtered out or discarded) by every mapping, retries included.
   */
  settled(options?: { timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export class StreamNotEnabledError extends Error {
  override name = 'StreamNotEnabledError';
}

export async function startStreamDelivery(options: StreamDeliveryOptions): Promise<StreamDelivery> {
  const config = { endpoint: options.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const tables = new DynamoDBClient(config);
  let streamArn: string | undefined;
  try {
    const table = await tables.send(new DescribeTableCommand({ TableName: options.tableName }));
    streamArn = table.Table?.LatestStreamArn;
  } finally {
    tables.destroy();
  }
  if (!streamArn) throw new StreamNotEnabledError(`table ${options.tableName} has no stream`);
  // DynamoDB Local's stream ARNs carry the region `ddblocal`; records do too.
  const region = streamArn.split(':')[3] ?? LOCAL_REGION;
  const streams = new DynamoDBStreamsClient(config);
  const sink = options.onFailure ?? onFailureSink({ log: options.log });
  const runtime = {
    streams,
    streamArn,
    region,
    invoke: options.invoke,
    sink,
    pollIntervalMs: options.pollIntervalMs ?? 100,
    now: options.now ?? Date.now,
    retryDelayMs: options.retryDelayMs ?? ((attempt: number) => Math.min(1_000, 100 * 2 ** (attempt - 1))),
    log: options.log ?? ((line: string) => console.log(line)),
  };
  const mappings = options.mappings.map((mapping) => new EventSourceMapping(mapping, runtime));
  const stopAll = async () => {
    await Promise.allSettled(mappings.map((m) => m.stop()));
    streams.destroy();
  };
  try {
    await Promise.all(mappings.map((m) => m.start()));
  } catch (err) {
    await stopAll();
    throw err;
  }

  const stats = () => Object.fromEntries(mappings.map((m) => [m.mapping.functionName, { ...m.stats }]));
  return {
    streamArn,
    discarded: sink.discarded,
    stats,
    async settled({ timeoutMs = 30_000 } = {}) {
      const since = Date.now();
      const deadline = since + timeoutMs;
      while (!mappings.every((m) => m.settledSince(since))) {
        if (Date.now() > deadline) {
          throw new Error(
            `stream delivery did not settle within ${timeoutMs} ms: ${JSON.stringify(stats())}`,
          );
        }
        await sleep(10);
      }
    },
    stop: stopAll,
  };
}

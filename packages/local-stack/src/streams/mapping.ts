// One event source mapping (one function on the table's stream), run the way Lambda runs it:
//
// - Each shard is read on its own (GetRecords every `pollIntervalMs`) and processed strictly in order,
//   one batch at a time (ParallelizationFactor 1). Child shards start once their parent is done.
// - Records that match no filter pattern are dropped before batching (never delivered, never retried).
// - A batch is up to `batchSize` records, sent once it is full or once its first record has waited
//   `batchWindowSeconds` (0: whatever one read returned).
// - Function error: with bisect on, the batch is split in two halves processed in order, which does
//   not count as a retry; otherwise (or for a single record) it is retried. A partial batch response
//   checkpoints everything before the lowest reported sequence number and retries from there (a retry).
//   A malformed response fails the whole batch.
// - A batch that has been retried `maximumRetryAttempts` times, or records older than
//   `maximumRecordAgeSeconds` before an invocation, are discarded to the on-failure destination and
//   processing moves on.
// - An invocation that cannot happen at all (function not there yet) is retried without counting, until
//   the records expire, as Lambda does for errors before invocation.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamMapping } from './config';
import { matchesFilters } from './filter';
import { batchOutcome, InvokeUnavailableError, type FunctionError, type Invoker } from './invoke';
import type { DiscardCondition, OnFailureSink } from './on-failure';
import { onFailureMessage } from './on-failure';
import { toLambdaRecord, type LambdaStreamRecord } from './record';

export interface MappingStats {
  /** Records read from the stream. */
  read: number;
  /** Records dropped by the filter patterns. */
  filteredOut: number;
  invocations: number;
  functionErrors: number;
  partialFailures: number;
  bisections: number;
  /** Records delivered in a batch the function finished (or the part of it before a reported failure). */
  delivered: number;
  discarded: number;
  /** Iterators replaced after the stream refused them (expired, or DynamoDB Local's deleted-table quirk). */
  iteratorsRenewed: number;
}

export interface MappingRuntime {
  streams: DynamoDBStreamsClient;
  streamArn: string;
  region: string;
  invoke: Invoker;
  sink: OnFailureSink;
  pollIntervalMs: number;
  /** Milliseconds since the epoch; replaceable so tests can age records. */
  now: () => number;
  /** Pause before retry number `attempt` (1-based). */
  retryDelayMs: (attempt: number) => number;
  log: (line: string) => void;
}

interface Queued {
  record: LambdaStreamRecord;
  /** When this mapping read it (its age is measured from here: DynamoDB Local cuts creation times to the minute). */
  arrivedAt: number;
}

interface Attempts {
  /** Failed invocations that count against maximumRetryAttempts. */
  retries: number;
  /** Every invocation that carried these records. */
  invocations: number;
  lastError: FunctionError | null;
}

const UNAVAILABLE_RETRY_MS = 500;

/**
 * DynamoDB Local invalidates open iterators of every table when any table is deleted (seen with
 * 3.3.0: TrimmedDataAccessException on the next GetRecords, though no record was trimmed); AWS
 * expires iterators after 15 minutes. Either way a fresh iterator after the last record read goes on
 * where the old one stopped.
 */
const STALE_ITERATOR = new Set(['TrimmedDataAccessException', 'ExpiredIteratorException']);

class ShardConsumer {
  readonly queue: Queued[] = [];
  busy = false;
  /** GetRecords returned no further records (closed shard): once the queue drains, the shard is done. */
  ended = false;
  done = false;
  /** Start time of the last read that came back with nothing new. */
  lastEmptyReadStartedAt = 0;
  private lastSequenceNumber: string | undefined;
  private wake: (() => void) | null = null;

  constructor(
    readonly shardId: string,
    private iterator: string | undefined,
    /** Where a fresh iterator starts while nothing has been read yet. */
    private readonly startingPosition: 'TRIM_HORIZON' | 'LATEST',
  ) {}

  notify(): void {
    this.wake?.();
    this.wake = null;
  }

  waitForChange(signal: AbortSignal, ms?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(finish, ms);
      this.wake = finish;
      signal.addEventListener('abort', finish, { once: true });
    });
  }

  private async renewIterator(runtime: MappingRuntime): Promise<void> {
    const output = await runtime.streams.send(
      new GetShardIteratorCommand({
        StreamArn: runtime.streamArn,
        ShardId: this.shardId,
        ...(this.lastSequenceNumber
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: this.lastSequenceNumber }
          : { ShardIteratorType: this.startingPosition }),
      }),
    );
    this.iterator = output.ShardIterator;
  }

  /** One GetRecords call; returns the records it read (in stream order). */
  async read(runtime: MappingRuntime, stats: MappingStats): Promise<LambdaStreamRecord[]> {
    if (!this.iterator) {
      this.ended = true;
      return [];
    }
    const startedAt = Date.now();
    let output;
    try {
      output = await runtime.streams.send(
        new GetRecordsCommand({ ShardIterator: this.iterator, Limit: 1000 }),
      );
    } catch (err) {
      if (!STALE_ITERATOR.has((err as Error).name)) throw err;
      await this.renewIterator(runtime);
      stats.iteratorsRenewed++;
      return [];
    }
    this.iterator = output.NextShardIterator;
    const records = (output.Records ?? []).map((r) => toLambdaRecord(r, runtime.streamArn));
    const last = records.at(-1);
    if (last) this.lastSequenceNumber = last.dynamodb.SequenceNumber;
    else this.lastEmptyReadStartedAt = startedAt;
    if (!this.iterator) this.ended = true;
    return records;
  }
}

export class EventSourceMapping {
  readonly stats: MappingStats = {
    read: 0,
    filteredOut: 0,
    invocations: 0,
    functionErrors: 0,
    partialFailures: 0,
    bisections: 0,
    delivered: 0,
    discarded: 0,
    iteratorsRenewed: 0,
  };
  private readonly consumers = new Map<string, ShardConsumer>();
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private discovery: Promise<void> = Promise.resolve();

  constructor(
    readonly mapping: StreamMapping,
    private readonly runtime: MappingRuntime,
  ) {}

  async start(): Promise<void> {
    await this.discoverShards(true);
    this.loops.push(this.discoveryLoop());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const consumer of this.consumers.values()) consumer.notify();
    await Promise.allSettled(this.loops);
  }

  /** Every record in the stream when `since` passed has been read and handled (delivered or discarded). */
  settledSince(since: number): boolean {
    for (const consumer of this.consumers.values()) {
      if (consumer.done) continue;
      if (consumer.busy || consumer.queue.length > 0) return false;
      if (!consumer.ended && consumer.lastEmptyReadStartedAt < since) return false;
    }
    return this.consumers.size > 0;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }

  private async describeShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const output = await this.runtime.streams.send(
        new DescribeStreamCommand({ StreamArn: this.runtime.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(output.StreamDescription?.Shards ?? []));
      start = output.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  /**
   * Starts a consumer for every shard whose parent is done (or not in the stream any more). At
   * start-up the mapping's starting position applies (LATEST: open shards from now on, closed ones
   * hold nothing new); shards that appear later are read from their beginning. Serialised: the
   * discovery loop and a finishing shard may both ask.
   */
  private discoverShards(initial: boolean): Promise<void> {
    this.discovery = this.discovery.then(() => this.discover(initial));
    return this.discovery;
  }

  private async discover(initial: boolean): Promise<void> {
    if (this.stopped) return;
    const shards = await this.describeShards();
    const known = new Set(shards.map((s) => s.ShardId));
    const latest = initial && this.mapping.startingPosition === 'LATEST';
    for (const shard of shards) {
      const shardId = shard.ShardId;
      if (!shardId || this.consumers.has(shardId)) continue;
      if (latest && shard.SequenceNumberRange?.EndingSequenceNumber) {
        const closed = new ShardConsumer(shardId, undefined, 'LATEST');
        closed.ended = closed.done = true;
        this.consumers.set(shardId, closed);
      }
    }
    for (const shard of shards) {
      const shardId = shard.ShardId;
      if (!shardId || this.consumers.has(shardId)) continue;
      const parentId = shard.ParentShardId;
      if (parentId && known.has(parentId) && !this.consumers.get(parentId)?.done) continue;
      const output = await this.runtime.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.runtime.streamArn,
          ShardId: shardId,
          ShardIteratorType: latest ? 'LATEST' : 'TRIM_HORIZON',
        }),
      );
      const consumer = new ShardConsumer(shardId, output.ShardIterator, latest ? 'LATEST' : 'TRIM_HORIZON');
      this.consumers.set(shardId, consumer);
      this.loops.push(this.readLoop(consumer), this.processLoop(consumer));
    }
  }

  private async discoveryLoop(): Promise<void> {
    while (!this.stopped) {
      await this.pause(5_000);
      if (this.stopped) return;
      try {
        await this.discoverShards(false);
      } catch (err) {
        this.runtime.log(
          `[streams] ${this.mapping.functionName}: DescribeStream failed: ${(err as Error).message}`,
        );
      }
    }
  }

  private async readLoop(consumer: ShardConsumer): Promise<void> {
    while (!this.stopped && !consumer.ended) {
      try {
        const records = await consumer.read(this.runtime, this.stats);
        const arrivedAt = this.runtime.now();
        this.stats.read += records.length;
        for (const record of records) {
          if (matchesFilters(record, this.mapping.filterPatterns)) consumer.queue.push({ record, arrivedAt });
          else this.stats.filteredOut++;
        }
        if (records.length > 0 || consumer.ended) consumer.notify();
      } catch (err) {
        if (this.stopped) return;
        this.runtime.log(
          `[streams] ${this.mapping.functionName}: GetRecords failed: ${(err as Error).message}`,
        );
      }
      await this.pause(this.runtime.pollIntervalMs);
    }
  }

  private async processLoop(consumer: ShardConsumer): Promise<void> {
    const windowMs = this.mapping.batchWindowSeconds * 1000;
    while (!this.stopped) {
      const first = consumer.queue[0];
      if (!first) {
        if (consumer.ended) {
          consumer.done = true;
          // A finished parent lets its children start.
          await this.discoverShards(false).catch(() => undefined);
          return;
        }
        await consumer.waitForChange(this.abort.signal);
        continue;
      }
      const waitMs = first.arrivedAt + windowMs - this.runtime.now();
      if (consumer.queue.length < this.mapping.batchSize && waitMs > 0 && !consumer.ended) {
        await consumer.waitForChange(this.abort.signal, waitMs);
        continue;
      }
      consumer.busy = true;
      const batch = consumer.queue.splice(0, this.mapping.batchSize);
      try {
        await this.processBatch(consumer.shardId, batch, { retries: 0, invocations: 0, lastError: null });
      } finally {
        consumer.busy = false;
      }
    }
  }

  private async discard(
    shardId: string,
    batch: readonly Queued[],
    condition: DiscardCondition,
    attempts: Attempts,
  ): Promise<void> {
    this.stats.discarded += batch.length;
    await this.runtime.sink.record({
      functionName: this.mapping.functionName,
      destination: this.mapping.onFailure,
      message: onFailureMessage({
        functionName: this.mapping.functionName,
        destination: this.mapping.onFailure,
        region: this.runtime.region,
        shardId,
        records: batch.map((q) => q.record),
        condition,
        invokeCount: attempts.invocations,
        lastError: attempts.lastError,
        at: new Date(this.runtime.now()),
      }),
    });
  }

  /** Handles one batch until every record in it is delivered or discarded (or the mapping stops). */
  private async processBatch(shardId: string, initial: Queued[], attempts: Attempts): Promise<void> {
    let batch = initial;
    const maxAgeMs = this.mapping.maximumRecordAgeSeconds * 1000;
    while (!this.stopped && batch.length > 0) {
      if (maxAgeMs >= 0) {
        const now = this.runtime.now();
        const live = batch.findIndex((q) => now - q.arrivedAt <= maxAgeMs);
        const expired = live === -1 ? batch.length : live;
        if (expired > 0) {
          await this.discard(shardId, batch.slice(0, expired), 'RecordAgeExceeded', attempts);
          batch = batch.slice(expired);
          continue;
        }
      }
      const records = batch.map((q) => q.record);
      let result;
      try {
        result = await this.runtime.invoke(this.mapping.functionName, { Records: records });
      } catch (err) {
        // Not a function error: Lambda retries these until the records expire, without counting.
        const reason = err instanceof InvokeUnavailableError ? err.message : `invoker failed: ${String(err)}`;
        this.runtime.log(`[streams] ${this.mapping.functionName}: cannot invoke (${reason}); retrying`);
        await this.pause(UNAVAILABLE_RETRY_MS);
        continue;
      }
      this.stats.invocations++;
      attempts.invocations++;
      const outcome = batchOutcome(result, records, this.mapping.reportBatchItemFailures);
      if (outcome.kind === 'success') {
        this.stats.delivered += batch.length;
        return;
      }
      const range = `${records[0]?.dynamodb.SequenceNumber}..${records.at(-1)?.dynamodb.SequenceNumber}`;
      if (outcome.kind === 'partial') {
        this.stats.partialFailures++;
        this.stats.delivered += outcome.from;
        attempts.lastError = null;
        batch = batch.slice(outcome.from);
        this.runtime.log(
          `[streams] ${this.mapping.functionName}: ${records.length - outcome.from} of ${records.length} record(s) ${range} reported failed; resuming at ${batch[0]?.record.dynamodb.SequenceNumber}`,
        );
      } else {
        this.stats.functionErrors++;
        attempts.lastError = result.ok
          ? { errorType: 'MalformedResponse', errorMessage: outcome.reason }
          : result.error;
        this.runtime.log(
          `[streams] ${this.mapping.functionName}: batch of ${records.length} ${range} failed: ${outcome.reason}`,
        );
        if (this.mapping.bisectBatchOnFunctionError && batch.length > 1) {
          this.stats.bisections++;
          const half = Math.ceil(batch.length / 2);
          // Splitting is not a retry: each half starts with the count the whole batch had.
          await this.processBatch(shardId, batch.slice(0, half), { ...attempts });
          await this.processBatch(shardId, batch.slice(half), { ...attempts });
          return;
        }
      }
      attempts.retries++;
      const max = this.mapping.maximumRetryAttempts;
      if (max >= 0 && attempts.retries > max) {
        await this.discard(shardId, batch, 'RetryAttemptsExhausted', attempts);
        return;
      }
      await this.pause(this.runtime.retryDelayMs(attempts.retries));
    }
  }
}

// The on-failure destination, locally. Lambda sends its destination (an SQS queue here) one message
// per discarded batch: not the records, but where they are in the stream (DDBStreamBatchInfo), why they
// were discarded, and how often the function was tried. Locally every such message is logged, kept
// in memory (tests read it) and appended to a JSON-lines file (`pnpm dev`: .local/stream-failures.jsonl),
// whether or not the mapping names a destination: a discarded record is never silent here.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FunctionError } from './invoke';
import type { LambdaStreamRecord } from './record';

export type DiscardCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** Lambda's on-failure invocation record for a DynamoDB stream batch. */
export interface OnFailureMessage {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: DiscardCondition;
    approximateInvokeCount: number;
  };
  responseContext?: { statusCode: number; executedVersion: string; functionError: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

export interface DiscardedBatch {
  functionName: string;
  /** The configured on-failure destination; null: none (Lambda would drop the batch silently). */
  destination: string | null;
  message: OnFailureMessage;
}

export interface DiscardInput {
  functionName: string;
  destination: string | null;
  region: string;
  shardId: string;
  records: readonly LambdaStreamRecord[];
  condition: DiscardCondition;
  invokeCount: number;
  lastError: FunctionError | null;
  at: Date;
}

// Lambda writes these times to the second, without milliseconds.
const toSecond = (epochSeconds: number | undefined) =>
  new Date((epochSeconds ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function onFailureMessage(input: DiscardInput): OnFailureMessage {
  const first = input.records[0];
  const last = input.records.at(-1);
  if (!first || !last) throw new Error('a discarded batch has at least one record');
  return {
    requestContext: {
      requestId: randomUUID(),
      functionArn: `arn:aws:lambda:${input.region}:000000000000:function:${input.functionName}`,
      condition: input.condition,
      approximateInvokeCount: input.invokeCount,
    },
    ...(input.invokeCount > 0
      ? {
          responseContext: {
            statusCode: 200,
            executedVersion: '$LATEST',
            functionError: input.lastError ? 'Unhandled' : '',
          },
        }
      : {}),
    version: '1.0',
    timestamp: input.at.toISOString(),
    DDBStreamBatchInfo: {
      shardId: input.shardId,
      startSequenceNumber: first.dynamodb.SequenceNumber,
      endSequenceNumber: last.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: toSecond(first.dynamodb.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: toSecond(last.dynamodb.ApproximateCreationDateTime),
      batchSize: input.records.length,
      streamArn: first.eventSourceARN,
    },
  };
}

export interface OnFailureSink {
  readonly discarded: readonly DiscardedBatch[];
  record(batch: DiscardedBatch): Promise<void>;
}

export function onFailureSink(options: { file?: string; log?: (line: string) => void } = {}): OnFailureSink {
  const discarded: DiscardedBatch[] = [];
  const log = options.log ?? ((line: string) => console.error(line));
  return {
    discarded,
    async record(batch) {
      discarded.push(batch);
      const info = batch.message.DDBStreamBatchInfo;
      log(
        `[streams] ${batch.functionName}: discarded ${info.batchSize} record(s) ${info.startSequenceNumber}..${info.endSequenceNumber} ` +
          `(${batch.message.requestContext.condition} after ${batch.message.requestContext.approximateInvokeCount} invocation(s)); ` +
          `on-failure destination: ${batch.destination ?? 'none configured'}` +
          (options.file ? `; written to ${options.file}` : ''),
      );
      if (options.file) {
        await mkdir(path.dirname(options.file), { recursive: true });
        await appendFile(options.file, `${JSON.stringify(batch.message)}\n`);
      }
    },
  };
}

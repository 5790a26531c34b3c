// The local stream delivery against DynamoDB Local's real stream: each test writes to a table of its
// own and watches what a function receives, batch by batch.
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../src/credentials';
import { harnessEnv } from '../../src/env';
import { createTable, deleteTable } from '../../src/provision';
import { streamMapping, type StreamMapping } from '../../src/streams/config';
import { startStreamDelivery, type StreamDelivery } from '../../src/streams/delivery';
import { inProcessInvoker, InvokeUnavailableError, type Invoker } from '../../src/streams/invoke';
import { onFailureSink } from '../../src/streams/on-failure';
import type { LambdaStreamRecord } from '../../src/streams/record';

const FN = 'gallery-test-dev-consumer';
const client = new DynamoDBClient({
  endpoint: harnessEnv('DYNAMODB_ENDPOINT'),
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

afterAll(() => client.destroy());

function mapping(overrides: Partial<StreamMapping>): StreamMapping {
  return streamMapping({
    functionKey: 'consumer',
    functionName: FN,
    timeoutSeconds: 5,
    onFailure: 'arn:aws:sqs:us-east-1:000000000000:local-failures',
    ...overrides,
  });
}

const idOf = (record: LambdaStreamRecord) => record.dynamodb.Keys?.pk?.S ?? '?';
const seqOf = (record: LambdaStreamRecord) => record.dynamodb.SequenceNumber;

interface Invocation {
  ids: string[];
  seqs: string[];
  at: number;
}

type Handler = (records: LambdaStreamRecord[], call: number) => Promise<unknown>;

interface Rig {
  tableName: string;
  calls: Invocation[];
  logs: string[];
  failuresFile: string;
  delivery: StreamDelivery;
  put(id: string, attributes?: Record<string, string>): Promise<number>;
  update(id: string, attributes: Record<string, string>): Promise<void>;
  remove(id: string): Promise<void>;
  /** Sequence number of every record delivered so far, by item id. */
  seqs: Map<string, string>;
}

const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.delivery.stop();
    await deleteTable({ endpoint: harnessEnv('DYNAMODB_ENDPOINT'), tableName: rig.tableName });
    await rm(rig.failuresFile, { force: true });
  }
});

async function rig(
  overrides: Partial<StreamMapping>,
  handler: Handler = async () => undefined,
  options: {
    invoke?: (inner: Invoker) => Invoker;
    now?: () => number;
    timeoutSeconds?: number;
    start?: boolean;
  } = {},
): Promise<Rig> {
  const tableName = `streams-${randomUUID().slice(0, 8)}`;
  const endpoint = harnessEnv('DYNAMODB_ENDPOINT');
  await createTable({ endpoint, tableName });
  const calls: Invocation[] = [];
  const logs: string[] = [];
  const seqs = new Map<string, string>();
  const failuresFile = path.join(os.tmpdir(), `${tableName}-failures.jsonl`);
  const inner = inProcessInvoker({
    [FN]: {
      timeoutSeconds: options.timeoutSeconds ?? 5,
      handler: async (event) => {
        for (const record of event.Records) seqs.set(idOf(record), seqOf(record));
        calls.push({ ids: event.Records.map(idOf), seqs: event.Records.map(seqOf), at: Date.now() });
        return handler(event.Records, calls.length);
      },
    },
  });
  const key = (id: string) => ({ pk: { S: id }, sk: { S: 'item' } });
  const self: Omit<Rig, 'delivery'> = {
    tableName,
    calls,
    logs,
    failuresFile,
    seqs,
    async put(id, attributes = {}) {
      const item = {
        ...key(id),
        ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { S: v }])),
      };
      await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
      return Date.now();
    },
    async update(id, attributes) {
      const names = Object.keys(attributes);
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key(id),
          UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
          ExpressionAttributeValues: Object.fromEntries(
            names.map((n, i) => [`:v${i}`, { S: attributes[n] as string }]),
          ),
        }),
      );
    },
    async remove(id) {
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: key(id) }));
    },
  };
  const delivery = await startStreamDelivery({
    endpoint,
    tableName,
    mappings: [mapping(overrides)],
    invoke: options.invoke ? options.invoke(inner) : inner,
    onFailure: onFailureSink({ file: failuresFile, log: (line) => logs.push(line) }),
    retryDelayMs: () => 10,
    now: options.now,
    log: (line) => logs.push(line),
  });
  const full = { ...self, delivery };
  rigs.push(full);
  return full;
}

async function putAll(r: Rig, ids: string[]): Promise<void> {
  for (const id of ids) await r.put(id);
}

describe('local stream delivery (DynamoDB Local stream, AWS event source mapping semantics)', () => {
  it("delivers Lambda's record shape with the stream's ARN and region", async () => {
    const records: LambdaStreamRecord[] = [];
    const r = await rig({}, async (batch) => records.push(...batch));
    await r.put('a1', { status: 'x' });
    await r.update('a1', { status: 'y' });
    await r.remove('a1');
    await r.delivery.settled();
    expect(records.map((rec) => rec.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(records[1]).toEqual({
      eventID: expect.any(String),
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      eventSourceARN: r.delivery.streamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'a1' }, sk: { S: 'item' } },
        NewImage: { pk: { S: 'a1' }, sk: { S: 'item' }, status: { S: 'y' } },
        OldImage: { pk: { S: 'a1' }, sk: { S: 'item' }, status: { S: 'x' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(records[2]?.dynamodb.NewImage).toBeUndefined();
    expect(r.delivery.streamArn).toMatch(/^arn:aws:dynamodb:ddblocal:\d+:table\/streams-.+\/stream\//);
  });

  it('keeps stream order and cuts batches at batchSize', async () => {
    const r = await rig({ batchSize: 4, batchWindowSeconds: 2 });
    const ids = Array.from({ length: 10 }, (_, i) => `o${i}`);
    await putAll(r, ids);
    await r.delivery.settled();
    expect(r.calls.map((c) => c.ids.length)).toEqual([4, 4, 2]);
    expect(r.calls.flatMap((c) => c.ids)).toEqual(ids);
    const seqs = r.calls.flatMap((c) => c.seqs).map(BigInt);
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('holds a batch that is not full for the batching window, and not without one', async () => {
    const windowed = await rig({ batchSize: 100, batchWindowSeconds: 1 });
    const firstWrite = await windowed.put('w1');
    await putAll(windowed, ['w2', 'w3']);
    await windowed.delivery.settled();
    expect(windowed.calls.map((c) => c.ids)).toEqual([['w1', 'w2', 'w3']]);
    expect((windowed.calls[0]?.at ?? 0) - firstWrite).toBeGreaterThanOrEqual(900);

    const immediate = await rig({ batchSize: 100, batchWindowSeconds: 0 });
    for (const id of ['i1', 'i2', 'i3']) {
      await immediate.put(id);
      await immediate.delivery.settled();
    }
    expect(immediate.calls.map((c) => c.ids)).toEqual([['i1'], ['i2'], ['i3']]);
  });

  it('applies filter patterns to the record (eventName, Keys, NewImage, OldImage, numbers) and drops the rest', async () => {
    const r = await rig({
      batchSize: 100,
      filterPatterns: [
        { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'like#' }] } } } },
        {
          eventName: ['MODIFY'],
          dynamodb: {
            NewImage: { status: { S: ['ready'] } },
            OldImage: { status: { S: [{ 'anything-but': 'ready' }] } },
          },
        },
        { eventName: ['REMOVE'], dynamodb: { OldImage: { body: { S: [{ exists: true }] } } } },
        { dynamodb: { SizeBytes: [{ numeric: ['>', 500] }] } },
      ],
    });
    await r.put('like#1');
    await r.put('comment#1', { body: 'hello' });
    await r.put('photo#1', { status: 'pending' });
    await r.update('photo#1', { status: 'ready' });
    await r.update('photo#1', { caption: 'sunset' });
    await r.remove('comment#1');
    await r.remove('like#1');
    await r.put('big#1', { blob: 'x'.repeat(600) });
    await r.delivery.settled();
    const delivered = r.calls.flatMap((c) => c.ids);
    expect(delivered).toEqual(['like#1', 'photo#1', 'comment#1', 'big#1']);
    expect(r.delivery.stats()[FN]).toMatchObject({ read: 8, filteredOut: 4, delivered: 4 });
  });

  it('resumes a partial batch failure at the lowest reported sequence number, without redelivering what came before', async () => {
    const r = await rig(
      { batchSize: 10, batchWindowSeconds: 1, reportBatchItemFailures: true },
      async (records, call) =>
        call === 1
          ? {
              batchItemFailures: [records[4], records[2]].map((rec) => ({
                itemIdentifier: rec?.dynamodb.SequenceNumber,
              })),
            }
          : { batchItemFailures: [] },
    );
    await putAll(r, ['p1', 'p2', 'p3', 'p4', 'p5']);
    await r.delivery.settled();
    expect(r.calls.map((c) => c.ids)).toEqual([
      ['p1', 'p2', 'p3', 'p4', 'p5'],
      ['p3', 'p4', 'p5'],
    ]);
    expect(r.delivery.stats()[FN]).toMatchObject({ partialFailures: 1, delivered: 5, discarded: 0 });
  });

  it('fails the whole batch on a malformed batch response', async () => {
    const r = await rig(
      { batchSize: 10, batchWindowSeconds: 1, reportBatchItemFailures: true },
      async (_records, call) => (call === 1 ? { batchItemFailures: [{ itemIdentifier: '' }] } : {}),
    );
    await putAll(r, ['m1', 'm2', 'm3']);
    await r.delivery.settled();
    expect(r.calls.map((c) => c.ids)).toEqual([
      ['m1', 'm2', 'm3'],
      ['m1', 'm2', 'm3'],
    ]);
    expect(r.logs.join('\n')).toMatch(/malformed batch response/);
  });

  it('bisects a failing batch down to the bad record, sends only that one to on-failure, and delivers the rest', async () => {
    const r = await rig(
      { batchSize: 8, batchWindowSeconds: 1, bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 },
      async (records) => {
        if (records.some((rec) => idOf(rec) === 'b6')) throw new Error('poison');
      },
    );
    await putAll(r, ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8']);
    await r.delivery.settled();
    expect(r.calls.map((c) => c.ids.join(','))).toEqual([
      'b1,b2,b3,b4,b5,b6,b7,b8',
      'b1,b2,b3,b4',
      'b5,b6,b7,b8',
      'b5,b6',
      'b5',
      'b6',
      'b6',
      'b7,b8',
    ]);
    expect(r.delivery.discarded).toHaveLength(1);
    const { message, destination } = r.delivery.discarded[0] ?? {};
    expect(destination).toBe('arn:aws:sqs:us-east-1:000000000000:local-failures');
    expect(message?.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(message?.DDBStreamBatchInfo).toMatchObject({
      startSequenceNumber: r.seqs.get('b6'),
      endSequenceNumber: r.seqs.get('b6'),
      batchSize: 1,
      streamArn: r.delivery.streamArn,
    });
    expect(r.delivery.stats()[FN]).toMatchObject({ delivered: 7, discarded: 1 });
  });

  it('retries a failing batch maximumRetryAttempts times, then sends it to on-failure (log, file, memory) and moves on', async () => {
    const r = await rig(
      { batchSize: 10, batchWindowSeconds: 1, maximumRetryAttempts: 2 },
      async (records) => {
        if (records.some((rec) => idOf(rec) === 'x2')) throw new TypeError('cannot read x2');
      },
    );
    await putAll(r, ['x1', 'x2', 'x3']);
    await r.delivery.settled();
    await r.put('x4');
    await r.delivery.settled();
    expect(r.calls.map((c) => c.ids.join(','))).toEqual(['x1,x2,x3', 'x1,x2,x3', 'x1,x2,x3', 'x4']);
    const [discarded] = r.delivery.discarded;
    const expected = {
      requestContext: {
        requestId: expect.any(String),
        functionArn: `arn:aws:lambda:ddblocal:000000000000:function:${FN}`,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.any(String),
      DDBStreamBatchInfo: {
        shardId: expect.stringMatching(/^shardId-/),
        startSequenceNumber: r.seqs.get('x1'),
        endSequenceNumber: r.seqs.get('x3'),
        approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        approximateArrivalOfLastRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        batchSize: 3,
        streamArn: r.delivery.streamArn,
      },
    };
    expect(discarded?.message).toEqual(expected);
    const lines = (await readFile(r.failuresFile, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([expected]);
    expect(r.logs.join('\n')).toMatch(
      /discarded 3 record\(s\).*RetryAttemptsExhausted after 3 invocation\(s\).*local-failures/,
    );
  });

  it('counts partial-failure retries too, and discards only the failing suffix', async () => {
    const r = await rig(
      { batchSize: 10, batchWindowSeconds: 1, reportBatchItemFailures: true, maximumRetryAttempts: 1 },
      async (records) => {
        const bad = records.find((rec) => idOf(rec) === 'q2');
        return { batchItemFailures: bad ? [{ itemIdentifier: seqOf(bad) }] : [] };
      },
    );
    await putAll(r, ['q1', 'q2', 'q3']);
    await r.delivery.settled();
    expect(r.calls.map((c) => c.ids.join(','))).toEqual(['q1,q2,q3', 'q2,q3']);
    expect(r.delivery.discarded[0]?.message.DDBStreamBatchInfo).toMatchObject({
      startSequenceNumber: r.seqs.get('q2'),
      endSequenceNumber: r.seqs.get('q3'),
      batchSize: 2,
    });
  });

  it('discards records older than maximumRecordAgeSeconds before invoking again', async () => {
    let offset = 0;
    const r = await rig(
      { batchSize: 10, maximumRecordAgeSeconds: 60 },
      async () => {
        offset = 61_000;
        throw new Error('down');
      },
      { now: () => Date.now() + offset },
    );
    await r.put('old1');
    await r.delivery.settled();
    expect(r.calls).toHaveLength(1);
    expect(r.delivery.discarded.map((d) => d.message.requestContext)).toEqual([
      expect.objectContaining({ condition: 'RecordAgeExceeded', approximateInvokeCount: 1 }),
    ]);
  });

  it("reports a run past the function's timeout as an error and retries it", async () => {
    const r = await rig(
      {},
      async (_records, call) => {
        if (call === 1) await sleep(1_000);
      },
      { timeoutSeconds: 0.2 },
    );
    await r.put('t1');
    await r.delivery.settled();
    expect(r.calls.map((c) => c.ids)).toEqual([['t1'], ['t1']]);
    expect(r.logs.join('\n')).toMatch(/Sandbox\.Timedout: Task timed out after 0\.2/);
  });

  it('retries an invocation that cannot happen at all without counting it against the retry limit', async () => {
    let refusals = 0;
    const r = await rig({ maximumRetryAttempts: 0 }, async () => undefined, {
      invoke: (inner) => async (name, event) => {
        if (refusals < 2) {
          refusals++;
          throw new InvokeUnavailableError('not started yet');
        }
        return inner(name, event);
      },
    });
    await r.put('u1');
    await r.delivery.settled();
    expect(r.calls.map((c) => c.ids)).toEqual([['u1']]);
    expect(r.delivery.discarded).toEqual([]);
  });

  it('keeps going when DynamoDB Local invalidates its iterators (another table deleted), losing and repeating nothing', async () => {
    const r = await rig({});
    const endpoint = harnessEnv('DYNAMODB_ENDPOINT');
    // Round 0 with nothing read yet (the iterator DynamoDB Local then refuses), round 1 after records.
    for (let round = 0; round < 2; round++) {
      const other = `streams-other-${randomUUID().slice(0, 8)}`;
      await createTable({ endpoint, tableName: other });
      await client.send(new PutItemCommand({ TableName: other, Item: { pk: { S: 'x' }, sk: { S: 'y' } } }));
      await deleteTable({ endpoint, tableName: other });
      await r.put(`after-${round}`);
      await r.delivery.settled();
    }
    expect(r.calls.flatMap((c) => c.ids)).toEqual(['after-0', 'after-1']);
    expect(r.delivery.stats()[FN]?.iteratorsRenewed).toBeGreaterThan(0);
  });

  it('starts at LATEST when told to: records written before the mapping started are not delivered', async () => {
    const tableName = `streams-${randomUUID().slice(0, 8)}`;
    const endpoint = harnessEnv('DYNAMODB_ENDPOINT');
    await createTable({ endpoint, tableName });
    const key = (id: string) => ({ pk: { S: id }, sk: { S: 'item' } });
    await client.send(new PutItemCommand({ TableName: tableName, Item: key('before') }));
    const seen: string[] = [];
    const delivery = await startStreamDelivery({
      endpoint,
      tableName,
      mappings: [mapping({ startingPosition: 'LATEST' })],
      invoke: inProcessInvoker({
        [FN]: { timeoutSeconds: 5, handler: async (event) => seen.push(...event.Records.map(idOf)) },
      }),
      log: () => undefined,
    });
    try {
      await client.send(new PutItemCommand({ TableName: tableName, Item: key('after') }));
      await delivery.settled();
      expect(seen).toEqual(['after']);
    } finally {
      await delivery.stop();
      await deleteTable({ endpoint, tableName });
    }
  });
});

// One DynamoDB client per process (module singleton), configured once: bounded
// retries, connect/request timeouts and keep-alive sockets. Lambda reuses the
// module between invocations, so the TLS connection is reused as well.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { instrumentClient } from './instrumentation';

/** Defaults, documented here because they are the only place they live. */
export const CLIENT_DEFAULTS = {
  /** Total attempts per request, first one included (SDK standard retry mode, jittered backoff). */
  maxAttempts: 3,
  /**
   * Time allowed to obtain a connected socket; a Lambda should fail fast rather
   * than hang. The timer also runs while a request waits for a free socket, so
   * it leaves room for bursts in tests and benchmarks on a busy 2-core machine.
   */
  connectionTimeoutMs: 2_000,
  /**
   * Time allowed for a whole request once connected. DYNAMODB_REQUEST_TIMEOUT_MS overrides it:
   * benchmarks that load DynamoDB Local with 50 000+ items on 2 cores see single requests stall
   * for seconds, which says nothing about DynamoDB.
   */
  requestTimeoutMs: 3_000,
  /**
   * Sockets kept open per host: Lambda handles one request at a time; tests and
   * benchmarks fire up to 100 at once and must not queue behind the agent.
   */
  maxSockets: 128,
  region: 'us-east-1',
} as const;

export interface ConsumedCapacityEntry {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export interface RequestRecord {
  /** SDK command name, e.g. `QueryCommand`, `TransactWriteItemsCommand`. */
  command: string;
  /** Capacity units DynamoDB reported for this request (0 if it failed before a response). */
  capacityUnits: number;
}

export interface RequestCount {
  requests: number;
  capacityUnits: number;
  records: RequestRecord[];
}

type Listener = (record: RequestRecord) => void;

const scope = new AsyncLocalStorage<RequestRecord[]>();
const listeners = new Set<Listener>();

function capacityOf(output: unknown): number {
  const cc = (output as { ConsumedCapacity?: ConsumedCapacityEntry | ConsumedCapacityEntry[] } | undefined)
    ?.ConsumedCapacity;
  if (!cc) return 0;
  const list = Array.isArray(cc) ? cc : [cc];
  return list.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}

/**
 * Counts every command sent, in the async context of `countRequests`, and to
 * global listeners. Also the one place that refuses Scan: no product code path
 * may read the whole table.
 */
type Handler = (args: { input: object }) => Promise<{ output: unknown }>;

function requestCounterMiddleware(next: Handler, context: { commandName?: string }): Handler {
  return async (args) => {
    const command = context.commandName ?? 'unknown';
    if (command === 'ScanCommand') {
      throw new Error('Scan is not allowed through @gallery/core');
    }
    const records = scope.getStore();
    const observed = records !== undefined || listeners.size > 0;
    const input = args.input as Record<string, unknown>;
    // Consumed capacity is only requested while someone is counting, so the
    // production response stays as small as possible.
    if (observed && !('ReturnConsumedCapacity' in input) && command !== 'DescribeTableCommand') {
      args = { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } };
    }
    let capacityUnits = 0;
    try {
      const result = await next(args);
      capacityUnits = capacityOf(result.output);
      return result;
    } finally {
      if (observed) {
        const record = { command, capacityUnits };
        records?.push(record);
        for (const listener of listeners) listener(record);
      }
    }
  };
}

export function createDynamoDbClient(overrides: Partial<DynamoDBClientConfig> = {}): DynamoDBClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const agentOptions = { keepAlive: true, maxSockets: CLIENT_DEFAULTS.maxSockets };
  const client = new DynamoDBClient({
    region: process.env.AWS_REGION ?? CLIENT_DEFAULTS.region,
    maxAttempts: CLIENT_DEFAULTS.maxAttempts,
    ...(endpoint ? { endpoint } : {}),
    requestHandler: new NodeHttpHandler({
      connectionTimeout: CLIENT_DEFAULTS.connectionTimeoutMs,
      requestTimeout: Number(process.env.DYNAMODB_REQUEST_TIMEOUT_MS) || CLIENT_DEFAULTS.requestTimeoutMs,
      // Without it the handler only logs a warning when requestTimeout passes and keeps waiting, so
      // a database that accepts but never answers holds the Lambda until it is killed.
      throwOnRequestTimeout: true,
      httpAgent: new Agent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
    }),
    ...overrides,
  });
  client.middlewareStack.add(requestCounterMiddleware as never, {
    step: 'initialize',
    name: 'galleryRequestCounter',
    priority: 'high',
  });
  return client;
}

let dynamoDb: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;

/** The process-wide low-level client (created on first use, so env is read after test setup). */
export function dynamoDbClient(): DynamoDBClient {
  // Registered so the function's tracer (when tracing is on) records each request as a subsegment.
  dynamoDb ??= instrumentClient(createDynamoDbClient());
  return dynamoDb;
}

/**
 * The process-wide DocumentClient; shares the low-level client's middleware stack and sockets. The
 * entities are given it as it is (ElectroDB's documented way to take a v3 client).
 */
export function docClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

/**
 * Runs `fn` and reports how many DynamoDB requests it sent (retries included)
 * and the capacity they consumed. Concurrent calls are counted separately.
 */
export async function countRequests<T>(fn: () => Promise<T>): Promise<{ result: T } & RequestCount> {
  const records: RequestRecord[] = [];
  const result = await scope.run(records, fn);
  return {
    result,
    requests: records.length,
    capacityUnits: records.reduce((sum, r) => sum + r.capacityUnits, 0),
    records,
  };
}

/** Like `countRequests`, but also reports a failure instead of losing the count. */
export async function countRequestsSettled<T>(
  fn: () => Promise<T>,
): Promise<({ ok: true; result: T } | { ok: false; error: unknown }) & RequestCount> {
  const records: RequestRecord[] = [];
  let outcome: { ok: true; result: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, result: await scope.run(records, fn) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  return {
    ...outcome,
    requests: records.length,
    capacityUnits: records.reduce((sum, r) => sum + r.capacityUnits, 0),
    records,
  };
}

/** Subscribes to every request of the process (benchmarks); returns the unsubscribe function. */
export function onRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

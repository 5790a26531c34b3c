// Reliability-test support: an isolated table per test file (so "wrote nothing" can be checked by
// counting every item of it), problem+json assertions, and a tally printed at the end of each file
// so the run reports what it tried.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand, type ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@gallery/local-stack/credentials';
import { createTable, deleteTable } from '@gallery/local-stack/provision';
import type { StreamDelivery } from '@gallery/local-stack/streams/delivery';
import { startStreamFunctions } from '@gallery/testing/streams';
import type { ApiResponse } from '../support';

export interface OwnTable {
  readonly endpoint: string;
  readonly tableName: string;
  /** Every item of the table (a Scan: allowed here, on the test's own table, never in product code). */
  countItems(): Promise<number>;
  /** Every item, unmarshalled (a test-side Scan of the test's own table). */
  allItems(): Promise<Record<string, unknown>[]>;
  /** Re-creates the table (after an in-memory DynamoDB Local restarted). */
  recreate(): Promise<void>;
  /**
   * With `streams: true`: resolves once the activity service's stream functions have applied every
   * record written so far (likes and comments counted, activity written).
   */
  streamsSettled(): Promise<void>;
}

/**
 * Creates a table of the test file's own on DynamoDB Local (the harness's, unless `endpoint` gives
 * another) and points TABLE_NAME at it before any handler runs; the core layer reads both lazily.
 */
export function useOwnTable(
  label: string,
  endpoint?: () => string,
  options: { streams?: boolean } = {},
): OwnTable {
  const tableName = `rel-${label}-${randomUUID().slice(0, 8)}`;
  const endpointOf = (): string => {
    const value = endpoint?.() ?? process.env.DYNAMODB_ENDPOINT;
    if (!value) throw new Error('DYNAMODB_ENDPOINT is not set: run through the integration project');
    return value;
  };
  let client: DynamoDBClient | undefined;
  let streams: StreamDelivery | undefined;
  const table: OwnTable = {
    get endpoint() {
      return endpointOf();
    },
    tableName,
    async countItems() {
      client ??= new DynamoDBClient({
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
        endpoint: endpointOf(),
      });
      let count = 0;
      let start: ScanCommandInput['ExclusiveStartKey'];
      do {
        const page = await client.send(
          new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return count;
    },
    async allItems() {
      client ??= new DynamoDBClient({
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
        endpoint: endpointOf(),
      });
      const items: Record<string, unknown>[] = [];
      let start: ScanCommandInput['ExclusiveStartKey'];
      do {
        const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async recreate() {
      await createTable({ endpoint: endpointOf(), tableName });
    },
    async streamsSettled() {
      if (!streams)
        throw new Error(`useOwnTable('${label}') runs no stream functions: pass { streams: true }`);
      await streams.settled();
    },
  };
  beforeAll(async () => {
    await createTable({ endpoint: endpointOf(), tableName });
    process.env.TABLE_NAME = tableName;
    if (options.streams) {
      streams = await startStreamFunctions({ service: 'activity', tableName, endpoint: endpointOf() });
    }
  });
  afterAll(async () => {
    await streams?.stop();
    client?.destroy();
    await deleteTable({ endpoint: endpointOf(), tableName }).catch(() => undefined);
  });
  return table;
}

/** What a client may never see in an error body: stack frames, SDK names, table or bucket names. */
export const LEAK = /\bat .+:\d+:\d+|Exception|dynamodb|TransactionCanceled|ECONNREFUSED|rel-|gallery-test/i;

/** API Gateway's own answers, documented as such: its JWT authorizer's 401 and its 404 for no route. */
const GATEWAY_ANSWERS: Record<number, string> = { 401: 'Unauthorized', 404: 'Not Found' };

/**
 * `res` is problem+json whose status matches the HTTP status, or one of API Gateway's own answers,
 * and leaks nothing internal.
 */
export function problemIssues(res: ApiResponse): string[] {
  const gateway = GATEWAY_ANSWERS[res.status];
  if (gateway && res.headers.get('content-type') === 'application/json') {
    return JSON.stringify(res.body) === JSON.stringify({ message: gateway })
      ? []
      : [`gateway body ${res.text}`];
  }
  const issues: string[] = [];
  if (res.headers.get('content-type') !== 'application/problem+json') {
    issues.push(`content-type ${res.headers.get('content-type')}`);
  }
  const body = res.body as { status?: unknown; type?: unknown; title?: unknown; detail?: unknown };
  if (typeof body !== 'object' || body === null) issues.push('body is not JSON');
  else {
    if (body.status !== res.status) issues.push(`body.status ${String(body.status)} ≠ ${res.status}`);
    if (typeof body.type !== 'string' || !body.type.startsWith('urn:gallery:problem:'))
      issues.push(`type ${String(body.type)}`);
    if (typeof body.title !== 'string' || typeof body.detail !== 'string') issues.push('no title/detail');
  }
  if (LEAK.test(res.text)) issues.push(`leaks internals: ${res.text.slice(0, 200)}`);
  return issues;
}

/** Counts per test file, printed in one line by `report()` so a CI log shows what was tried. */
export class Tally {
  private readonly counts = new Map<string, number>();
  constructor(private readonly name: string) {}
  add(what: string, n = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }
  get(what: string): number {
    return this.counts.get(what) ?? 0;
  }
  report(): void {
    const parts = [...this.counts].map(([what, n]) => `${what}=${n}`).join(' ');
    process.stdout.write(`[reliability] ${this.name}: ${parts}\n`);
  }
}

/**
 * Every stored counter against the items it counts: album photoCount and user albumCount (written
 * in the same transactions as their items), and with `streamCounters` photo likeCount/commentCount
 * (counted from the table's stream: only where stream functions run, once they have settled).
 * Returns one line per counter that drifted, and how many counters were checked.
 */
export function counterDrift(
  items: Record<string, unknown>[],
  options: { streamCounters?: boolean } = {},
): { drifts: string[]; checked: number } {
  const of = (entity: string) => items.filter((item) => item.__edb_e__ === entity);
  const countBy = (entity: string, field: string): Map<unknown, number> => {
    const counts = new Map<unknown, number>();
    for (const item of of(entity)) counts.set(item[field], (counts.get(item[field]) ?? 0) + 1);
    return counts;
  };
  const likes = countBy('like', 'photoId');
  const comments = countBy('comment', 'photoId');
  const photos = countBy('photo', 'albumId');
  const albums = countBy('album', 'ownerId');
  const drifts: string[] = [];
  let checked = 0;
  const check = (what: string, stored: unknown, actual: number) => {
    checked += 1;
    if ((stored ?? 0) !== actual) drifts.push(`${what}: stored ${String(stored)}, items ${actual}`);
  };
  for (const photo of options.streamCounters ? of('photo') : []) {
    check(`photo ${String(photo.photoId)} likeCount`, photo.likeCount, likes.get(photo.photoId) ?? 0);
    check(
      `photo ${String(photo.photoId)} commentCount`,
      photo.commentCount,
      comments.get(photo.photoId) ?? 0,
    );
  }
  for (const album of of('album')) {
    check(`album ${String(album.albumId)} photoCount`, album.photoCount, photos.get(album.albumId) ?? 0);
  }
  for (const user of of('user')) {
    check(`user ${String(user.userId)} albumCount`, user.albumCount, albums.get(user.userId) ?? 0);
  }
  return { drifts, checked };
}

// The activity service's stream functions on a table of the test file's own, fed by the local stream
// delivery (DynamoDB Local's stream, Lambda's semantics, the mappings of serverless.yml), with knobs
// for faults: a chaos proxy between the functions and DynamoDB, and an invoker that crashes or hangs
// invocations. The test's own reads and writes go straight to DynamoDB Local, untouched by faults.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type GetCommandInput,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { buildAddComment, buildDeleteComment } from '@gallery/core/access/comments';
import { buildLikePhoto, buildUnlikePhoto } from '@gallery/core/access/likes';
import { buildGetPhoto } from '@gallery/core/access/photos';
import { entities } from '@gallery/core/entities/service';
import type { Activity } from '@gallery/core/entities/types';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@gallery/local-stack/credentials';
import { createTable, deleteTable } from '@gallery/local-stack/provision';
import { readStreamMappings, type StreamMapping } from '@gallery/local-stack/streams/config';
import { startStreamDelivery, type StreamDelivery } from '@gallery/local-stack/streams/delivery';
import { inProcessInvoker, type Invoker } from '@gallery/local-stack/streams/invoke';
import { loadInProcessFunctions } from '@gallery/local-stack/streams/service';
import { startChaosProxy, type ChaosProxy } from '@gallery/testing/chaos-proxy';

const SERVICE = path.resolve(__dirname, '..');

/** What the fault plan does with one invocation. */
export type InvocationFault = 'none' | 'crash-before' | 'crash-after';

export interface Rig {
  tableName: string;
  delivery: StreamDelivery;
  proxy: ChaosProxy;
  /** Decides each invocation's fault (default: none). */
  faults: { plan: (call: number, functionName: string) => InvocationFault; injected: number };
  /** `batch applied` summaries the applyReactions handler logged. */
  summaries: Array<Record<string, number>>;
  direct: DynamoDBDocumentClient;
}

/**
 * Creates the table, the proxy and the delivery in beforeAll (TABLE_NAME and DYNAMODB_ENDPOINT point
 * the functions, which run in this file's module registry, at the table through the proxy).
 * `adjust` may change the mappings (e.g. a shorter function timeout).
 */
export function useActivityRig(label: string, adjust: (m: StreamMapping) => StreamMapping = (m) => m): Rig {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: run through the integration project');
  const rig = {
    tableName: `activity-${label}-${randomUUID().slice(0, 8)}`,
    faults: { plan: () => 'none' as InvocationFault, injected: 0 },
    summaries: [] as Array<Record<string, number>>,
    direct: DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
      {
        marshallOptions: { removeUndefinedValues: true },
      },
    ),
  } as Omit<Rig, 'delivery' | 'proxy'> as Rig;
  let restoreOutput: (() => void) | undefined;
  let logLevel: jest.ReplaceProperty<string | undefined> | undefined;

  beforeAll(async () => {
    await createTable({ endpoint, tableName: rig.tableName });
    rig.proxy = await startChaosProxy(endpoint);
    process.env.TABLE_NAME = rig.tableName;
    process.env.DYNAMODB_ENDPOINT = rig.proxy.endpoint;
    // The handlers log one JSON line per batch: keep the summaries (duplicates found, ...) and
    // keep them out of the test output. jest.config.ts silences the functions' logs by default; the
    // functions load their logger (a process singleton) after this, at INFO. Powertools writes WARN
    // and ERROR lines to stderr.
    logLevel = jest.replaceProperty(process.env, 'LOG_LEVEL', 'info');
    const restores = [process.stdout, process.stderr].map((stream) => {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        const text = chunk.toString();
        if (text.includes('"message":"batch applied"')) {
          rig.summaries.push(JSON.parse(text) as Record<string, number>);
          return true;
        }
        if (text.startsWith('{"level"')) return true;
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => {
        stream.write = write;
      };
    });
    restoreOutput = () => restores.forEach((restore) => restore());
    const mappings = (await readStreamMappings(SERVICE, { params: { tableName: rig.tableName } })).map(
      adjust,
    );
    const inner = inProcessInvoker(loadInProcessFunctions(SERVICE, mappings));
    let calls = 0;
    const invoke: Invoker = async (functionName, event) => {
      const fault = rig.faults.plan(++calls, functionName);
      if (fault !== 'none') rig.faults.injected++;
      if (fault === 'crash-before')
        return { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'crashed before' } };
      const result = await inner(functionName, event);
      if (fault === 'crash-after')
        return { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'crashed after' } };
      return result;
    };
    rig.delivery = await startStreamDelivery({
      endpoint,
      tableName: rig.tableName,
      mappings,
      invoke,
      retryDelayMs: () => 20,
      log: () => undefined,
    });
  }, 60_000);

  afterAll(async () => {
    await rig.delivery?.stop();
    await rig.proxy?.close();
    restoreOutput?.();
    logLevel?.restore();
    rig.direct.destroy();
    await deleteTable({ endpoint, tableName: rig.tableName });
    process.env.DYNAMODB_ENDPOINT = endpoint;
  });
  return rig;
}

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

/** The API's writes, sent straight to DynamoDB Local (the same requests the data layer builds). */
export function apiWrites(rig: Rig) {
  return {
    async like(photoId: string, userId: string, photoOwnerId: string): Promise<boolean> {
      const params = buildLikePhoto({ photoId, userId, photoOwnerId }).params();
      return rig.direct.send(new PutCommand(params as never)).then(
        () => true,
        (err: unknown) => (isConditionFailure(err) ? false : Promise.reject(err)),
      );
    },
    async unlike(photoId: string, userId: string): Promise<boolean> {
      const params = buildUnlikePhoto({ photoId, userId }).params();
      return rig.direct.send(new DeleteCommand(params as never)).then(
        () => true,
        (err: unknown) => (isConditionFailure(err) ? false : Promise.reject(err)),
      );
    },
    async comment(photoId: string, authorId: string, photoOwnerId: string): Promise<string> {
      const { comment, operation } = buildAddComment({
        photoId,
        authorId,
        photoOwnerId,
        body: `by ${authorId}`,
      });
      await rig.direct.send(new PutCommand(operation.params() as never));
      return comment.commentId;
    },
    async deleteComment(photoId: string, commentId: string, authorId: string): Promise<void> {
      await rig.direct.send(
        new DeleteCommand(buildDeleteComment({ photoId, commentId, authorId }).params() as never),
      );
    },
  };
}

async function queryAll(rig: Rig, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await rig.direct.send(
      new QueryCommand({ ...input, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The truth, read consistently from the items: who likes and who commented on a photo. */
export async function itemsOf(rig: Rig, photoId: string) {
  const likes = await queryAll(
    rig,
    entities().likes.query.byPhoto({ photoId }).params() as QueryCommandInput,
  );
  const comments = await queryAll(
    rig,
    entities().comments.query.byPhoto({ photoId }).params() as QueryCommandInput,
  );
  return {
    likers: likes.map((l) => String(l.userId)),
    commenters: comments.map((c) => String(c.authorId)),
  };
}

/** The photo's stored counters, read consistently. */
export async function countersOf(
  rig: Rig,
  photoId: string,
): Promise<{ likeCount: number; commentCount: number }> {
  const { Item } = await rig.direct.send(
    new GetCommand({ ...(buildGetPhoto(photoId).params() as GetCommandInput), ConsistentRead: true }),
  );
  return { likeCount: Number(Item?.likeCount), commentCount: Number(Item?.commentCount) };
}

/** Every activity entry of a user, hidden ones included. */
export async function entriesOf(rig: Rig, ownerId: string): Promise<Activity[]> {
  return (await queryAll(
    rig,
    entities().activity.query.byOwner({ ownerId }).params() as QueryCommandInput,
  )) as Activity[];
}

/** The named actors of an entry (vacant slots left out). */
export function namedIn(entry: Activity, kind: 'liker' | 'commenter'): string[] {
  return [0, 1, 2]
    .map((i) => (entry as unknown as Record<string, { userId?: string } | undefined>)[`${kind}${i}`]?.userId)
    .filter((id): id is string => typeof id === 'string');
}

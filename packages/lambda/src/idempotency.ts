// Idempotent creates: Powertools Idempotency with its DynamoDB persistence layer, over the table
// `IDEMPOTENCY_TABLE_NAME` (services/data; key `id`, TTL on `expiration`: table/idempotency-table.json)
// and the process's DynamoDB client. An `idempotent` route's function passes this to httpHandler:
//
//   export const handler = httpHandler(route, createAlbum, { authenticate, idempotency });
//
// A request with an Idempotency-Key header runs at most once per caller, route and key within
// IDEMPOTENCY_WINDOW_SECONDS (24 h):
// - the first one writes an INPROGRESS record (a conditional PutItem), runs, and stores its response
//   (UpdateItem); a failure (any error: 4xx, 5xx) deletes the record, so the key can be used again;
// - a repeat with the same path parameters and body gets the stored response again, with the header
//   `idempotent-replayed: true`, and creates nothing;
// - a repeat with other path parameters or another body is refused (422, IdempotencyKeyReusedError);
// - a repeat while the first is still running is refused (409 with Retry-After: 1,
//   IdempotencyInProgressError), so concurrent duplicates create exactly once. If the first
//   invocation dies, its record stops counting as in progress once that invocation's time is up
//   (the in-progress expiry is the Lambda's remaining time), and the next repeat runs.
// The key is scoped by the caller's user id and the route's operationId and stored only as a hash;
// the stored response is the one the first caller got (what any repeat of it may see).
// Without the header, a request is not deduplicated. A store that throttles or cannot be reached is
// a 503 (retry); nothing is created without its INPROGRESS record.
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoDbClient } from '@gallery/core/client';
import { UnavailableError } from '@gallery/core/errors';
import { isRetryableError } from '@gallery/core/retry';
import definition from '@gallery/core/table/idempotency-table.json';
import type { JSONObject, JSONValue } from '@aws-lambda-powertools/commons/types';
import type { Context } from 'aws-lambda';
import { IdempotencyInProgressError, IdempotencyKeyReusedError } from './errors';
import type { HttpResult } from './http';
import { IDEMPOTENCY_WINDOW_SECONDS, REPLAYED_HEADER } from './route';

/** What a request is deduplicated by (scope) and checked against (request). */
export interface IdempotentRequest {
  /** The route: keys of different routes never meet. */
  operation: string;
  /** Who asked, and the key they sent. */
  scope: { userId: string; key: string };
  /** What they asked for: a repeat must ask for exactly this. */
  request: { params: unknown; body: unknown };
}

/** What httpHandler runs an idempotent route's work through (./http.ts HttpHandlerOptions). */
export interface Idempotency {
  run(input: IdempotentRequest, context: Context, work: () => Promise<HttpResult>): Promise<HttpResult>;
}

const keyAttribute = definition.KeySchema[0]!.AttributeName;

export function idempotencyTableName(env: NodeJS.ProcessEnv = process.env): string {
  const name = env.IDEMPOTENCY_TABLE_NAME;
  if (!name) throw new Error('IDEMPOTENCY_TABLE_NAME is not set');
  return name;
}

function isObject(value: JSONValue | undefined): value is JSONObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value as the store keeps it (no undefined, no class instances): what a replay returns. */
function stored(result: HttpResult): HttpResult {
  return JSON.parse(JSON.stringify(result)) as HttpResult;
}

type Run = (
  input: IdempotentRequest,
  context: Context,
  work: () => Promise<HttpResult>,
) => Promise<HttpResult>;

function createIdempotency(): Idempotency {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'scope',
    payloadValidationJmesPath: 'request',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
    // The stored response is an HttpResult as JSON (see `stored`): its headers gain one.
    responseHook: (response) => {
      if (!isObject(response)) return response;
      const headers = isObject(response.headers) ? response.headers : {};
      return { ...response, headers: { ...headers, [REPLAYED_HEADER]: 'true' } };
    },
  });
  // One persistence layer per route: Powertools configures a layer once, with its key prefix. On
  // Lambda a process serves one route; the local servers serve them all from one process.
  const byOperation = new Map<string, Run>();
  const bind = (operation: string): Run => {
    let run = byOperation.get(operation);
    if (!run) {
      // Created on first use, when the environment (table name, endpoint) is final.
      const persistenceStore = new DynamoDBPersistenceLayer({
        tableName: idempotencyTableName(),
        keyAttr: keyAttribute,
        expiryAttr: definition.TimeToLiveAttribute,
        awsSdkV3Client: dynamoDbClient(),
      });
      run = makeIdempotent(
        async (_input: IdempotentRequest, _context: Context, work: () => Promise<HttpResult>) =>
          stored(await work()),
        { persistenceStore, config, keyPrefix: operation },
      );
      byOperation.set(operation, run);
    }
    return run;
  };
  return {
    async run(input, context, work) {
      try {
        return await bind(input.operation)(input, context, work);
      } catch (err) {
        if (err instanceof IdempotencyValidationError) throw new IdempotencyKeyReusedError({ cause: err });
        if (err instanceof IdempotencyAlreadyInProgressError) {
          throw new IdempotencyInProgressError({ cause: err });
        }
        // The store throttled or was unreachable (Powertools wraps the SDK's error): retry later.
        if (isRetryableError(err)) {
          throw new UnavailableError('The idempotency store is unavailable', { cause: err });
        }
        throw err;
      }
    },
  };
}

/** The process's idempotency store (its persistence layer is created on first use). */
export const idempotency: Idempotency = createIdempotency();

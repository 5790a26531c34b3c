// Batched deletes by primary key (BatchWriteItem, 25 keys a request) with what DynamoDB leaves
// unprocessed sent again under the shared retry policy: the scheduler's purge job and the account
// erasure workflow delete this way.
import { BATCH_WRITE_LIMIT, deleteItems } from './access/photo-purges';
import { UnavailableError } from './errors';
import { RETRY_POLICIES, retrying, type RetryOptions } from './retry';

type Key = Record<string, unknown>;

export interface BatchDeleteResult {
  deleted: number;
  /** Keys still not deleted after every resend. */
  left: Key[];
}

/**
 * Deletes `keys` (at most 25) with one BatchWriteItem, resending what DynamoDB leaves unprocessed
 * (throttling) under the shared retry policy, never past `options.deadline`.
 */
export async function deleteBatchWithRetry(
  keys: Key[],
  options: RetryOptions = {},
  send: (keys: Key[]) => Promise<Key[]> = deleteItems,
): Promise<BatchDeleteResult> {
  let pending = keys;
  const { value: left } = await retrying(
    RETRY_POLICIES.throttled,
    async () => {
      pending = await send(pending);
      return { retry: pending.length > 0, value: pending };
    },
    options,
  );
  return { deleted: keys.length - left.length, left };
}

/** Pure: `items` in runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be ≥ 1, got ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Deletes any number of keys, 25 per BatchWriteItem, one batch after the other, each with
 * deleteBatchWithRetry. Keys DynamoDB kept unprocessed through every resend (throttled) make it
 * throw UnavailableError: the caller tries again later, and finds only what is left.
 */
export async function deleteKeys(keys: readonly Key[], options: RetryOptions = {}): Promise<number> {
  let deleted = 0;
  for (const batch of chunk(keys, BATCH_WRITE_LIMIT)) {
    const result = await deleteBatchWithRetry(batch, options);
    if (result.left.length > 0) {
      throw new UnavailableError(`${result.left.length} items were left unprocessed`);
    }
    deleted += result.deleted;
  }
  return deleted;
}

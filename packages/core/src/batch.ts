// Batched deletes by primary key (BatchWriteItem, 25 keys a request) with what DynamoDB leaves
// unprocessed sent again under the shared retry policy: the scheduler's purge job and the account
// erasure workflow delete this way.
import { deleteItems } from './access/photo-purges';
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

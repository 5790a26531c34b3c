// The one place that turns DynamoDB failures into domain errors: transaction
// cancellation reasons (per item, in request order) and SDK errors.
import type { createGalleryService } from './entities/service';
import { ConflictError, UnavailableError, isDomainError } from './errors';
import { RETRY_POLICIES, isRetryableError, retrying } from './retry';

/** One item's verdict in a cancelled TransactWriteItems, as ElectroDB reports it. */
export interface CancellationReason {
  /** DynamoDB code: `None`, `ConditionalCheckFailed`, `TransactionConflict`, `ThrottlingError`, ... */
  code: string;
  /** The item as it was (when the item asked for ReturnValuesOnConditionCheckFailure ALL_OLD). */
  item: Record<string, unknown> | null;
}

/**
 * One item of an ElectroDB `transaction.write` (the type is not exported by name): what a plain
 * request (a queue entry, a condition check on a plain item) is cast to when it rides along.
 */
export type TransactionWriteItem = ReturnType<
  Parameters<ReturnType<typeof createGalleryService>['transaction']['write']>[0]
>[number];

interface ElectroTransaction {
  go(options?: object): Promise<{ canceled: boolean; data: unknown[] }>;
}

export type TransactionOutcome = { ok: true } | { ok: false; reasons: CancellationReason[] };

/**
 * Maps an unexpected failure to a domain error where one applies (throttling,
 * timeouts, unreachable database → UnavailableError); anything else is a bug and is rethrown as is.
 */
export function toDomainError(err: unknown): unknown {
  if (isDomainError(err)) return err;
  if (isRetryableError(err)) {
    return new UnavailableError('The database is unavailable, try again', { cause: err });
  }
  return err;
}

/** Runs `op`, converting unexpected failures with `toDomainError`. */
export async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toDomainError(err);
  }
}

/**
 * Sends one TransactWriteItems. Returns `{ ok: true }`, or the per-item
 * cancellation reasons when conditions failed, for the caller to map to its own
 * typed errors. Conflicts with concurrent transactions are retried (the only
 * case where the request is sent again, besides the SDK's own retries);
 * throttling becomes UnavailableError.
 */
export async function runTransaction(tx: ElectroTransaction): Promise<TransactionOutcome> {
  const { value: reasons, gaveUp } = await retrying(RETRY_POLICIES.transactionConflict, async () => {
    const result = await guarded(() => tx.go());
    if (!result.canceled) return { retry: false, value: null };
    const reasons = (result.data as { code?: string; item?: Record<string, unknown> | null }[]).map((r) => ({
      code: r.code ?? 'None',
      item: r.item ?? null,
    }));
    // A failed condition is an answer; only a conflict (and nothing else) is worth another attempt.
    const conflict =
      !reasons.some((r) => r.code === 'ConditionalCheckFailed') &&
      reasons.some((r) => r.code === 'TransactionConflict');
    return { retry: conflict, value: reasons };
  });
  if (reasons === null) return { ok: true };
  if (reasons.some((r) => r.code === 'ConditionalCheckFailed')) return { ok: false, reasons };
  if (gaveUp) throw new ConflictError('A concurrent change conflicted with this one, try again');
  // Cancellation reasons are codes in a response, not errors the SDK classifies.
  if (reasons.some((r) => r.code === 'ThrottlingError' || r.code === 'ProvisionedThroughputExceeded')) {
    throw new UnavailableError('The database is busy, try again');
  }
  throw new Error(`Transaction cancelled: ${reasons.map((r) => r.code).join(', ')}`);
}

/** True when item `index` of a cancelled transaction failed its condition. */
export function failedCondition(reasons: CancellationReason[], index: number): boolean {
  return reasons[index]?.code === 'ConditionalCheckFailed';
}

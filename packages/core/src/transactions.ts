// The one place that turns DynamoDB failures into domain errors: transaction
// cancellation reasons (per item, in request order) and SDK errors.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, UnavailableError, isDomainError } from './errors';

/** One item's verdict in a cancelled TransactWriteItems, as ElectroDB reports it. */
export interface CancellationReason {
  /** DynamoDB code: `None`, `ConditionalCheckFailed`, `TransactionConflict`, `ThrottlingError`, ... */
  code: string;
  /** The item as it was (when the item asked for ReturnValuesOnConditionCheckFailure ALL_OLD). */
  item: Record<string, unknown> | null;
}

interface ElectroTransaction {
  go(options?: object): Promise<{ canceled: boolean; data: unknown[] }>;
}

export type TransactionOutcome = { ok: true } | { ok: false; reasons: CancellationReason[] };

/**
 * Retry budget for TransactionConflict: a transaction cancelled because another
 * transaction held one of its items wrote nothing, so re-sending it is safe
 * (its conditions are re-evaluated). Hot items (a popular photo's likeCount)
 * need several attempts under a burst.
 */
export const TRANSACTION_RETRY = { attempts: 12, baseDelayMs: 5, maxDelayMs: 200 } as const;

const THROTTLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);

/**
 * Network failures on the way to DynamoDB (after the SDK's own retries): the database is
 * unreachable, which is a 503 for callers, never a 500.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const NETWORK_MESSAGE = new RegExp(`\\b(${[...NETWORK_CODES].join('|')})\\b|socket hang up`);

/** `err` and its causes: ElectroDB wraps SDK errors in ElectroError with the original as `cause`. */
function causeChain(err: unknown): { name?: string; code?: string; message?: string }[] {
  const chain: { name?: string; code?: string; message?: string }[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { name?: string; code?: string; message?: string; cause?: unknown };
    chain.push(e);
    current = e.cause;
  }
  return chain;
}

function isUnavailable(e: { name?: string; code?: string; message?: string }): boolean {
  return (
    (e.name !== undefined && THROTTLE_NAMES.has(e.name)) ||
    (e.code !== undefined && NETWORK_CODES.has(e.code)) ||
    // The SDK's retry layer re-wraps a thrown value that is not `instanceof Error` (a socket error
    // from another realm, as under jest) as `AWS SDK error wrapper for Error: connect ECONNREFUSED`,
    // dropping its code: only the message still says what happened.
    (typeof e.message === 'string' && NETWORK_MESSAGE.test(e.message))
  );
}

/**
 * Maps an unexpected failure to a domain error where one applies (throttling,
 * timeouts, unreachable database → UnavailableError); anything else is a bug and is rethrown as is.
 */
export function toDomainError(err: unknown): unknown {
  if (isDomainError(err)) return err;
  if (causeChain(err).some(isUnavailable)) {
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

function jitter(attempt: number): number {
  const cap = Math.min(TRANSACTION_RETRY.maxDelayMs, TRANSACTION_RETRY.baseDelayMs * 2 ** attempt);
  return Math.random() * cap;
}

/**
 * Sends one TransactWriteItems. Returns `{ ok: true }`, or the per-item
 * cancellation reasons when conditions failed, for the caller to map to its own
 * typed errors. Conflicts with concurrent transactions are retried (the only
 * case where the request is sent again, besides the SDK's own retries);
 * throttling becomes UnavailableError.
 */
export async function runTransaction(tx: ElectroTransaction): Promise<TransactionOutcome> {
  for (let attempt = 0; ; attempt++) {
    const result = await guarded(() => tx.go());
    if (!result.canceled) return { ok: true };
    const reasons = (result.data as { code?: string; item?: Record<string, unknown> | null }[]).map((r) => ({
      code: r.code ?? 'None',
      item: r.item ?? null,
    }));
    if (reasons.some((r) => r.code === 'ConditionalCheckFailed')) return { ok: false, reasons };
    if (reasons.some((r) => r.code === 'TransactionConflict')) {
      if (attempt + 1 >= TRANSACTION_RETRY.attempts) {
        throw new ConflictError('A concurrent change conflicted with this one, try again');
      }
      await sleep(jitter(attempt));
      continue;
    }
    if (reasons.some((r) => r.code === 'ThrottlingError' || r.code === 'ProvisionedThroughputExceeded')) {
      throw new UnavailableError('The database is busy, try again');
    }
    throw new Error(`Transaction cancelled: ${reasons.map((r) => r.code).join(', ')}`);
  }
}

/** True when item `index` of a cancelled transaction failed its condition. */
export function failedCondition(reasons: CancellationReason[], index: number): boolean {
  return reasons[index]?.code === 'ConditionalCheckFailed';
}

// The one retry policy of the code base, for the work the SDK cannot retry by itself because the
// request succeeded: a transaction cancelled by a conflicting one, the items a BatchWriteItem left
// unprocessed, the keys a DeleteObjects reported as failed. (A request that fails outright is
// retried by the SDK's own standard retry mode, inside the client.) One backoff formula for all
// three, full-jitter exponential backoff as in the SDK's standard mode; each use names its policy.
// Which errors mean "try again later" is the SDK's decision (@smithy/core/retry), not a list here.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_RETRY_DELAY_BASE,
  THROTTLING_RETRY_DELAY_BASE,
  isServerError,
  isThrottlingError,
  isTransientError,
} from '@smithy/core/retry';

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  attempts: number;
  /** The cap of the first wait; it doubles with every retry. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
}

export const RETRY_POLICIES = {
  /**
   * A transaction cancelled because another one held one of its items wrote nothing, so re-sending
   * it is safe (its conditions are evaluated again). Conflicts clear in milliseconds, and a hot
   * item (a popular album's photoCount) can need several attempts under a burst.
   */
  transactionConflict: { attempts: 12, baseDelayMs: 5, maxDelayMs: 200 },
  /**
   * What a throttled service left undone (unprocessed batch items, S3's SlowDown per key): waits
   * start where the SDK's own throttling retries start, and the SDK has already retried the request.
   */
  throttled: { attempts: 4, baseDelayMs: THROTTLING_RETRY_DELAY_BASE, maxDelayMs: 4_000 },
  /** A transient per-item failure that is not throttling (S3's InternalError for one key). */
  transient: { attempts: 3, baseDelayMs: DEFAULT_RETRY_DELAY_BASE, maxDelayMs: 1_000 },
} as const satisfies Record<string, RetryPolicy>;

/**
 * The wait before retry number `retry` (0 for the first retry): uniformly random below
 * min(maxDelayMs, baseDelayMs · 2^retry), so concurrent callers that failed together spread out.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}

/** One attempt's outcome: done, or worth another attempt; `value` is what the caller gets back. */
export type Attempt<T> = { retry: boolean; value: T };

export interface RetryOptions {
  /** Epoch ms: no wait ends after it (a job's budget, a function's time limit). */
  deadline?: number;
  wait?: (ms: number) => Promise<unknown>;
  random?: () => number;
}

export interface RetryResult<T> {
  /** The last attempt's value. */
  value: T;
  attempts: number;
  /** The last attempt still asked for a retry: the attempts or the time ran out. */
  gaveUp: boolean;
}

/**
 * Runs `attempt` until it says it is done, at most `policy.attempts` times, waiting `backoffDelay`
 * between attempts and never past `options.deadline`. An exception ends the loop as it is.
 */
export async function retrying<T>(
  policy: RetryPolicy,
  attempt: (index: number) => Promise<Attempt<T>>,
  options: RetryOptions = {},
): Promise<RetryResult<T>> {
  const wait = options.wait ?? sleep;
  for (let index = 0; ; index += 1) {
    const outcome = await attempt(index);
    if (!outcome.retry) return { value: outcome.value, attempts: index + 1, gaveUp: false };
    if (index + 1 >= policy.attempts) return { value: outcome.value, attempts: index + 1, gaveUp: true };
    const delay = backoffDelay(policy, index, options.random);
    if (options.deadline !== undefined && Date.now() + delay >= options.deadline) {
      return { value: outcome.value, attempts: index + 1, gaveUp: true };
    }
    await wait(delay);
  }
}

type SdkError = Parameters<typeof isTransientError>[0];

/** The SDK's verdict on one error, without its cause chain (walked by the caller). */
function retryableBySdk(e: SdkError): boolean {
  return isThrottlingError(e) || isTransientError(e) || isServerError(e);
}

/**
 * The SDK's retry layer re-wraps a thrown value that is not `instanceof Error` (a socket error from
 * another realm, as under jest) as `AWS SDK error wrapper for <name>: <message>`, dropping its code:
 * the name and the code are read back from the text and classified the same way. Node's message for
 * a reset connection, `socket hang up`, is its ECONNRESET.
 */
function unwrapped(message: string | undefined): SdkError | undefined {
  const match = /^AWS SDK error wrapper for (\w+): (.*)$/s.exec(message ?? '');
  if (!match) return undefined;
  const [, name = 'Error', text = ''] = match;
  const code =
    /\b(E[A-Z_]{3,})\b/.exec(text)?.[1] ?? (text.includes('socket hang up') ? 'ECONNRESET' : undefined);
  return { name, message: text, ...(code ? { code } : {}) } as SdkError;
}

/**
 * True when `err` says the service is busy or unreachable for now (throttling, timeouts, network
 * errors, 5xx), by the SDK's own classification, for an error or any of its causes (ElectroDB wraps
 * SDK errors with the original as `cause`).
 */
export function isRetryableError(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const e = current as SdkError & { cause?: unknown; code?: string };
    if (retryableBySdk(e)) return true;
    const original = unwrapped(e.message);
    if (original && retryableBySdk(original)) return true;
    current = e.cause;
  }
  return false;
}

/** A service's per-item error code (reported in a response, not thrown) as the SDK sees an error. */
function asError(code: string): SdkError {
  return { name: code, message: code, $metadata: {} };
}

/** True when an error code a service reported for one item means "slow down". */
export function isThrottlingCode(code: string): boolean {
  return isThrottlingError(asError(code));
}

/** True when an error code a service reported for one item is transient. */
export function isTransientCode(code: string): boolean {
  return isTransientError(asError(code));
}

// Removing a deleted photo's objects from the media bucket: one signed DeleteObject request per
// object (the upload and its two renditions), sent with fetch, all at once. An S3Client for one
// DeleteObjects call was ~165 KB of deletePhoto's bundle, the only API function that needed it;
// these requests are idempotent (S3 answers 204 whether or not the object existed), so retrying
// them is safe.
import { S3_CLIENT_DEFAULTS } from '@gallery/lambda/s3';
import { signedDeleteRequest } from './s3';

/** Longest wait for one attempt: a DELETE answers in tens of ms. */
export const DELETE_TIMEOUT_MS = 2_000;

export interface ObjectLeft {
  key: string;
  /** `HTTP <status>`, `deadline`, or the error (`TimeoutError: …`, `TypeError: ECONNREFUSED`). */
  reason: string;
}

/**
 * Deletes `keys`, each tried up to S3_CLIENT_DEFAULTS.maxAttempts times and never past `deadline`
 * (epoch ms: the caller's own time limit, since it runs after the photo row is already gone).
 * Returns the keys not confirmed deleted; never throws.
 */
export async function deleteObjects(keys: readonly string[], deadline: number): Promise<ObjectLeft[]> {
  const outcomes = await Promise.all(keys.map((key) => deleteObject(key, deadline)));
  return outcomes.filter((left): left is ObjectLeft => left !== undefined);
}

async function deleteObject(key: string, deadline: number): Promise<ObjectLeft | undefined> {
  let reason = 'deadline';
  for (let attempt = 1; attempt <= S3_CLIENT_DEFAULTS.maxAttempts; attempt += 1) {
    if (attempt > 1) await backoff(attempt, reason);
    const timeout = Math.min(DELETE_TIMEOUT_MS, deadline - Date.now());
    if (timeout <= 0) return { key, reason: attempt === 1 ? 'deadline' : `${reason}, then deadline` };
    let request: Awaited<ReturnType<typeof signedDeleteRequest>>;
    try {
      // Signed per attempt: the signature carries the time.
      request = await signedDeleteRequest(key);
    } catch (err) {
      // No credentials or no bucket name: a retry would fail the same way.
      return { key, reason: errorReason(err) };
    }
    try {
      const response = await fetch(request.url, {
        method: 'DELETE',
        headers: request.headers,
        // S3 does not redirect a regional request; following one would drop the signature.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeout),
      });
      // Read to the end, so the connection goes back to the pool.
      await response.arrayBuffer();
      if (response.ok) return undefined;
      reason = `HTTP ${response.status}`;
      // A refusal (403 AccessDenied, 400, 3xx) will not change on a retry; throttling and 5xx may.
      if (response.status < 500 && response.status !== 429) break;
    } catch (err) {
      reason = errorReason(err);
    }
  }
  return { key, reason };
}

function errorReason(err: unknown): string {
  // Not `instanceof Error`: fetch's errors may come from another realm (undici's, a test VM's).
  const { name, message, cause } = (err ?? {}) as {
    name?: unknown;
    message?: unknown;
    cause?: { code?: unknown };
  };
  if (typeof name !== 'string') return 'unknown error';
  return `${name}: ${typeof cause?.code === 'string' ? cause.code : String(message)}`;
}

/**
 * Full-jitter exponential backoff: up to 100 ms, then 200 ms; throttling (429, 503 SlowDown)
 * backs off from 500 ms, as the SDK's standard retry mode does.
 */
function backoff(attempt: number, lastReason: string): Promise<void> {
  const base = lastReason === 'HTTP 429' || lastReason === 'HTTP 503' ? 500 : 100;
  const ms = Math.random() * base * 2 ** (attempt - 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Removing a deleted photo's objects from the media bucket: one signed DeleteObject request per
// object (the upload and its two renditions), sent with fetch, all at once. An S3Client for one
// DeleteObjects call was ~165 KB of delete-photo's bundle, the only API function that needed it;
// these requests are idempotent (S3 answers 204 whether or not the object existed), so retrying
// them is safe.
import { S3_CLIENT_DEFAULTS } from '@gallery/lambda/s3';
import { signedDeleteRequest } from './s3';

/**
 * Per attempt, the whole request. A DELETE answers in tens of ms; three attempts must fit well
 * inside delete-photo's 10 s timeout, which runs after the photo is already deleted.
 */
export const DELETE_TIMEOUT_MS = 2_000;

export interface ObjectLeft {
  key: string;
  /** `HTTP <status>` or the network error's name (`TimeoutError`, `TypeError` for a refused connection). */
  reason: string;
}

/** Deletes `keys`; returns those still there after S3_CLIENT_DEFAULTS.maxAttempts tries each. */
export async function deleteObjects(keys: readonly string[]): Promise<ObjectLeft[]> {
  const outcomes = await Promise.all(keys.map(deleteObject));
  return outcomes.filter((left): left is ObjectLeft => left !== undefined);
}

async function deleteObject(key: string): Promise<ObjectLeft | undefined> {
  let reason = '';
  for (let attempt = 1; attempt <= S3_CLIENT_DEFAULTS.maxAttempts; attempt += 1) {
    if (attempt > 1) await backoff(attempt);
    try {
      // Signed per attempt: the signature carries the time.
      const { url, headers } = await signedDeleteRequest(key);
      const response = await fetch(url, {
        method: 'DELETE',
        headers,
        signal: AbortSignal.timeout(DELETE_TIMEOUT_MS),
      });
      // Read to the end, so the connection goes back to the pool.
      await response.arrayBuffer();
      if (response.ok) return undefined;
      reason = `HTTP ${response.status}`;
      // A refusal (403 AccessDenied, 400) will not change on a retry; throttling and 5xx may.
      if (response.status < 500 && response.status !== 429) break;
    } catch (err) {
      reason = err instanceof Error ? err.name : 'unknown';
    }
  }
  return { key, reason };
}

/** Full-jitter exponential backoff, as the SDK's standard retry mode: up to 100 ms, 200 ms, … */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * 100 * 2 ** (attempt - 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

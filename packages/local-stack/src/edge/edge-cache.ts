// The edge cache of the local proxy: how long CloudFront keeps a response, per its documentation
// ("Manage how long content stays in the cache"), and a bounded store keyed by the cache key.

export interface CachePolicyTtls {
  /** Seconds. */
  MinTTL: number;
  DefaultTTL: number;
  MaxTTL: number;
}

/** Error codes CloudFront caches (others, such as 422, are never cached). */
const CACHEABLE_ERRORS = new Set([400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504]);
/** CloudFront's default error caching minimum TTL (seconds). */
export const DEFAULT_ERROR_CACHING_TTL = 10;

function directive(cacheControl: string, name: string): number | undefined {
  const match = new RegExp(`(?:^|,)\\s*${name}\\s*=\\s*"?(\\d+)"?`, 'i').exec(cacheControl);
  return match ? Number(match[1]) : undefined;
}

/**
 * Seconds CloudFront keeps a response; 0 when it does not cache it.
 * - 2xx: `no-store`/`no-cache`/`private` are honoured only when MinTTL is 0 (else MinTTL applies);
 *   `s-maxage`, else `max-age`, is clamped between MinTTL and MaxTTL; without either, DefaultTTL
 *   (never below MinTTL).
 * - errors: the error caching minimum TTL of that code (10 s unless configured), cacheable codes only.
 */
export function edgeTtlSeconds(
  status: number,
  cacheControl: string | null,
  policy: CachePolicyTtls,
  errorCaching: Record<number, number>,
): number {
  if (status >= 400) {
    return CACHEABLE_ERRORS.has(status) ? (errorCaching[status] ?? DEFAULT_ERROR_CACHING_TTL) : 0;
  }
  if (status !== 200 && status !== 203 && status !== 206) return 0;
  const header = cacheControl ?? '';
  if (/(^|,)\s*(no-store|no-cache|private)\b/i.test(header)) return policy.MinTTL;
  const age = directive(header, 's-maxage') ?? directive(header, 'max-age');
  if (age === undefined) return Math.max(policy.MinTTL, policy.DefaultTTL);
  return Math.min(policy.MaxTTL, Math.max(policy.MinTTL, age));
}

export interface CachedResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: Buffer;
  storedAt: number;
  ttlMs: number;
}

/** Least recently used first out, bounded by total body bytes. */
export class EdgeCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string, now: number): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now - entry.storedAt >= entry.ttlMs) {
      this.bytes -= entry.body.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= previous.body.length;
    }
    if (entry.body.length > this.maxBytes) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.body.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

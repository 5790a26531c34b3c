// Opaque, tamper-evident cursors. A cursor is
//   base64url(JSON{ l: list identity, k: LastEvaluatedKey }) + "." + base64url(HMAC-SHA256)
// The identity (pattern name + partition value) binds a cursor to the list it
// came from, so it cannot be replayed against another list or partition. A bad
// cursor throws InvalidCursorError before any request is sent.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError, ValidationError } from './errors';

/**
 * Development default, used only outside Lambda when CURSOR_SECRET is unset (unit tests, scripts):
 * cursors are then still tamper-evident against clients, but forgeable by anyone who reads this
 * source. Inside Lambda (AWS_LAMBDA_FUNCTION_NAME set, as AWS and serverless-offline set it) a
 * missing CURSOR_SECRET fails every cursor instead: a deployment without it must not quietly sign
 * with a public key.
 */
export const DEV_CURSOR_SECRET = 'gallery-dev-cursor-secret-not-for-production';

export const PAGE_LIMIT = { min: 1, max: 100, default: 20 } as const;

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface PageRequest {
  limit?: number;
  cursor?: string | null;
}

export interface ListIdentity {
  /** Access pattern name, e.g. `listAlbumPhotos`. */
  pattern: string;
  /** The partition the list reads, e.g. the album id. */
  partition: string;
}

type Key = Record<string, string | number>;

function secret(): string {
  const configured = process.env.CURSOR_SECRET;
  if (configured) return configured;
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error(
      'CURSOR_SECRET is not set: a Lambda function does not sign cursors with the development secret',
    );
  }
  return DEV_CURSOR_SECRET;
}

function sign(payload: string): Buffer {
  return createHmac('sha256', secret()).update(payload).digest();
}

function identityOf(list: ListIdentity): string {
  return `${list.pattern}:${list.partition}`;
}

export function encodeCursor(list: ListIdentity, lastEvaluatedKey: Key): string {
  const payload = Buffer.from(JSON.stringify({ l: identityOf(list), k: lastEvaluatedKey })).toString(
    'base64url',
  );
  return `${payload}.${sign(payload).toString('base64url')}`;
}

function isKey(value: unknown): value is Key {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.length <= 6 &&
    entries.every(([, v]) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
  );
}

export function decodeCursor(list: ListIdentity, cursor: string): Key {
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined || cursor.length > 2048) throw new InvalidCursorError();
  const expected = sign(payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidCursorError();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new InvalidCursorError({ cause });
  }
  const { l, k } = (body ?? {}) as { l?: unknown; k?: unknown };
  if (l !== identityOf(list) || !isKey(k)) throw new InvalidCursorError();
  return k;
}

export interface ResolvedPage {
  limit: number;
  /** The verified LastEvaluatedKey to start from, if any. */
  startKey: Key | undefined;
}

/**
 * Validates limit and cursor for `list` (before any request) and returns the page size and the
 * key to start from (reads.ts turns them into exactly one Query).
 */
export function resolvePage(list: ListIdentity, page: PageRequest = {}): ResolvedPage {
  const limit = page.limit ?? PAGE_LIMIT.default;
  if (!Number.isInteger(limit) || limit < PAGE_LIMIT.min || limit > PAGE_LIMIT.max) {
    throw new ValidationError('Invalid page limit', [
      { path: 'limit', message: `must be an integer from ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max}` },
    ]);
  }
  if (page.cursor !== undefined && page.cursor !== null && typeof page.cursor !== 'string') {
    throw new InvalidCursorError();
  }
  const startKey = page.cursor ? decodeCursor(list, page.cursor) : undefined;
  return { limit, startKey };
}

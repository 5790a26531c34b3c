// What a handle may be. The format is the data layer's (HANDLE_PATTERN); on top of it some names are
// reserved because they read as official or collide with URL paths (/v1/users/{handle}).
import { HANDLE_PATTERN } from '@gallery/core/validation';

export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  'about',
  'admin',
  'administrator',
  'api',
  'auth',
  'gallery',
  'help',
  'login',
  'logout',
  'mod',
  'moderator',
  'null',
  'official',
  'root',
  'security',
  'settings',
  'signup',
  'staff',
  'support',
  'system',
  'undefined',
  'www',
]);

export type HandleProblem = 'malformed' | 'reserved';

/**
 * Why a handle cannot be used, or undefined if it can. Expects the canonical (lower-case) form:
 * the routes lower-case before signing up, so anything else reached Cognito some other way.
 */
export function handleProblem(handle: string | undefined): HandleProblem | undefined {
  if (handle === undefined || !HANDLE_PATTERN.test(handle)) return 'malformed';
  if (RESERVED_HANDLES.has(handle)) return 'reserved';
  return undefined;
}

// Integration-test support: the api service's handlers behind a real HTTP server (routes from
// serverless.yml), and signed-in users with real cognito-local tokens and a profile.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { registerUser, type User } from '@gallery/core/access/users';
import { startLocalHttpServer, type LocalHttpServer } from '@gallery/testing/local-http';
import { closeAccountClients, createSignedInAccount } from '@gallery/local-stack/users';

export const SERVICE_DIR = path.resolve(__dirname, '..');

/** The api over HTTP; share URLs point at it (PUBLIC_BASE_URL, as the deploy sets it to the API's own URL). */
export async function startApi(): Promise<LocalHttpServer> {
  const server = await startLocalHttpServer({ serviceDir: SERVICE_DIR });
  process.env.PUBLIC_BASE_URL ??= server.url;
  return server;
}

export interface TestUser {
  userId: string;
  handle: string;
  email: string;
  token: string;
  profile: User;
}

export function closeCognito(): void {
  closeAccountClients();
}

/**
 * "Sign up": a confirmed Cognito user with a password, signed in with USER_PASSWORD_AUTH, and the
 * profile the auth service's PostConfirmation trigger creates in production (`registerUser`).
 */
export async function signUp(prefix = 'u'): Promise<TestUser> {
  const handle = `${prefix}_${randomBytes(6).toString('hex')}`;
  const email = `${handle}@example.com`;
  const account = await createSignedInAccount({ email });
  const profile = await registerUser({ userId: account.sub, email, handle, displayName: `Test ${handle}` });
  return { userId: account.sub, handle, email, token: account.accessToken, profile };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked by assertions, not types
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  /** JSON-encoded unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP request to the API; the body is parsed as JSON when there is one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as ApiResponse
export async function call<T = any>(
  api: { url: string },
  method: string,
  route: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${api.url}${route}`, { method, headers, body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    body: text && /json/.test(type) ? JSON.parse(text) : text,
    text,
  };
}

/** A syntactically valid id that names nothing. */
export const unknownUlid = (): string => '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** A well-formed token with a bad signature: the right header and claims, signed by nobody. */
export function badToken(of: TestUser): string {
  const [header, payload] = of.token.split('.') as [string, string];
  return `${header}.${payload}.${randomBytes(256).toString('base64url')}`;
}

export const uniqueTitle = (what: string): string => `${what} ${randomUUID().slice(0, 8)}`;

/** 1×1 transparent PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * GET /v1/photos/{id} until its counters show `expected`: likes and comments are counted from the
 * table's stream (the activity service, run by the jest harness), so they converge shortly after
 * the request that made them. Returns the photo; throws with the last body after `timeoutMs`.
 */
export async function convergedPhoto(
  api: { url: string },
  token: string,
  photoId: string,
  expected: { likeCount?: number; commentCount?: number },
  timeoutMs = 15_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call(api, 'GET', `/v1/photos/${photoId}`, { token });
    const matches = Object.entries(expected).every(([name, value]) => body[name] === value);
    if (matches) return body;
    if (Date.now() > deadline) {
      throw new Error(
        `photo counters did not converge to ${JSON.stringify(expected)}: ${JSON.stringify(body)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

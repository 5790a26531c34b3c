// Shared by the api service's benchmarks (cold start, routes, growth, throughput): statistics,
// progress, the machine line, the docs/performance.md section writer, API Gateway v2 events for
// in-process invocation, and signed-in users with real cognito-local tokens.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { PERFORMANCE_DOC, writePerformanceSection } from '@gallery/testing/perf-doc';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { toApiGatewayEvent, type HttpRoute } from '@gallery/testing/local-http';
import { startLocalStack, type LocalStack } from '@gallery/local-stack/stack';
import { createSignedInAccount } from '@gallery/local-stack/users';

export const SERVICE_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(SERVICE_DIR, '../..');

export const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
export const median = (xs: readonly number[]): number => quantile(xs, 0.5);
export const ms = (x: number, digits = 2): string => x.toFixed(digits);

/** One-line progress on a terminal; one line per update in a log file. */
export function progress(text: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${text}`);
  else process.stdout.write(`${text}\n`);
}
export function progressDone(): void {
  if (process.stdout.isTTY) process.stdout.write('\n');
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Replaces (or appends) the section between `<!-- name-bench:start -->` and `<!-- name-bench:end -->`. */
export function writeSection(name: string, section: string): void {
  writePerformanceSection(name, section.trim());
  console.log(`Wrote the ${name}-bench section of ${path.relative(REPO_ROOT, PERFORMANCE_DOC)}`);
}

export function table(header: string[], rows: (string | number)[][], align?: ('l' | 'r')[]): string {
  const sep = header.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Sets the stack's environment on this process, as Lambda would on the function. */
export function useStackEnv(stack: LocalStack): void {
  Object.assign(process.env, stack.env);
}

export interface BenchUser {
  userId: string;
  handle: string;
  email: string;
  token: string;
}

/** A confirmed cognito-local user with a real access token (no profile: callers register one). */
export async function cognitoUser(stack: LocalStack, prefix: string): Promise<BenchUser> {
  const handle = `${prefix}_${randomBytes(5).toString('hex')}`;
  const email = `${handle}@example.com`;
  const account = await createSignedInAccount({
    endpoint: stack.cognito.endpoint,
    userPoolId: stack.cognito.userPoolId,
    clientId: stack.cognito.clientId,
    email,
  });
  return { userId: account.sub, handle, email, token: account.accessToken };
}

export interface EventSpec {
  method: string;
  /** Route template, as in config.yml. */
  route: string;
  /** Concrete path. */
  path: string;
  query?: Record<string, string>;
  token?: string;
  body?: unknown;
}

/** The API Gateway v2 event API Gateway (and the local HTTP adapter) would deliver for `spec`. */
export function apiEvent(spec: EventSpec): APIGatewayProxyEventV2 {
  const template = spec.route.split('/');
  const segments = spec.path.split('/');
  const pathParameters: Record<string, string> = {};
  template.forEach((t, i) => {
    if (t.startsWith('{')) pathParameters[t.slice(1, -1)] = decodeURIComponent(segments[i] ?? '');
  });
  const qs = spec.query ? `?${new URLSearchParams(spec.query).toString()}` : '';
  const headers: Record<string, string> = { host: 'api.example.com', 'user-agent': 'bench' };
  if (spec.token) headers.authorization = `Bearer ${spec.token}`;
  const body = spec.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(spec.body));
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  const route = { method: spec.method, path: spec.route } as HttpRoute;
  return toApiGatewayEvent(
    { method: spec.method, url: `${spec.path}${qs}`, headers, body },
    { route, pathParameters },
  );
}

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: 'bench',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Handler logs (one JSON line per rejected request) would drown the progress output. */
export function silenceHandlerLogs(): () => void {
  const write = process.stdout.write;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('{"')) return true;
    return (write as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  return () => {
    process.stdout.write = write;
  };
}

/**
 * Starts the emulators for one benchmark (its own table and bucket), points the handlers at them
 * with their logs silenced, runs `body`, and always stops everything.
 */
export async function withBenchStack(
  name: string,
  body: (stack: LocalStack, started: number) => Promise<void>,
): Promise<void> {
  const started = Date.now();
  console.log('Starting DynamoDB Local, s3rver and cognito-local…');
  const stack = await startLocalStack({
    tableName: `gallery-bench-${name}`,
    bucketName: `gallery-bench-${name}`,
  });
  const restore = silenceHandlerLogs();
  try {
    useStackEnv(stack);
    await body(stack, started);
  } finally {
    restore();
    await stack.stop();
  }
}

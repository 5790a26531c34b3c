// Shared by the api service's benchmarks (cold start, routes, growth, throughput): API Gateway v2
// events for in-process invocation and signed-in users with real cognito-local tokens; statistics,
// progress, the machine line and the docs/performance.md section writer come from @gallery/testing.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { silenceHandlerLogs } from '@gallery/testing/bench';
import { toApiGatewayEvent, type HttpRoute } from '@gallery/testing/local-http';
import { lambdaContext as localLambdaContext } from '@gallery/local-stack/lambda-context';
import { startLocalStack, type LocalStack } from '@gallery/local-stack/stack';
import { createSignedInAccount } from '@gallery/local-stack/users';

export const SERVICE_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(SERVICE_DIR, '../..');

export {
  silenceHandlerLogs,
  machine,
  median,
  ms,
  progress,
  progressDone,
  quantile,
  table,
  today,
  writeSection,
} from '@gallery/testing/bench';

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
  // One context serves a whole run: its deadline is Lambda's longest timeout away.
  return localLambdaContext(functionName, {
    deadline: Date.now() + 900_000,
    memoryLimitInMB: 512,
    awsRequestId: 'bench',
  });
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

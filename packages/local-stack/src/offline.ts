/**
 * Runs one service under serverless-offline (serverless-esbuild builds it on start), as a child
 * process in its own process group so that stop() takes down the whole tree (osls, esbuild's
 * service process, worker threads), and under the supervisor (bin/supervise.js) so that it dies
 * with the harness even when the harness is SIGKILLed.
 *
 * - HTTP routes answer on `http://127.0.0.1:<httpPort>/v1/...` (no stage prefix).
 * - Every function can be invoked on `http://127.0.0.1:<lambdaPort>` with the Lambda Invoke API
 *   (function names `gallery-<service>-<stage>-<function>`): that is how s3rver's events reach the
 *   thumbnail function and how cognito-local calls triggers.
 * - `schedule` events fire on their own schedule.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVERLESS_BIN = path.join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');
const SUPERVISOR = path.join(__dirname, '..', 'bin', 'supervise.js');
const HOST = '127.0.0.1';

/**
 * Harness env vars that the services' serverless.yml files read as `${param:...}`. serverless-offline
 * gives the function environment from serverless.yml precedence over the process environment, so
 * these must be passed as params to take effect; they are passed as env too, for code that runs in
 * the osls process itself.
 */
export const PARAMS_FROM_ENV: Readonly<Record<string, string>> = {
  TABLE_NAME: 'tableName',
  IDEMPOTENCY_TABLE_NAME: 'idempotencyTableName',
  BUCKET_NAME: 'bucketName',
  USER_POOL_CLIENT_ID: 'userPoolClientId',
  JWT_ISSUER: 'jwtIssuer',
  CURSOR_SECRET: 'cursorSecret',
  MEDIA_CDN_URL: 'mediaCdnUrl',
  USER_POOL_ID: 'userPoolId',
  ERASURE_STATE_MACHINE_ARN: 'erasureStateMachineArn',
  EXPORT_STATE_MACHINE_ARN: 'exportStateMachineArn',
};

export interface OfflineOptions {
  /** Folder name under services/, e.g. `api`. */
  service: string;
  /** The service's folder, when it is not services/<service> (a test's scratch service). */
  serviceDir?: string;
  httpPort: number;
  lambdaPort: number;
  /** Environment for the functions (TABLE_NAME, DYNAMODB_ENDPOINT, AWS_REGION, credentials, ...). */
  env?: Record<string, string>;
  stage?: string;
  /** Called with each line the process prints, from its start. */
  onLine?: (line: string) => void;
  /** How long the build and start may take. Default 120 s. */
  timeoutMs?: number;
}

export interface OfflineService {
  /** Base URL of the service's HTTP routes (nothing listens there if it has none). */
  url: string;
  /** Base URL of the Lambda Invoke API for the service's functions. */
  lambdaEndpoint: string;
  pid: number;
  /** Last lines the process printed. */
  output(): string;
  stop(): Promise<void>;
}

/** What serverless-offline needs to know about a service, read from its config files. */
export interface ServiceShape {
  /**
   * The service has HTTP routes (route contracts, which the http-routes plugin turns into httpApi
   * events), so serverless-offline starts its HTTP server.
   */
  hasHttpRoutes: boolean;
}

export function serviceShape(serviceDir: string): ServiceShape {
  const serverlessYml = readFileSync(path.join(serviceDir, 'serverless.yml'), 'utf8');
  return { hasHttpRoutes: /^\s*routeContracts\s*:/m.test(serverlessYml) };
}

/** The osls command line for `serverless offline start`, without the node executable. */
export function offlineArgs(options: OfflineOptions, shape: ServiceShape): string[] {
  const args = [
    SERVERLESS_BIN,
    'offline',
    'start',
    '--stage',
    options.stage ?? 'dev',
    '--host',
    HOST,
    '--httpPort',
    String(options.httpPort),
    '--lambdaPort',
    String(options.lambdaPort),
    '--noPrependStageInUrl',
    // Functions see the harness's environment (endpoints, credentials) beneath their own.
    '--localEnvironment',
    '--noSponsor',
  ];
  // serverless-offline's JWT authorizer cannot check signatures and answers in its own shape
  // (`{"statusCode":401,"error":…}`): it is off, and the handlers, which verify every token
  // themselves, answer a refused one as API Gateway's authorizer does on AWS.
  if (shape.hasHttpRoutes) args.push('--noAuth');
  for (const [envName, param] of Object.entries(PARAMS_FROM_ENV)) {
    const value = options.env?.[envName];
    if (value !== undefined) args.push('--param', `${param}=${value}`);
  }
  // Quiet runs stay quiet: no sampled invocation switches to DEBUG (POWERTOOLS_LOGGER_SAMPLE_RATE).
  const level = options.env?.LOG_LEVEL ?? process.env.LOG_LEVEL;
  if (level?.toLowerCase() === 'silent') args.push('--param', 'logSampleRate=0');
  // The api's share URLs start with its public base URL: locally, this server's own.
  const publicBaseUrl = options.env?.PUBLIC_BASE_URL ?? `http://${HOST}:${options.httpPort}`;
  args.push('--param', `publicBaseUrl=${publicBaseUrl}`);
  return args;
}

const live = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

// `exit` handlers cannot wait: signal every group still running. The supervisor also notices its
// stdin closing if this process is killed outright.
process.on('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGTERM');
});

/** Calls `onLine` with each complete line of a stream that arrives in chunks. */
function lineSplitter(onLine: (line: string) => void): (chunk: Buffer) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

export async function startOffline(options: OfflineOptions): Promise<OfflineService> {
  const serviceDir = options.serviceDir ?? path.join(ROOT, 'services', options.service);
  if (!existsSync(path.join(serviceDir, 'serverless.yml'))) {
    throw new Error(`startOffline: no service at ${serviceDir}`);
  }
  const shape = serviceShape(serviceDir);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const child = spawn(process.execPath, [SUPERVISOR, process.execPath, ...offlineArgs(options, shape)], {
    cwd: serviceDir,
    env: {
      // One EMF metrics line per invocation is of no use locally (CloudWatch reads them): off unless
      // asked for (POWERTOOLS_METRICS_DISABLED=false).
      POWERTOOLS_METRICS_DISABLED: 'true',
      ...process.env,
      ...options.env,
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      // Build into a folder of its own: `pnpm package` wipes `.esbuild`, which would pull the
      // bundles out from under a running `pnpm dev`.
      GALLERY_ESBUILD_FOLDER: '.esbuild-offline',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Own process group: stop() signals the group, reaching esbuild and anything else osls spawned.
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`startOffline(${options.service}): spawn failed`);
  live.add(pid);

  let tail: string[] = [];
  const collect = (line: string) => {
    tail = [...tail, line].slice(-40);
    options.onLine?.(line);
  };
  child.stdout?.on('data', lineSplitter(collect));
  child.stderr?.on('data', lineSplitter(collect));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : 0);
      live.delete(pid);
      resolve();
    }),
  );

  const url = `http://${HOST}:${options.httpPort}`;
  const lambdaEndpoint = `http://${HOST}:${options.lambdaPort}`;
  const output = () => tail.join('\n');

  const stop = async (): Promise<void> => {
    if (exitCode !== undefined) return;
    child.stdin?.end();
    killGroup(pid, 'SIGTERM');
    const timer = sleep(8_000, 'timeout' as const, { ref: false });
    if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
      killGroup(pid, 'SIGKILL');
      await exited;
    }
  };

  const ready = async () => (await answers(lambdaEndpoint)) && (!shape.hasHttpRoutes || (await answers(url)));

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `serverless-offline for ${options.service} exited (code ${exitCode}) before it was ready:\n${output()}`,
      );
    }
    if (await ready()) return { url, lambdaEndpoint, pid, output, stop };
    await sleep(200);
  }
  await stop();
  throw new Error(
    `serverless-offline for ${options.service} was not ready after ${timeoutMs} ms:\n${output()}`,
  );
}

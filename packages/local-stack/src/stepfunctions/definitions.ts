// The state machines of a service as osls resolves them: `serverless print` (every variable and
// ${file(...)} resolved, the same configuration `serverless package` hands the
// serverless-step-functions plugin), not a copy kept for local runs. Each Task's Resource, written
// `Fn::GetAtt: [function, Arn]` as the plugin takes it, becomes the Lambda ARN the function would
// have, and the plugin's `configureTaskTimeouts` is applied as it applies it (each Task's
// TimeoutSeconds is its function's timeout). A definition with a construct the local interpreter
// does not run as AWS does is refused (./faithful.ts).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { allStates, unfaithfulConstructs, type Json } from './faithful';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SERVERLESS_BIN = path.join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');
const run = promisify(execFile);

/** The account id local ARNs carry (no AWS account is involved). */
export const LOCAL_ACCOUNT_ID = '000000000000';
/** osls's default when a function sets no timeout (serverless-step-functions falls back to it too). */
const DEFAULT_TIMEOUT_SECONDS = 6;

export interface ServiceFunction {
  /** The key in serverless.yml, e.g. `blockAccount`. */
  key: string;
  /** The deployed name, `<service>-<stage>-<key>`. */
  name: string;
  /** `src/functions/x/handler.handler`. */
  handler: string;
  timeoutSeconds: number;
  arn: string;
}

export interface LocalStateMachine {
  /** The key in serverless.yml's stepFunctions.stateMachines, e.g. `erasure`. */
  key: string;
  name: string;
  arn: string;
  definition: Record<string, Json>;
  /** Each Task state's name → the function it invokes. */
  tasks: Record<string, ServiceFunction>;
  /** Names of its Wait states and of its states with a Retry field (for local time overrides). */
  waitStates: string[];
  retryStates: string[];
}

export interface ServiceWorkflows {
  serviceDir: string;
  functions: Record<string, ServiceFunction>;
  stateMachines: LocalStateMachine[];
}

interface PrintedService {
  service: string | { name: string };
  provider: { timeout?: number };
  functions?: Record<string, { handler: string; name?: string; timeout?: number }>;
  stepFunctions?: {
    stateMachines?: Record<
      string,
      { name?: string; configureTaskTimeouts?: boolean; definition: Record<string, Json> }
    >;
  };
}

/** The resolved configuration of the service in `serviceDir` (`serverless print --format json`). */
export async function printService(
  serviceDir: string,
  options: { stage: string; params?: Record<string, string> },
): Promise<PrintedService> {
  const params = Object.entries(options.params ?? {}).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
  const { stdout } = await run(
    process.execPath,
    [SERVERLESS_BIN, 'print', '--format', 'json', '--stage', options.stage, ...params],
    {
      cwd: serviceDir,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as PrintedService;
}

function lambdaArn(region: string, name: string): string {
  return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`;
}

/** The function a Task's Resource names, as the plugin reads `Fn::GetAtt: [function, Arn]`. */
function taskFunction(
  resource: Json | undefined,
  functions: Record<string, ServiceFunction>,
  at: string,
): ServiceFunction {
  const getAtt = (resource as { 'Fn::GetAtt'?: Json } | null)?.['Fn::GetAtt'];
  const [key, attribute] = Array.isArray(getAtt) ? getAtt : [];
  const fn = typeof key === 'string' ? functions[key] : undefined;
  if (!fn || attribute !== 'Arn') {
    throw new Error(
      `${at}: Resource must be Fn::GetAtt [<function of this service>, Arn], got ${JSON.stringify(resource)}`,
    );
  }
  return fn;
}

/** The state machines of a printed service, resolved for local runs. Pure. */
export function resolveStateMachines(
  printed: PrintedService,
  serviceDir: string,
  region: string,
): ServiceWorkflows {
  const providerTimeout = printed.provider.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  const functions: Record<string, ServiceFunction> = {};
  const serviceName = typeof printed.service === 'string' ? printed.service : printed.service.name;
  for (const [key, fn] of Object.entries(printed.functions ?? {})) {
    const name = fn.name ?? `${serviceName}-${key}`;
    functions[key] = {
      key,
      name,
      handler: fn.handler,
      timeoutSeconds: fn.timeout ?? providerTimeout,
      arn: lambdaArn(region, name),
    };
  }
  const stateMachines: LocalStateMachine[] = [];
  for (const [key, machine] of Object.entries(printed.stepFunctions?.stateMachines ?? {})) {
    const definition = structuredClone(machine.definition);
    const name = machine.name ?? key;
    const tasks: Record<string, ServiceFunction> = {};
    const waitStates: string[] = [];
    const retryStates: string[] = [];
    for (const [stateName, state] of allStates(definition)) {
      if (state.Type === 'Wait') waitStates.push(stateName);
      if (Array.isArray(state.Retry)) retryStates.push(stateName);
      if (state.Type !== 'Task') continue;
      const fn = taskFunction(state.Resource, functions, `${name}/${stateName}`);
      state.Resource = fn.arn;
      if (
        machine.configureTaskTimeouts &&
        state.TimeoutSeconds === undefined &&
        state.TimeoutSecondsPath === undefined
      ) {
        state.TimeoutSeconds = fn.timeoutSeconds;
      }
      tasks[stateName] = fn;
    }
    const problems = unfaithfulConstructs(definition);
    if (problems.length > 0) {
      throw new Error(
        `${name} uses what the local interpreter does not run as AWS does:\n  ${problems.join('\n  ')}`,
      );
    }
    const arn = `arn:aws:states:${region}:${LOCAL_ACCOUNT_ID}:stateMachine:${name}`;
    stateMachines.push({ key, name, arn, definition, tasks, waitStates, retryStates });
  }
  return { serviceDir, functions, stateMachines };
}

/** `serverless print` of the service, then resolveStateMachines. */
export async function loadStateMachines(
  serviceDir: string,
  options: { stage: string; region: string; params?: Record<string, string> },
): Promise<ServiceWorkflows> {
  const printed = await printService(serviceDir, options);
  return resolveStateMachines(printed, serviceDir, options.region);
}

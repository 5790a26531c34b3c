// A service's state machines running locally for integration tests: the definitions `serverless
// print` resolves (@gallery/local-stack/stepfunctions/definitions), run by aws-local-stepfunctions
// with every Task's function imported and called in this process, behind a local Step Functions
// endpoint. The environment the api's handlers read is set to it (STEP_FUNCTIONS_ENDPOINT and
// `<KEY>_STATE_MACHINE_ARN`), so StartExecution from a handler reaches it as on AWS.
import path from 'node:path';
import type { Context } from 'aws-lambda';
import {
  loadStateMachines,
  type ServiceFunction,
  type ServiceWorkflows,
} from '@gallery/local-stack/stepfunctions/definitions';
import {
  LocalStepFunctions,
  TaskFunctionError,
  type Execution,
  type RunnerOptions,
  type TaskInvoker,
} from '@gallery/local-stack/stepfunctions/runner';
import { startStepFunctionsEndpoint } from '@gallery/local-stack/stepfunctions/server';
import { lambdaContext } from './lambda-events';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** Calls the function's handler in this process, with a context whose clock is its timeout. */
export function inProcessInvoker(serviceDir: string): TaskInvoker {
  const handlers = new Map<string, Promise<Handler>>();
  const load = (fn: ServiceFunction): Promise<Handler> => {
    const dot = fn.handler.lastIndexOf('.');
    const file = path.join(serviceDir, fn.handler.slice(0, dot));
    const loaded =
      handlers.get(fn.key) ??
      import(file).then((module: Record<string, unknown>) => module[fn.handler.slice(dot + 1)] as Handler);
    handlers.set(fn.key, loaded);
    return loaded;
  };
  return async (fn, input) => {
    const handler = await load(fn);
    const deadline = Date.now() + fn.timeoutSeconds * 1000;
    const context = lambdaContext({
      functionName: fn.name,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    });
    try {
      return await handler(input, context);
    } catch (err) {
      // What Step Functions sees of a Lambda error: its name, and the JSON cause.
      const e = err instanceof Error ? err : new Error(String(err));
      throw new TaskFunctionError(e.name, e.message, (e.stack ?? '').split('\n'));
    }
  };
}

export interface LocalWorkflows {
  url: string;
  sfn: LocalStepFunctions;
  workflows: ServiceWorkflows;
  /** The ARN of the state machine `key` (e.g. `erasure`). */
  arn(key: string): string;
  /** The execution once it has stopped. */
  waitFor(executionArn: string): Promise<Execution>;
  close(): Promise<void>;
}

export interface LocalWorkflowsOptions {
  serviceDir: string;
  stage?: string;
  /** Wraps the invoker: tests inject failures into chosen functions. */
  wrap?: (invoke: TaskInvoker) => TaskInvoker;
  onEvent?: RunnerOptions['onEvent'];
  waitMs?: number;
}

export async function startLocalWorkflows(options: LocalWorkflowsOptions): Promise<LocalWorkflows> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const workflows = await loadStateMachines(options.serviceDir, { stage: options.stage ?? 'test', region });
  const base = inProcessInvoker(options.serviceDir);
  const sfn = new LocalStepFunctions(workflows.stateMachines, {
    invoke: options.wrap ? options.wrap(base) : base,
    ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const endpoint = await startStepFunctionsEndpoint(sfn);
  process.env.STEP_FUNCTIONS_ENDPOINT = endpoint.url;
  for (const machine of workflows.stateMachines) {
    process.env[`${machine.key.toUpperCase()}_STATE_MACHINE_ARN`] = machine.arn;
  }
  const arn = (key: string) => {
    const machine = workflows.stateMachines.find((m) => m.key === key);
    if (!machine) throw new Error(`no state machine ${key}`);
    return machine.arn;
  };
  return {
    url: endpoint.url,
    sfn,
    workflows,
    arn,
    waitFor: (executionArn) => sfn.waitFor(executionArn),
    close: async () => {
      sfn.stop();
      await endpoint.close();
    },
  };
}

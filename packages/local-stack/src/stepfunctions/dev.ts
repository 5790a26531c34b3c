// The workflows' state machines under `pnpm dev`: their definitions as osls resolves them, run by
// aws-local-stepfunctions, every Task invoking its function in the workflows service's
// serverless-offline (Lambda endpoint), behind a local Step Functions endpoint the api's
// StartExecution reaches. Each execution's transitions are logged.
import path from 'node:path';
import { loadStateMachines } from './definitions';
import { offlineInvoker } from './invoke-offline';
import { LocalStepFunctions, type EventLog, type Execution } from './runner';
import { startStepFunctionsEndpoint } from './server';

const WORKFLOWS_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'services', 'workflows');
/** Wait states (the erasure waits 6 minutes for issued upload URLs) are shortened to this locally. */
export const DEV_WAIT_MS = 2_000;

/** One line per transition worth reading: entered, retried, caught, failed, and how it ended. */
export function transitionLine(execution: Execution, event: EventLog): string | undefined {
  const who = `${execution.stateMachineArn.split(':').pop()}/${execution.name.slice(0, 12)}`;
  switch (event.type) {
    case 'ExecutionStarted':
      return `${who} started`;
    case 'StateEntered':
      return `${who} → ${event.state.name}${event.index === undefined ? '' : `[${event.index}]`}`;
    case 'StateRetried':
      return `${who} ↻ ${event.state.name} retry ${event.retry.attempt}`;
    case 'StateCaught':
      return `${who} ✗ ${event.state.name} caught → ${event.catch.catcher.Next}`;
    case 'ExecutionSucceeded':
      return `${who} succeeded`;
    case 'ExecutionFailed':
      return `${who} failed: ${event.Error}`;
    default:
      return undefined;
  }
}

export interface DevStepFunctions {
  url: string;
  /** What the api needs to reach it: STEP_FUNCTIONS_ENDPOINT and each `<KEY>_STATE_MACHINE_ARN`. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startDevStepFunctions(options: {
  port: number;
  stage: string;
  region: string;
  /** The workflows service's serverless-offline Lambda endpoint. */
  lambdaEndpoint: string;
  log: (line: string) => void;
}): Promise<DevStepFunctions> {
  const workflows = await loadStateMachines(WORKFLOWS_DIR, { stage: options.stage, region: options.region });
  const sfn = new LocalStepFunctions(workflows.stateMachines, {
    invoke: offlineInvoker(options.lambdaEndpoint),
    waitMs: DEV_WAIT_MS,
    onEvent: (execution, event) => {
      const line = transitionLine(execution, event);
      if (line) options.log(line);
    },
  });
  const endpoint = await startStepFunctionsEndpoint(sfn, options.port);
  const env: Record<string, string> = { STEP_FUNCTIONS_ENDPOINT: endpoint.url };
  for (const machine of workflows.stateMachines)
    env[`${machine.key.toUpperCase()}_STATE_MACHINE_ARN`] = machine.arn;
  return {
    url: endpoint.url,
    env,
    stop: async () => {
      sfn.stop();
      await endpoint.close();
    },
  };
}

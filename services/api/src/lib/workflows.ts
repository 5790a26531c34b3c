// Starting the workflows service's state machines: one Step Functions client per process (module
// singleton), configured once. Their ARNs come from the workflows stack's outputs (compose params);
// locally STEP_FUNCTIONS_ENDPOINT points the client at the harness's Step Functions endpoint
// (packages/local-stack/src/stepfunctions), which runs the same definitions.
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { UnavailableError } from '@gallery/core/errors';
import { instrumentClient } from '@gallery/core/instrumentation';
import { isRetryableError } from '@gallery/core/retry';

export const SFN_CLIENT_DEFAULTS = {
  /** Total attempts, first one included: a caller waits for the answer. */
  maxAttempts: 3,
  region: 'us-east-1',
} as const;

let client: SFNClient | undefined;

export function sfnClient(): SFNClient {
  if (client) return client;
  const endpoint = process.env.STEP_FUNCTIONS_ENDPOINT;
  client = instrumentClient(
    new SFNClient({
      region: process.env.AWS_REGION ?? SFN_CLIENT_DEFAULTS.region,
      maxAttempts: SFN_CLIENT_DEFAULTS.maxAttempts,
      ...(endpoint ? { endpoint } : {}),
    }),
  );
  return client;
}

export type Workflow = 'erasure' | 'export';

const ARN_VARIABLES: Record<Workflow, string> = {
  erasure: 'ERASURE_STATE_MACHINE_ARN',
  export: 'EXPORT_STATE_MACHINE_ARN',
};

export function stateMachineArn(workflow: Workflow): string {
  const arn = process.env[ARN_VARIABLES[workflow]];
  if (!arn) throw new Error(`${ARN_VARIABLES[workflow]} is not configured`);
  return arn;
}

/**
 * StartExecution, named `name` (a name is used once per state machine, so a retried start cannot
 * run the workflow twice). Throttling or an outage is UnavailableError (503).
 */
export async function startWorkflow(workflow: Workflow, name: string, input: object): Promise<string> {
  try {
    const output = await sfnClient().send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(workflow),
        name,
        input: JSON.stringify(input),
      }),
    );
    return output.executionArn ?? '';
  } catch (err) {
    if (err instanceof ExecutionAlreadyExists) throw err;
    if (isRetryableError(err))
      throw new UnavailableError('The workflow could not be started, try again', { cause: err });
    throw err;
  }
}

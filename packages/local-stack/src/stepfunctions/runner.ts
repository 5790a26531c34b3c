// Executions of local state machines, run by aws-local-stepfunctions with every Task state handed
// to a local invoker (the function in-process in tests, through serverless-offline's Lambda
// endpoint under `pnpm dev`). Waits and retry pauses are shortened (they are the only liberty
// taken); everything else runs as the definition says. Executions are kept in memory with the
// fields DescribeExecution reports, and each transition is reported to `onEvent`.
import './polyfill';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Json } from './faithful';
import type { LocalStateMachine, ServiceFunction } from './definitions';

/** One entry of an execution's event log (the package does not export the type by name). */
export type EventLog =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** Runs one function with the state's input and returns its result (or throws its error). */
export type TaskInvoker = (fn: ServiceFunction, input: unknown) => Promise<unknown>;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** `StateEntered <name>`, `StateRetried <name>`, ...: what happened, in order. */
  events: string[];
}

export interface RunnerOptions {
  invoke: TaskInvoker;
  /** How long every Wait state waits locally (ms). Default 200. */
  waitMs?: number;
  /** How long every retry pauses locally (ms). Default 50. */
  retryPauseMs?: number;
  /** Each transition as it happens (pnpm dev logs them). */
  onEvent?: (execution: Execution, event: EventLog) => void;
}

/** Throws unless `definition` is valid ASL (aws-local-stepfunctions validates with asl-validator). */
export function assertValidDefinition(definition: object): void {
  new StateMachine(definition as never);
}

/** A Lambda error as Step Functions reports a direct Lambda Task's: the name, and a JSON cause. */
export class TaskFunctionError extends Error {
  constructor(errorType: string, errorMessage: string, trace: string[] = []) {
    super(JSON.stringify({ errorType, errorMessage, trace }));
    this.name = errorType;
  }
}

function describe(event: EventLog): string {
  switch (event.type) {
    case 'StateEntered':
    case 'StateExited':
      return `${event.type} ${event.state.name}${event.index === undefined ? '' : `[${event.index}]`}`;
    case 'StateFailed':
      return `StateFailed ${event.state.name} ${event.Error}`;
    case 'StateRetried':
      return `StateRetried ${event.state.name} attempt ${event.retry.attempt}`;
    case 'StateCaught':
      return `StateCaught ${event.state.name} → ${event.catch.catcher.Next}`;
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      return `${event.type} ${event.parentState.name}[${event.index}]`;
    default:
      return event.type;
  }
}

export class LocalStepFunctions {
  private readonly machines = new Map<string, LocalStateMachine>();
  private readonly executions = new Map<string, Execution>();
  private readonly finished = new Map<string, Promise<Execution>>();
  private readonly aborts = new Set<() => void>();

  constructor(
    machines: readonly LocalStateMachine[],
    private readonly options: RunnerOptions,
  ) {
    for (const machine of machines) this.machines.set(machine.arn, machine);
  }

  stateMachineArns(): Record<string, string> {
    return Object.fromEntries([...this.machines.values()].map((m) => [m.key, m.arn]));
  }

  /** StartExecution: a name already used with the same input returns that execution, as AWS does. */
  startExecution(request: { stateMachineArn: string; name?: string; input?: string }): Execution {
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine)
      throw new SfnError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${request.stateMachineArn}'`,
      );
    const input = request.input ?? '{}';
    let parsed: Json;
    try {
      parsed = JSON.parse(input) as Json;
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON');
    }
    const name = request.name ?? crypto.randomUUID();
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.input === input) return existing;
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution: Execution = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      startDate: new Date(),
      input,
      events: [],
    };
    this.executions.set(executionArn, execution);
    this.finished.set(executionArn, this.run(machine, execution, parsed));
    return execution;
  }

  describeExecution(executionArn: string): Execution {
    const execution = this.executions.get(executionArn);
    if (!execution)
      throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  listExecutions(stateMachineArn: string): Execution[] {
    return [...this.executions.values()].filter((e) => e.stateMachineArn === stateMachineArn);
  }

  /** Resolves when the execution has stopped (tests). */
  async waitFor(executionArn: string): Promise<Execution> {
    const done = this.finished.get(executionArn);
    if (!done) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return done;
  }

  /** Aborts every running execution. */
  stop(): void {
    for (const abort of this.aborts) abort();
  }

  private async run(machine: LocalStateMachine, execution: Execution, input: Json): Promise<Execution> {
    const stateMachine = new StateMachine(machine.definition as never);
    const { invoke } = this.options;
    const handlers = Object.fromEntries(
      Object.entries(machine.tasks).map(([state, fn]) => [
        state,
        // The state's input and the function's result cross a JSON boundary, as on AWS.
        async (taskInput: unknown) =>
          JSON.parse(
            JSON.stringify((await invoke(fn, JSON.parse(JSON.stringify(taskInput)))) ?? null),
          ) as Json,
      ]),
    );
    const wait = this.options.waitMs ?? 200;
    const pause = this.options.retryPauseMs ?? 50;
    const run = stateMachine.run(input, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        waitTimeOverrides: Object.fromEntries(machine.waitStates.map((s) => [s, wait])),
        retryIntervalOverrides: Object.fromEntries(machine.retryStates.map((s) => [s, pause])),
      },
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: execution.executionArn,
          Name: execution.name,
          Input: input,
          StartTime: execution.startDate.toISOString(),
        },
      },
    });
    this.aborts.add(run.abort);
    const logged = (async () => {
      for await (const event of run.eventLogs) {
        execution.events.push(describe(event));
        this.options.onEvent?.(execution, event);
      }
    })();
    try {
      const output = await run.result;
      if (output === null && execution.events.at(-1) === 'ExecutionAborted') {
        execution.status = 'ABORTED';
      } else {
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output);
      }
    } catch (err) {
      execution.status = 'FAILED';
      const failure = err as { name?: string; message?: string; cause?: unknown };
      // A Fail state's Error and Cause, or the error that ended the execution.
      const cause = failure.cause as { name?: string; message?: string } | undefined;
      execution.error = cause?.name ?? failure.name ?? 'Error';
      execution.cause = cause?.message ?? failure.message ?? '';
    } finally {
      execution.stopDate = new Date();
      this.aborts.delete(run.abort);
      await logged.catch(() => undefined);
    }
    return execution;
  }
}

/** An error of the Step Functions API, by its AWS name. */
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

// The local endpoint through the real SFNClient: the api's StartExecution reaches it with nothing
// but an endpoint override, and DescribeExecution reports as AWS does.
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import type { LocalStateMachine, ServiceFunction } from './definitions';
import { LocalStepFunctions, TaskFunctionError } from './runner';
import { startStepFunctionsEndpoint, type StepFunctionsEndpoint } from './server';

const fn: ServiceFunction = {
  key: 'double',
  name: 'svc-test-double',
  handler: 'h.handler',
  timeoutSeconds: 5,
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:svc-test-double',
};

const machine: LocalStateMachine = {
  key: 'doubler',
  name: 'doubler',
  arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:doubler',
  definition: {
    StartAt: 'Double',
    States: {
      Double: {
        Type: 'Task',
        Resource: fn.arn,
        Retry: [{ ErrorEquals: ['FlakyError'], MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
        End: true,
      },
      Failed: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
    },
  },
  tasks: { Double: fn },
  waitStates: [],
  retryStates: ['Double'],
};

let flaky = 0;
const sfn = new LocalStepFunctions([machine], {
  invoke: async (_fn, input) => {
    const { n } = input as { n: number };
    if (n < 0) throw new TaskFunctionError('RangeError', 'negative');
    if (n === 7 && flaky++ < 2) throw new TaskFunctionError('FlakyError', 'try again');
    return { n: n * 2 };
  },
});
let endpoint: StepFunctionsEndpoint;
let client: SFNClient;

beforeAll(async () => {
  endpoint = await startStepFunctionsEndpoint(sfn);
  client = new SFNClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
});

afterAll(async () => {
  client.destroy();
  await endpoint.close();
});

async function run(name: string, n: number) {
  const started = await client.send(
    new StartExecutionCommand({ stateMachineArn: machine.arn, name, input: JSON.stringify({ n }) }),
  );
  await sfn.waitFor(started.executionArn ?? '');
  return client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
}

describe('local Step Functions endpoint', () => {
  it('starts and describes an execution', async () => {
    const described = await run('ok', 21);
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'ok', stateMachineArn: machine.arn });
    expect(JSON.parse(described.output ?? '')).toEqual({ n: 42 });
    expect(described.startDate).toBeInstanceOf(Date);
    expect(described.stopDate).toBeInstanceOf(Date);
  });

  it('retries an error its Retry names, by name, and catches the rest into a Fail state', async () => {
    expect((await run('flaky', 7)).status).toBe('SUCCEEDED');
    expect(
      sfn.describeExecution(`${machine.arn.replace(':stateMachine:', ':execution:')}:flaky`).events,
    ).toContain('StateRetried Double attempt 2');
    const failed = await run('bad', -1);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'RangeError' });
    expect(JSON.parse(failed.cause ?? '')).toMatchObject({
      errorType: 'RangeError',
      errorMessage: 'negative',
    });
  });

  it('answers the SDK’s own errors: an unknown machine, a name reused with another input', async () => {
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: `${machine.arn}-nope`, input: '{}' })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await run('once', 1);
    await expect(
      client.send(
        new StartExecutionCommand({ stateMachineArn: machine.arn, name: 'once', input: '{"n":2}' }),
      ),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    const same = await client.send(
      new StartExecutionCommand({ stateMachineArn: machine.arn, name: 'once', input: '{"n":1}' }),
    );
    expect(same.executionArn).toMatch(/:execution:doubler:once$/);
  });
});

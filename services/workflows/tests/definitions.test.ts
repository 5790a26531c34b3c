// The state machines as osls resolves them (serverless print), checked where cfn-lint cannot look:
// each definition is valid ASL (asl-validator, through aws-local-stepfunctions), uses nothing the
// local interpreter runs differently from AWS, and keeps this service's rules: every Task retries
// throttling and outages with backoff and hands any other failure to the step that records it,
// fan-out is bounded, and every Task calls a function of this service with a role of its own.
import path from 'node:path';
import { assertValidDefinition } from '@gallery/local-stack/stepfunctions/runner';
import { allStates } from '@gallery/local-stack/stepfunctions/faithful';
import { loadStateMachines, type ServiceWorkflows } from '@gallery/local-stack/stepfunctions/definitions';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';

const SERVICE_DIR = path.resolve(__dirname, '..');
let service: ServiceWorkflows;

beforeAll(async () => {
  service = await loadStateMachines(SERVICE_DIR, { stage: 'test', region: 'us-east-1' });
}, 60_000);

const machine = (key: string) => {
  const found = service.stateMachines.find((m) => m.key === key);
  if (!found) throw new Error(`no ${key}`);
  return found;
};

describe.each(['erasure', 'export'])('the %s state machine', (key) => {
  it('is valid ASL and runs locally as it runs on AWS', () => {
    // The constructor validates with asl-validator (paths and ARNs included).
    expect(() => assertValidDefinition(machine(key).definition)).not.toThrow();
  });

  it('retries throttling and outages with exponential backoff and jitter on every Task', () => {
    for (const [name, state] of allStates(machine(key).definition)) {
      if (state.Type !== 'Task') continue;
      const retry = (state.Retry ?? []) as Array<Record<string, unknown>>;
      const transient = retry.find((r) => (r.ErrorEquals as string[]).includes('UnavailableError'));
      expect({ name, retries: transient !== undefined }).toEqual({ name, retries: true });
      expect(transient).toMatchObject({ BackoffRate: 2, JitterStrategy: 'FULL' });
      expect(transient?.ErrorEquals).toEqual(
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']),
      );
      expect(state.TimeoutSeconds).toBeGreaterThan(0);
    }
  });

  it('hands every other failure to the step that records it, which ends in a Fail state', () => {
    const { definition } = machine(key);
    const states = Object.fromEntries(allStates(definition));
    const record = states.RecordFailure;
    expect(record?.Type).toBe('Task');
    expect(states[record?.Next as string]?.Type).toBe('Fail');
    for (const [name, state] of allStates(definition)) {
      const topLevel = name in (definition.States as object);
      if (!['Task', 'Map'].includes(state.Type as string) || name === 'RecordFailure' || !topLevel) continue;
      expect({ name, catch: state.Catch }).toEqual({
        name,
        catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' }],
      });
    }
  });

  it('calls only functions of this service, each with its own role', async () => {
    for (const fn of Object.values(machine(key).tasks)) {
      const config = parse(
        await readFile(path.join(SERVICE_DIR, 'src', 'functions', fn.key, 'config.yml'), 'utf8'),
      ) as { iamStatements?: unknown[] };
      expect({ fn: fn.key, statements: (config.iamStatements ?? []).length > 0 }).toEqual({
        fn: fn.key,
        statements: true,
      });
    }
  });
});

describe('the erasure fan-out', () => {
  it('is an INLINE Map over photo batches, at most 4 at a time', () => {
    const map = Object.fromEntries(allStates(machine('erasure').definition)).ErasePhotos;
    expect(map).toMatchObject({
      Type: 'Map',
      MaxConcurrency: 4,
      ItemsPath: '$.loops.photos.batches',
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' } },
    });
  });

  it('waits out the upload URLs issued before the block, then blocks the login before anything else', () => {
    const { definition } = machine('erasure');
    expect(definition.StartAt).toBe('BlockAccount');
    const states = Object.fromEntries(allStates(definition));
    expect(states.BlockAccount?.Next).toBe('WaitForUploads');
    // Upload URLs live 5 minutes (services/api/src/lib/s3.ts): the wait is longer.
    expect(states.WaitForUploads?.Seconds).toBeGreaterThan(5 * 60);
    // The login goes last, after the final check.
    expect(states.VerifyErasure?.Next).toBe('AnythingLeft');
    expect(states.DeleteLogin?.Next).toBe('CompleteErasure');
  });
});

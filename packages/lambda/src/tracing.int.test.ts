// A traced function as Lambda runs it with active tracing: the X-Ray SDK in its Lambda mode, an X-Ray
// daemon (here a UDP socket reading what the SDK sends, in the daemon's wire format), the trace header
// in _X_AMZN_TRACE_ID. The function reads DynamoDB Local and s3rver for real; the test reads the
// subsegments the daemon received.
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { captureStdout, loadObserved, type Captured } from './testing/capture';

interface Subsegment {
  name: string;
  trace_id?: string;
  parent_id?: string;
  namespace?: string;
  annotations?: Record<string, unknown>;
  aws?: Record<string, unknown>;
  subsegments?: Subsegment[];
}

const TRACE_ID = '1-5759e988-bd862e3fe1be46a994272793';
const TRACE_HEADER = `Root=${TRACE_ID};Parent=53995c3f42cd8ad8;Sampled=1`;

let daemon: Socket;
const received: Subsegment[] = [];

beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (message) => {
    // The daemon protocol: a JSON header line, then one segment or subsegment document.
    const [header, body] = message.toString('utf8').split('\n');
    expect(JSON.parse(header ?? '')).toEqual({ format: 'json', version: 1 });
    received.push(JSON.parse(body ?? '') as Subsegment);
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
});

afterAll(() => daemon.close());

// Lambda's environment for the whole invocation (the tracer loads after the module, on its own
// schedule), and the function's output kept off the test report.
let saved: NodeJS.ProcessEnv;
let output: Captured;
beforeEach(() => {
  saved = { ...process.env };
  output = captureStdout();
});
afterEach(() => {
  process.env = saved;
  output.restore();
});

function flatten(segments: Subsegment[]): Subsegment[] {
  return segments.flatMap((segment) => [segment, ...flatten(segment.subsegments ?? [])]);
}

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !predicate(); i += 1) await new Promise((r) => setTimeout(r, 20));
}

function lambdaEnv(): Record<string, string> {
  const { port } = daemon.address() as AddressInfo;
  return {
    POWERTOOLS_TRACE_ENABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'gallery-test',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: '/var/task',
    _HANDLER: 'src/functions/probe/handler.handler',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    LOG_LEVEL: 'SILENT',
  };
}

/** Loads a fresh process's modules and runs `invoke` with them, as one Lambda execution environment. */
function inLambda<T>(env: Record<string, string>, invoke: () => Promise<T>): Promise<T> {
  Object.assign(process.env, env, { _X_AMZN_TRACE_ID: TRACE_HEADER });
  return loadObserved(invoke, env);
}

describe('tracing', () => {
  it('records the handler subsegment with its annotations, and each DynamoDB and S3 request', async () => {
    const env = lambdaEnv();
    const result = await inLambda(env, async () => {
      const { scheduleHandler } = jest.requireActual<typeof import('./events')>('./events');
      const { getUser } = jest.requireActual<typeof import('@gallery/core/access/users')>(
        '@gallery/core/access/users',
      );
      const { bucketName, s3Client } = jest.requireActual<typeof import('./s3')>('./s3');
      const { ListObjectsV2Command } =
        jest.requireActual<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');
      const handler = scheduleHandler('probe', async () => {
        await getUser('nobody').catch(() => undefined);
        await s3Client().send(new ListObjectsV2Command({ Bucket: bucketName(), MaxKeys: 1 }));
        return 'ok';
      });
      return handler({}, lambdaContext({ awsRequestId: 'traced-1' }));
    });
    expect(result).toBe('ok');

    await until(() => flatten(received).some((s) => s.name.startsWith('## ')));
    const all = flatten(received);
    expect(all.find((s) => s.name === `## ${env._HANDLER}`)).toMatchObject({
      trace_id: TRACE_ID,
      annotations: { ColdStart: expect.any(Boolean), Service: 'gallery-test', correlation_id: 'traced-1' },
    });
    expect(all.find((s) => s.name === 'DynamoDB')).toMatchObject({
      namespace: 'aws',
      aws: { operation: 'GetItem', table_name: saved.TABLE_NAME },
    });
    expect(all.find((s) => s.name === 'S3')).toMatchObject({
      namespace: 'aws',
      aws: { operation: 'ListObjectsV2' },
    });
    // Every subsegment belongs to the invocation's trace.
    for (const segment of received) expect(segment.trace_id).toBe(TRACE_ID);
  });

  it('is off unless the environment asks for it: nothing is sent', async () => {
    const env = { ...lambdaEnv(), POWERTOOLS_TRACE_ENABLED: 'false' };
    received.length = 0;
    await inLambda(env, async () => {
      const { scheduleHandler } = jest.requireActual<typeof import('./events')>('./events');
      const { tracingRequested } = jest.requireActual<typeof import('./tracing')>('./tracing');
      expect(tracingRequested()).toBe(false);
      await scheduleHandler('probe', async () => 'ok')({}, lambdaContext());
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toEqual([]);
  });
});

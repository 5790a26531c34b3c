import { lambdaContext } from '@gallery/testing/lambda-events';
import { captureStdout, loadObserved, type Captured } from '@gallery/lambda/testing/capture';
import * as z from '@gallery/core/zod';

// Test runs log nothing (jest.config.ts): the chain is loaded as Lambda runs it, with the metrics
// module of the same load, so the metric lands in the invocation's EMF line.
async function load() {
  return loadObserved(
    () => ({
      task: jest.requireActual<typeof import('./task')>('./task'),
      metrics: jest.requireActual<typeof import('@gallery/lambda/metrics')>('@gallery/lambda/metrics'),
    }),
    { LOG_LEVEL: 'INFO' },
  );
}

const input = z.object({ erasureId: z.string(), userId: z.string() });
const erasure = { erasureId: 'ER01', userId: 'u1' };

let output: Captured | undefined;
afterEach(() => output?.restore());

describe('taskHandler: a Step Functions Task in the observability chain', () => {
  it("correlates every line and the EMF line with the workflow's id, and counts its metrics", async () => {
    const { task, metrics } = await load();
    const handler = task.taskHandler('completeErasure', input, async (_input, { log }) => {
      log.info('albums erased', { albums: 2 });
      metrics.countEvent(metrics.BusinessMetric.ErasuresCompleted);
      return { completed: true };
    });
    output = captureStdout();
    await expect(
      handler(erasure, lambdaContext({ awsRequestId: 'req-1', functionName: 'wf-completeErasure' })),
    ).resolves.toEqual({ completed: true });
    output.restore();

    expect(output.logs()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'albums erased',
        albums: 2,
        correlation_id: 'ER01',
        function_request_id: 'req-1',
        function_name: 'wf-completeErasure',
        cold_start: expect.any(Boolean),
      }),
    ]);
    expect(output.emf()).toContainEqual(
      expect.objectContaining({
        operation: 'completeErasure',
        ErasuresCompleted: 1,
        Latency: expect.any(Number),
      }),
    );
  });

  it('an export is correlated by its id', async () => {
    const { task } = await load();
    const handler = task.taskHandler(
      'buildExport',
      z.object({ exportId: z.string() }),
      async (_i, { log }) => {
        log.info('export written');
        return {};
      },
    );
    output = captureStdout();
    await handler({ exportId: 'EX01' }, lambdaContext());
    output.restore();
    expect(output.logs()).toEqual([expect.objectContaining({ correlation_id: 'EX01' })]);
  });

  it('throws a throttled dependency as UnavailableError (the Retry name) with one redacted failure line', async () => {
    const { task } = await load();
    const throttled = Object.assign(new Error('Rate exceeded for someone@example.com'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    const handler = task.taskHandler('eraseAlbums', input, async () => {
      throw throttled;
    });
    output = captureStdout();
    const thrown = await handler(erasure, lambdaContext({ awsRequestId: 'req-2' })).catch(
      (err: unknown) => err,
    );
    output.restore();

    expect(thrown).toMatchObject({ name: 'UnavailableError', cause: throttled });
    const logs = output.logs();
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'invocation failed',
        correlation_id: 'ER01',
        error: expect.objectContaining({ name: 'UnavailableError' }),
      }),
    ]);
    expect(output.lines().join('\n')).not.toContain('someone@example.com');
  });

  it('refuses an input its schema does not accept, as a failure the state machine records (no retry)', async () => {
    const { task } = await load();
    const handler = task.taskHandler('eraseAlbums', input, async () => ({}));
    output = captureStdout();
    const thrown = await handler({ erasureId: 'ER01' }, lambdaContext()).catch((err: unknown) => err);
    output.restore();
    expect(thrown).toMatchObject({ name: expect.not.stringMatching(/^UnavailableError$/) });
    expect(output.logs()).toEqual([expect.objectContaining({ message: 'invocation failed' })]);
  });
});

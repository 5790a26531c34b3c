import { batchOutcome, inProcessInvoker, type InvokeResult } from './invoke';
import type { LambdaStreamRecord } from './record';

const records = ['100', '200', '300'].map(
  (seq) =>
    ({
      eventID: `e${seq}`,
      eventName: 'INSERT',
      eventSourceARN: 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/x',
      dynamodb: { SequenceNumber: seq },
    }) as LambdaStreamRecord,
);
const answer = (payload: unknown): InvokeResult => ({ ok: true, payload });

describe('batchOutcome', () => {
  it('without ReportBatchItemFailures, only a function error fails the batch', () => {
    expect(batchOutcome(answer({ batchItemFailures: [{ itemIdentifier: '200' }] }), records, false)).toEqual({
      kind: 'success',
    });
    expect(
      batchOutcome({ ok: false, error: { errorType: 'TypeError', errorMessage: 'x' } }, records, false),
    ).toEqual({ kind: 'failure', reason: 'TypeError: x' });
  });

  it('treats no answer, an empty answer and an empty or null list as success', () => {
    for (const payload of [null, undefined, {}, { batchItemFailures: [] }, { batchItemFailures: null }]) {
      expect(batchOutcome(answer(payload), records, true)).toEqual({ kind: 'success' });
    }
  });

  it('resumes at the lowest reported sequence number', () => {
    const outcome = batchOutcome(
      answer({ batchItemFailures: [{ itemIdentifier: '300' }, { itemIdentifier: '200' }] }),
      records,
      true,
    );
    expect(outcome).toEqual({ kind: 'partial', from: 1 });
  });

  it('fails the whole batch on a malformed answer', () => {
    const malformed = [
      { batchItemFailures: [{ itemIdentifier: '' }] },
      { batchItemFailures: [{ itemIdentifier: null }] },
      { batchItemFailures: [{ id: '200' }] },
      { batchItemFailures: [{ itemIdentifier: '999' }] },
      { batchItemFailures: 'all' },
      'ok',
      [1],
    ];
    for (const payload of malformed) {
      expect(batchOutcome(answer(payload), records, true).kind).toBe('failure');
    }
  });
});

describe('inProcessInvoker', () => {
  it('passes the event through JSON and returns the JSON answer', async () => {
    const invoke = inProcessInvoker({
      fn: {
        timeoutSeconds: 1,
        handler: async (event, context) => ({
          n: event.Records.length,
          remaining: context.getRemainingTimeInMillis() > 0,
          when: new Date(0),
        }),
      },
    });
    await expect(invoke('fn', { Records: records })).resolves.toEqual({
      ok: true,
      payload: { n: 3, remaining: true, when: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('reports a thrown error and a run past the timeout as function errors', async () => {
    class PoisonError extends Error {
      override name = 'PoisonError';
    }
    const invoke = inProcessInvoker({
      throws: { timeoutSeconds: 1, handler: async () => Promise.reject(new PoisonError('bad record')) },
      slow: { timeoutSeconds: 0.05, handler: () => new Promise((resolve) => setTimeout(resolve, 500)) },
    });
    await expect(invoke('throws', { Records: [] })).resolves.toEqual({
      ok: false,
      error: { errorType: 'PoisonError', errorMessage: 'bad record' },
    });
    const slow = await invoke('slow', { Records: [] });
    expect(slow).toMatchObject({ ok: false, error: { errorType: 'Sandbox.Timedout' } });
  });

  it('cannot invoke a function it does not have', async () => {
    await expect(inProcessInvoker({})('missing', { Records: [] })).rejects.toThrow('no such function');
  });
});

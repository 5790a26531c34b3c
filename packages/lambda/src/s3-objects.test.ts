import { RETRY_POLICIES } from '@gallery/core/retry';
import { deleteObjectBatchWithRetry, isRetryableDeleteCode, type DeleteResult } from './s3-objects';

const noWait = { wait: async () => undefined };

describe('isRetryableDeleteCode', () => {
  it('retries what S3 reports as passing, never a refusal', () => {
    expect(['SlowDown', 'InternalError', 'RequestTimeout'].filter(isRetryableDeleteCode)).toHaveLength(3);
    expect(['AccessDenied', 'NoSuchBucket', 'InvalidArgument'].filter(isRetryableDeleteCode)).toEqual([]);
  });
});

describe('deleteObjectBatchWithRetry', () => {
  it('sends again only the keys that failed for a passing reason, and keeps the refusals', async () => {
    const sent: string[][] = [];
    const answers: DeleteResult[] = [
      {
        deleted: ['a'],
        failed: [
          { key: 'b', code: 'SlowDown' },
          { key: 'c', code: 'AccessDenied' },
          { key: 'd', code: 'InternalError' },
        ],
      },
      { deleted: ['b'], failed: [{ key: 'd', code: 'InternalError' }] },
      { deleted: ['d'], failed: [] },
    ];
    const result = await deleteObjectBatchWithRetry(
      ['a', 'b', 'c', 'd'],
      async (keys) => {
        sent.push([...keys]);
        return answers.shift()!;
      },
      noWait,
    );
    expect(sent).toEqual([['a', 'b', 'c', 'd'], ['b', 'd'], ['d']]);
    expect(result).toEqual({ deleted: ['a', 'b', 'd'], failed: [{ key: 'c', code: 'AccessDenied' }] });
  });

  it('reports a key still failing after the last attempt', async () => {
    let calls = 0;
    const result = await deleteObjectBatchWithRetry(
      ['a'],
      async () => {
        calls++;
        return { deleted: [], failed: [{ key: 'a', code: 'SlowDown' }] };
      },
      noWait,
    );
    expect(calls).toBe(RETRY_POLICIES.throttled.attempts);
    expect(result).toEqual({ deleted: [], failed: [{ key: 'a', code: 'SlowDown' }] });
  });
});

import { RETRY_POLICIES } from './retry';
import { chunk, deleteBatchWithRetry } from './batch';

const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ pk: 'p', sk: `s${i}` }));

describe('deleteBatchWithRetry', () => {
  it('resends only what was left unprocessed, waiting the shared backoff before each resend', async () => {
    const sent: number[] = [];
    const waits: number[] = [];
    const leftovers = [keys(3).slice(1), keys(3).slice(2), []];
    const result = await deleteBatchWithRetry(
      keys(3),
      { wait: async (ms) => waits.push(ms), random: () => 0.5 },
      async (batch) => {
        sent.push(batch.length);
        return leftovers.shift() ?? [];
      },
    );
    expect(sent).toEqual([3, 2, 1]);
    const { baseDelayMs } = RETRY_POLICIES.throttled;
    expect(waits).toEqual([baseDelayMs / 2, baseDelayMs]);
    expect(result).toEqual({ deleted: 3, left: [] });
  });

  it('gives up after the policy attempts and reports what is left', async () => {
    const stuck = keys(2);
    let calls = 0;
    const result = await deleteBatchWithRetry(stuck, { wait: async () => undefined }, async (batch) => {
      calls++;
      return batch.slice(-1);
    });
    expect(calls).toBe(RETRY_POLICIES.throttled.attempts);
    expect(result).toEqual({ deleted: 1, left: [stuck[1]] });
  });

  it('sends once when everything is processed', async () => {
    let calls = 0;
    const result = await deleteBatchWithRetry(keys(25), {}, async () => {
      calls++;
      return [];
    });
    expect(calls).toBe(1);
    expect(result).toEqual({ deleted: 25, left: [] });
  });
});

describe('chunk', () => {
  it('splits into runs of at most the size, in order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 25)).toEqual([]);
    expect(chunk(keys(51), 25).map((c) => c.length)).toEqual([25, 25, 1]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

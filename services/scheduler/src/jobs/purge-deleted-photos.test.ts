import { chunk, deleteBatchWithRetry } from './purge-deleted-photos';

const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ pk: 'p', sk: `s${i}` }));

describe('deleteBatchWithRetry', () => {
  it('resends only what was left unprocessed, waiting before each resend', async () => {
    const sent: number[] = [];
    const waits: number[] = [];
    const leftovers = [keys(3).slice(1), keys(3).slice(2), []];
    const result = await deleteBatchWithRetry(
      keys(3),
      [10, 20, 40],
      async (batch) => {
        sent.push(batch.length);
        return leftovers.shift() ?? [];
      },
      async (ms) => waits.push(ms),
    );
    expect(sent).toEqual([3, 2, 1]);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(10);
    expect(waits[0]).toBeLessThanOrEqual(20);
    expect(waits[1]).toBeGreaterThanOrEqual(20);
    expect(waits[1]).toBeLessThanOrEqual(40);
    expect(result).toEqual({ deleted: 3, left: [] });
  });

  it('gives up after its resends and reports what is left', async () => {
    const stuck = keys(2);
    let calls = 0;
    const result = await deleteBatchWithRetry(
      stuck,
      [0, 0],
      async (batch) => {
        calls++;
        return batch.slice(-1);
      },
      async () => undefined,
    );
    expect(calls).toBe(3);
    expect(result).toEqual({ deleted: 1, left: [stuck[1]] });
  });

  it('sends once when everything is processed', async () => {
    let calls = 0;
    const result = await deleteBatchWithRetry(keys(25), [5], async () => {
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

import { setTimeout as sleep } from 'node:timers/promises';
import { mapLimit } from './pool';

describe('mapLimit', () => {
  it('keeps input order and never exceeds the concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const result = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await sleep(n);
      inFlight--;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('lets the calls in flight finish before rejecting', async () => {
    const done: number[] = [];
    await expect(
      mapLimit([1, 2, 3], 3, async (n) => {
        if (n === 1) throw new Error('boom');
        await sleep(5);
        done.push(n);
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(done.sort()).toEqual([2, 3]);
  });

  it('refuses a non-positive concurrency', async () => {
    await expect(mapLimit([1], 0, async (n) => n)).rejects.toThrow(RangeError);
  });
});

import {
  RETRY_POLICIES,
  backoffDelay,
  isRetryableError,
  isThrottlingCode,
  isTransientCode,
  retrying,
} from './retry';

const policy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 25 };

describe('backoffDelay', () => {
  it('is full jitter below a cap that doubles per retry, up to the maximum', () => {
    expect([0, 1, 2, 3].map((retry) => backoffDelay(policy, retry, () => 0.999_999))).toEqual([
      expect.closeTo(10, 3),
      expect.closeTo(20, 3),
      expect.closeTo(25, 3),
      expect.closeTo(25, 3),
    ]);
    expect(backoffDelay(policy, 5, () => 0)).toBe(0);
    expect(backoffDelay(policy, 1, () => 0.5)).toBe(10);
  });
});

describe('retrying', () => {
  it('stops at the first attempt that is done and waits the backoff between attempts', async () => {
    const waits: number[] = [];
    const result = await retrying(
      policy,
      async (index) => ({ retry: index < 2, value: `attempt ${index}` }),
      { wait: async (ms) => waits.push(ms), random: () => 0.5 },
    );
    expect(result).toEqual({ value: 'attempt 2', attempts: 3, gaveUp: false });
    expect(waits).toEqual([5, 10]);
  });

  it('gives up after the policy attempts and returns the last value', async () => {
    let calls = 0;
    const result = await retrying(policy, async () => ({ retry: true, value: ++calls }), {
      wait: async () => undefined,
    });
    expect(result).toEqual({ value: policy.attempts, attempts: policy.attempts, gaveUp: true });
  });

  it('does not wait past the deadline', async () => {
    let calls = 0;
    const result = await retrying(policy, async () => ({ retry: true, value: ++calls }), {
      deadline: Date.now() + 1,
      random: () => 0.999,
      wait: async () => undefined,
    });
    expect(result).toEqual({ value: 1, attempts: 1, gaveUp: true });
  });

  it('lets an exception through', async () => {
    await expect(
      retrying(policy, async () => {
        throw new TypeError('bug');
      }),
    ).rejects.toThrow('bug');
  });

  it('has policies whose waits stay bounded', () => {
    for (const p of Object.values(RETRY_POLICIES)) {
      expect(p.attempts).toBeGreaterThan(1);
      expect(p.maxDelayMs).toBeGreaterThanOrEqual(p.baseDelayMs);
    }
  });
});

describe('isRetryableError (the SDK classification)', () => {
  const sdkError = (name: string, status?: number) =>
    Object.assign(new Error(name), {
      name,
      $metadata: status === undefined ? {} : { httpStatusCode: status },
    });

  it.each([
    ['throttling', sdkError('ProvisionedThroughputExceededException', 400)],
    ['S3 SlowDown', sdkError('SlowDown', 503)],
    ['an internal error', sdkError('InternalServerError', 500)],
    ['a timeout', sdkError('TimeoutError')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    [
      'a cross-realm socket error the SDK re-wrapped',
      new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:8000'),
    ],
    [
      'a cross-realm timeout the SDK re-wrapped',
      new Error('AWS SDK error wrapper for TimeoutError: socket hang up'),
    ],
    ['a cross-realm reset the SDK re-wrapped', new Error('AWS SDK error wrapper for Error: socket hang up')],
    [
      'an SDK error wrapped by ElectroDB',
      Object.assign(new Error('ElectroDB'), { cause: sdkError('ThrottlingException') }),
    ],
  ])('says yes to %s', (_, err) => {
    expect(isRetryableError(err)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError('x is undefined')],
    ['a failed condition', sdkError('ConditionalCheckFailedException', 400)],
    ['a validation error', sdkError('ValidationException', 400)],
    ['access denied', sdkError('AccessDenied', 403)],
    ['an SDK wrapper of something else', new Error('AWS SDK error wrapper for [object Object]')],
    ['not an error', 'ECONNREFUSED'],
  ])('says no to %s', (_, err) => {
    expect(isRetryableError(err)).toBe(false);
  });
});

describe('per-item codes', () => {
  it('classifies codes reported in a response', () => {
    expect(isThrottlingCode('SlowDown')).toBe(true);
    expect(isThrottlingCode('AccessDenied')).toBe(false);
    expect(isTransientCode('RequestTimeout')).toBe(true);
    expect(isTransientCode('NoSuchBucket')).toBe(false);
  });
});

import { ConflictError, UnavailableError } from './errors';
import { RETRY_POLICIES } from './retry';
import { runTransaction, toDomainError } from './transactions';

function fakeTx(results: { canceled: boolean; data: unknown[] }[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    go: async () => results[Math.min(calls++, results.length - 1)]!,
  };
}

describe('runTransaction', () => {
  it('returns ok when the transaction commits', async () => {
    await expect(runTransaction(fakeTx([{ canceled: false, data: [] }]))).resolves.toEqual({ ok: true });
  });

  it('returns per-item reasons for failed conditions, without retrying', async () => {
    const tx = fakeTx([
      {
        canceled: true,
        data: [
          { rejected: false, code: 'None', item: null },
          { rejected: true, code: 'ConditionalCheckFailed', item: { userId: 'u1' } },
        ],
      },
    ]);
    await expect(runTransaction(tx)).resolves.toEqual({
      ok: false,
      reasons: [
        { code: 'None', item: null },
        { code: 'ConditionalCheckFailed', item: { userId: 'u1' } },
      ],
    });
    expect(tx.calls).toBe(1);
  });

  it('retries a TransactionConflict, then succeeds', async () => {
    const conflict = { canceled: true, data: [{ code: 'TransactionConflict' }, { code: 'None' }] };
    const tx = fakeTx([conflict, conflict, { canceled: false, data: [] }]);
    await expect(runTransaction(tx)).resolves.toEqual({ ok: true });
    expect(tx.calls).toBe(3);
  });

  it('gives up on endless conflicts with a ConflictError', async () => {
    const tx = fakeTx([{ canceled: true, data: [{ code: 'TransactionConflict' }] }]);
    await expect(runTransaction(tx)).rejects.toBeInstanceOf(ConflictError);
    expect(tx.calls).toBe(RETRY_POLICIES.transactionConflict.attempts);
  });

  it('maps throttling to UnavailableError', async () => {
    const tx = fakeTx([{ canceled: true, data: [{ code: 'ThrottlingError' }] }]);
    await expect(runTransaction(tx)).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe('toDomainError', () => {
  it('unwraps ElectroDB errors to find SDK throttling', () => {
    const sdk = Object.assign(new Error('slow down'), {
      name: 'ProvisionedThroughputExceededException',
      $metadata: {},
    });
    const wrapped = Object.assign(new Error('Error thrown by DynamoDB client'), { cause: sdk });
    const mapped = toDomainError(wrapped);
    expect(mapped).toBeInstanceOf(UnavailableError);
    expect((mapped as Error).message).not.toContain('slow down');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])(
    'maps an unreachable database (%s, wrapped by ElectroDB) to UnavailableError',
    (code) => {
      const sdk = Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code, $metadata: {} });
      const wrapped = Object.assign(new Error('Error thrown by DynamoDB client'), { cause: sdk });
      expect(toDomainError(wrapped)).toBeInstanceOf(UnavailableError);
    },
  );

  it('leaves other errors alone (bugs stay visible)', () => {
    const bug = new TypeError('x is undefined');
    expect(toDomainError(bug)).toBe(bug);
  });
});

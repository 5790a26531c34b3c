import { lambdaContext } from '@gallery/lambda/testing';
import { pendingCutoff, reapPendingUploads } from './handler';

describe('pendingCutoff', () => {
  it('is the given number of minutes before now', () => {
    expect(pendingCutoff(new Date('2025-01-01T01:00:00Z'), 45).toISOString()).toBe(
      '2025-01-01T00:15:00.000Z',
    );
  });

  it('rejects a non-positive age', () => {
    expect(() => pendingCutoff(new Date(), 0)).toThrow(RangeError);
    expect(() => pendingCutoff(new Date(), Number.NaN)).toThrow(RangeError);
  });
});

describe('reapPendingUploads', () => {
  const tableName = process.env.TABLE_NAME;
  beforeEach(() => {
    process.env.TABLE_NAME = 'gallery-test';
  });
  afterEach(() => {
    if (tableName === undefined) delete process.env.TABLE_NAME;
    else process.env.TABLE_NAME = tableName;
  });

  it('logs one structured summary line with the request id', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    let summary;
    try {
      summary = await reapPendingUploads(
        { maxPendingAgeMinutes: 30 },
        lambdaContext({ awsRequestId: 'req-reap' }),
        () => new Date('2025-01-01T01:00:00Z'),
      );
    } finally {
      write.mockRestore();
    }

    expect(summary).toEqual({
      job: 'reapPendingUploads',
      tableName: 'gallery-test',
      cutoff: '2025-01-01T00:30:00.000Z',
      examined: 0,
      reaped: 0,
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', requestId: 'req-reap', ...summary });
  });

  it('fails loudly without a table name', async () => {
    delete process.env.TABLE_NAME;
    await expect(reapPendingUploads({}, lambdaContext())).rejects.toThrow('TABLE_NAME is not set');
  });
});

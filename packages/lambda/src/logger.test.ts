import { createLogger, serializeError } from './logger';

function collect() {
  const lines: string[] = [];
  return { lines, sink: (line: string) => lines.push(line), entries: () => lines.map((l) => JSON.parse(l)) };
}

const now = () => new Date('2025-01-01T00:00:00.000Z');

describe('createLogger', () => {
  // Test runs set LOG_LEVEL=silent (jest.config.ts); these tests start from the deployed default.
  let logLevel: { replaceValue(value: string): void; restore(): void };
  beforeEach(() => {
    logLevel = jest.replaceProperty(process.env, 'LOG_LEVEL', 'info');
  });
  afterEach(() => logLevel.restore());

  it('writes one JSON line per entry, each with the request id', () => {
    const out = collect();
    const log = createLogger({ requestId: 'req-1' }, { sink: out.sink, now });

    log.info('first', { albumId: 'a1' });
    log.child({ userId: 'u1' }).warn('second');

    expect(out.lines).toHaveLength(2);
    expect(out.lines.every((line) => !line.includes('\n'))).toBe(true);
    expect(out.entries()).toEqual([
      { time: '2025-01-01T00:00:00.000Z', level: 'info', msg: 'first', albumId: 'a1', requestId: 'req-1' },
      { time: '2025-01-01T00:00:00.000Z', level: 'warn', msg: 'second', userId: 'u1', requestId: 'req-1' },
    ]);
  });

  it('keeps the request id even if a field tries to overwrite it', () => {
    const out = collect();
    createLogger({ requestId: 'req-1' }, { sink: out.sink, now }).info('x', { requestId: 'forged' });

    expect(out.entries()[0].requestId).toBe('req-1');
  });

  it('drops entries below the level', () => {
    const out = collect();
    const log = createLogger({ requestId: 'r' }, { sink: out.sink, level: 'warn' });

    log.debug('no');
    log.info('no');
    log.error('yes');

    expect(out.entries().map((e) => e.msg)).toEqual(['yes']);
  });

  it('takes its level from LOG_LEVEL, and LOG_LEVEL=silent writes nothing', () => {
    const out = collect();
    logLevel.replaceValue('WARN');
    const warn = createLogger({ requestId: 'r' }, { sink: out.sink });
    logLevel.replaceValue('silent');
    const silent = createLogger({ requestId: 'r' }, { sink: out.sink });

    warn.info('no');
    warn.warn('yes');
    silent.error('no');

    expect(out.entries().map((e) => e.msg)).toEqual(['yes']);
  });

  it('spells out errors, causes included', () => {
    const out = collect();
    const err = new Error('outer', { cause: new RangeError('inner') });
    createLogger({ requestId: 'r' }, { sink: out.sink }).error('failed', { err });

    const logged = out.entries()[0].err;
    expect(logged).toMatchObject({
      name: 'Error',
      message: 'outer',
      cause: { name: 'RangeError', message: 'inner' },
    });
    expect(logged.stack).toContain('outer');
  });
});

describe('serializeError', () => {
  it('passes non-errors through', () => {
    expect(serializeError('text')).toBe('text');
  });
});

// A tiny structured logger: one JSON object per line on stdout, which CloudWatch Logs (and any local
// log reader) can parse without configuration. Every line carries the request id it belongs to.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose lines also carry `fields`. */
  child(fields: LogFields): Logger;
}

/** The lowest level written; `silent` writes nothing (the test runs' default, see jest.config.ts). */
export type LogThreshold = LogLevel | 'silent';

export interface LoggerOptions {
  /** Lowest level written. Defaults to `LOG_LEVEL` from the environment, else `info`. */
  level?: LogThreshold;
  /** Where lines go; defaults to stdout. Tests pass a collector. */
  sink?: (line: string) => void;
  now?: () => Date;
}

const RANK: Record<LogThreshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function isLogThreshold(value: unknown): value is LogThreshold {
  return typeof value === 'string' && value in RANK;
}

const stdoutSink = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Errors do not survive JSON.stringify (their fields are non-enumerable); spell them out. */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const out: LogFields = { name: err.name, message: err.message, stack: err.stack };
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return serializeError(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function createLogger(base: { requestId: string } & LogFields, options: LoggerOptions = {}): Logger {
  const envLevel = process.env.LOG_LEVEL?.toLowerCase();
  const level = options.level ?? (isLogThreshold(envLevel) ? envLevel : 'info');
  const sink = options.sink ?? stdoutSink;
  const now = options.now ?? (() => new Date());

  const write = (entryLevel: LogLevel, msg: string, fields?: LogFields): void => {
    if (RANK[entryLevel] < RANK[level]) return;
    // Base fields last so a caller cannot overwrite the request id by accident.
    const entry = { time: now().toISOString(), level: entryLevel, msg, ...fields, ...base };
    sink(JSON.stringify(entry, replacer));
  };

  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger({ ...fields, ...base }, { level, sink, now }),
  };
}

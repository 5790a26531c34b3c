// Test helpers (jest only, never bundled): read what a function writes to stdout and stderr, i.e. its
// Powertools log lines and EMF metric lines, as CloudWatch Logs would receive them.
//
// Test runs are quiet (jest.config.ts: LOG_LEVEL=silent, POWERTOOLS_METRICS_DISABLED=true), and the
// logger and the metrics are process singletons configured when first imported. A test file that
// reads the output imports ./verbose.ts first; a test that needs other settings loads the function
// with fresh singletons (loadObserved).

export type Json = Record<string, unknown>;

/** One EMF line: the metrics' values and dimensions at the top level, their definitions under `_aws`. */
export interface EmfLine extends Json {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
}

export interface Captured {
  /** Every line written to stdout or stderr since the capture began. */
  lines(): string[];
  /** The log entries (JSON lines with a `level`). */
  logs(): Json[];
  /** The EMF lines. */
  emf(): EmfLine[];
  restore(): void;
}

export function captureStdout(): Captured {
  const chunks: string[] = [];
  // Powertools writes WARN and ERROR lines to stderr (console.warn/error), the others to stdout;
  // Lambda sends both to the function's log group.
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '');
  // Jest's own console output passes through the same streams: only JSON objects are the function's.
  const json = () =>
    lines()
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Json);
  return {
    lines,
    logs: () => json().filter((entry) => typeof entry.level === 'string'),
    emf: () => json().filter((entry): entry is EmfLine => typeof entry._aws === 'object'),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/**
 * `load()` (`jest.requireActual` of a function's modules, and what the test does with them) with
 * fresh module singletons: metrics on, the logger at `env.LOG_LEVEL` (default DEBUG), and `env` set
 * while `load` runs. Modules a function loads later (the tracer, ./tracing.ts) come from the same
 * fresh registry only while `load` has not settled: run the invocations inside it.
 */
export async function loadObserved<T>(
  load: () => T | Promise<T>,
  env: Record<string, string> = {},
): Promise<T> {
  const values: Record<string, string> = {
    POWERTOOLS_METRICS_DISABLED: 'false',
    POWERTOOLS_METRICS_NAMESPACE: 'GalleryTest',
    POWERTOOLS_SERVICE_NAME: 'gallery-test',
    LOG_LEVEL: 'DEBUG',
    ...env,
  };
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  try {
    let loaded: T | undefined;
    await jest.isolateModulesAsync(async () => {
      loaded = await load();
    });
    return loaded as T;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

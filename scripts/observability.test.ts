// Every function of every service runs in the observability chain of @gallery/lambda (logs, metrics,
// traces, correlation id), and every service gives its functions the settings the chain reads. A
// service or a function that joins later is held to the same, here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readCompose } from '@gallery/deploy/compose';
import { isObserved } from '@gallery/lambda/observe';
import { deployedFunctions } from '@gallery/testing/deploy-build';

const ROOT = path.resolve(__dirname, '..');

/** Lambda@Edge functions take no environment variables: their build defines the settings instead. */
const WITHOUT_ENVIRONMENT = new Set(['edge']);

const withFunctions = readCompose(ROOT)
  .services.map(({ name, path: folder }) => ({ name, dir: path.join(ROOT, folder) }))
  .filter(({ dir }) => deployedFunctions(dir).length > 0);
const services = withFunctions.filter(({ name }) => !WITHOUT_ENVIRONMENT.has(name));

const functions = withFunctions.flatMap(({ name, dir }) =>
  deployedFunctions(dir).map((fn) => ({ service: name, dir, ...fn })),
);

interface ServiceConfig {
  provider: { tracing?: { lambda?: unknown }; environment?: Record<string, unknown> };
  custom?: { esbuild?: unknown };
}
const configOf = (dir: string) =>
  parse(readFileSync(path.join(dir, 'serverless.yml'), 'utf8'), {
    logLevel: 'silent',
    strict: false,
  }) as ServiceConfig;

describe.each(withFunctions)('the build of service $name', ({ name, dir }) => {
  it('defines the tracer switch (a service that writes its own esbuild settings takes it too)', () => {
    const esbuild = configOf(dir).custom?.esbuild;
    if (typeof esbuild === 'string') {
      expect(esbuild).toBe('${file(../serverless.shared.yml):esbuild}');
      return;
    }
    const define = (esbuild as { define?: unknown } | undefined)?.define;
    if (WITHOUT_ENVIRONMENT.has(name)) {
      expect(Object.keys(define as object).sort()).toEqual([
        'process.env.POWERTOOLS_METRICS_NAMESPACE',
        'process.env.POWERTOOLS_SERVICE_NAME',
        'process.env.POWERTOOLS_TRACE_ENABLED',
      ]);
    } else {
      expect(define).toBe('${file(../serverless.shared.yml):esbuild.define}');
    }
  });
});

describe.each(services)('service $name', ({ dir }) => {
  const { provider } = configOf(dir);

  it('gives its functions the service name, the metrics namespace, the sampling rate and the tracing switch', () => {
    expect(Object.keys(provider.environment ?? {})).toEqual(
      expect.arrayContaining([
        'POWERTOOLS_SERVICE_NAME',
        'POWERTOOLS_METRICS_NAMESPACE',
        'POWERTOOLS_LOGGER_SAMPLE_RATE',
        'POWERTOOLS_TRACE_ENABLED',
      ]),
    );
    expect(provider.environment?.POWERTOOLS_SERVICE_NAME).toBe('${self:service}');
  });

  it("turns on Lambda's active tracing", () => {
    expect(provider.tracing?.lambda).toBe(true);
  });
});

describe('every deployed function', () => {
  it.each(functions.map((fn) => [`${fn.service}/${fn.name}`, fn] as const))(
    '%s runs in the observability chain',
    async (_, fn) => {
      const module = (await import(path.join(fn.dir, fn.handlerModule))) as Record<string, unknown>;
      expect(isObserved(module[fn.handlerExport])).toBe(true);
    },
  );
});

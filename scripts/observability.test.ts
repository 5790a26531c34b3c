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

/** Functions without environment variables cannot carry the chain's settings (Lambda@Edge). */
const WITHOUT_ENVIRONMENT = new Set(['edge']);

const services = readCompose(ROOT)
  .services.map(({ name, path: folder }) => ({ name, dir: path.join(ROOT, folder) }))
  .filter(({ name, dir }) => !WITHOUT_ENVIRONMENT.has(name) && deployedFunctions(dir).length > 0);

const functions = services.flatMap(({ name, dir }) =>
  deployedFunctions(dir).map((fn) => ({ service: name, dir, ...fn })),
);

describe.each(services)('service $name', ({ dir }) => {
  const provider = (
    parse(readFileSync(path.join(dir, 'serverless.yml'), 'utf8'), { logLevel: 'silent', strict: false }) as {
      provider: { tracing?: { lambda?: unknown }; environment?: Record<string, unknown> };
    }
  ).provider;

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

// One source per route, checked end to end for every function of the api and auth services: the
// route contract that names a function (its operationId) is the one its Lambda handler validates
// with, and the one its httpApi event is generated from (local-http and the http-routes osls plugin
// share that generation, @gallery/testing/http-routes; check-templates checks the packaged result).
import path from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { loadHttpRoutes } from '@gallery/testing/local-http';
import { routes as apiRoutes } from '../services/api/src/routes';
import { routes as authRoutes } from '../services/auth/src/routes';

const ROOT = path.resolve(__dirname, '..');

interface FunctionEntry {
  name: string;
  module: string;
  exportName: string;
}

/** Every function of a service, from serverless.yml and each function's config.yml. */
async function functionsOf(serviceDir: string): Promise<FunctionEntry[]> {
  const yml = parse(await readFile(path.join(serviceDir, 'serverless.yml'), 'utf8'), {
    logLevel: 'silent',
    strict: false,
  }) as { functions: Record<string, string> };
  return Promise.all(
    Object.entries(yml.functions).map(async ([name, entry]) => {
      const file = /\$\{file\((.+)\)\}/.exec(entry)?.[1] as string;
      const config = parse(await readFile(path.join(serviceDir, file), 'utf8'), {
        logLevel: 'silent',
        strict: false,
      }) as { handler: string };
      const dot = config.handler.lastIndexOf('.');
      return { name, module: config.handler.slice(0, dot), exportName: config.handler.slice(dot + 1) };
    }),
  );
}

describe.each([
  ['api', apiRoutes],
  ['auth', authRoutes],
])('the %s service', (service, routes) => {
  const serviceDir = path.join(ROOT, 'services', service);

  it('serves every route contract with the function it names, whose handler validates with that contract', async () => {
    const served = await loadHttpRoutes(serviceDir);
    expect(served.map((r) => r.functionName).sort()).toEqual(routes.map((r) => r.operationId).sort());
    for (const fn of await functionsOf(serviceDir)) {
      const handler = ((await import(path.join(serviceDir, fn.module))) as Record<string, unknown>)[
        fn.exportName
      ] as { route?: unknown };
      const contract = routes.find((r) => r.operationId === fn.name);
      // A function without a contract (a Cognito trigger) must not be an HTTP handler either.
      expect({ function: fn.name, route: handler.route }).toEqual({ function: fn.name, route: contract });
      if (contract) expect(handler.route).toBe(contract);
    }
  });

  it('routes each contract to its method, path and authorizer', async () => {
    const served = await loadHttpRoutes(serviceDir);
    expect(
      served
        .map((r) => ({ fn: r.functionName, method: r.method, path: r.path, jwt: r.authorizer }))
        .sort((a, b) => a.fn.localeCompare(b.fn)),
    ).toEqual(
      routes
        .map((r) => ({
          fn: r.operationId,
          method: r.method,
          path: r.path,
          jwt: r.auth === 'jwt' ? 'jwt' : undefined,
        }))
        .sort((a, b) => a.fn.localeCompare(b.fn)),
    );
  });
});

describe('tests of every function', () => {
  it('has a test beside each handler, or a row in the README saying where its tests live', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const block =
      /<!-- tests-elsewhere:start -->([\s\S]*?)<!-- tests-elsewhere:end -->/.exec(readme)?.[1] ?? '';
    const elsewhere = new Map(
      [...block.matchAll(/^\| `(\w+)` +\| (.+?) +\|$/gm)].map((m) => [
        m[1] as string,
        [...(m[2] as string).matchAll(/`([\w./-]+\.test\.ts)`/g)].map((f) => f[1] as string),
      ]),
    );
    expect(elsewhere.size).toBeGreaterThan(0);
    for (const service of ['api', 'auth', 'media', 'scheduler', 'activity', 'workflows']) {
      const serviceDir = path.join(ROOT, 'services', service);
      for (const fn of await functionsOf(serviceDir)) {
        const folder = path.join(serviceDir, path.dirname(fn.module));
        const beside = ['handler.test.ts', 'handler.int.test.ts'].filter((f) =>
          existsSync(path.join(folder, f)),
        );
        const files = elsewhere.get(fn.name) ?? [];
        expect({ function: `${service}/${fn.name}`, tested: beside.length > 0 || files.length > 0 }).toEqual({
          function: `${service}/${fn.name}`,
          tested: true,
        });
        for (const file of files) expect(existsSync(path.join(serviceDir, 'tests', file))).toBe(true);
        elsewhere.delete(fn.name);
      }
    }
    // Every row names a function that exists.
    expect([...elsewhere.keys()]).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadHttpRoutes } from '@gallery/testing/local-http';
import { galleryDocument } from './openapi-document';

type Operation = {
  security: unknown[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};
type PathItem = Record<string, Operation> & { servers?: { url: string }[] };

const ROOT = path.resolve(__dirname, '..');
const SERVICES = ['api', 'auth'] as const;

describe('the OpenAPI document', () => {
  const paths = galleryDocument().paths as Record<string, PathItem>;
  const operations = Object.entries(paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([key]) => key !== 'servers')
      .map(([method, op]) => ({ path: p, method, op: op as Operation, servers: item.servers })),
  );

  it('lists exactly the routes the api and auth services deploy, with the same authorizer', async () => {
    const deployed = (
      await Promise.all(
        SERVICES.map(async (service) =>
          (await loadHttpRoutes(path.join(ROOT, 'services', service))).map((r) => ({
            route: `${r.method} ${r.path}`,
            service,
            jwt: r.authorizer === 'jwt',
          })),
        ),
      )
    ).flat();
    const documented = operations.map(({ path: p, method, op, servers }) => ({
      route: `${method.toUpperCase()} ${p}`,
      // The auth service's paths name its own HTTP API.
      service: servers?.some((s) => s.url === 'http://127.0.0.1:3100') ? 'auth' : 'api',
      jwt: op.security.length > 0,
    }));
    const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
    expect(documented.sort(byRoute)).toEqual(deployed.sort(byRoute));
  });

  it('gives every operation a response schema (but 204s) and every write a request schema', () => {
    for (const { path: p, method, op } of operations) {
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect({ op: `${method} ${p}`, success: success.length > 0 }).toEqual({
        op: `${method} ${p}`,
        success: true,
      });
      for (const [status, response] of success) {
        if (status === '204') continue;
        expect({
          op: `${method} ${p} ${status}`,
          schema: response.content?.['application/json']?.schema,
        }).toEqual({ op: `${method} ${p} ${status}`, schema: expect.objectContaining({ type: 'object' }) });
      }
      // Every POST and PATCH takes a JSON body.
      if (method === 'post' || method === 'patch') {
        expect(op.requestBody?.content['application/json']?.schema).toEqual(
          expect.objectContaining({ type: 'object' }),
        );
      }
    }
  });

  it('documents the JWT authorizer answer (not problem+json) on every authenticated operation', () => {
    for (const { op } of operations.filter(({ op }) => op.security.length > 0)) {
      expect(Object.keys(op.responses['401']?.content ?? {})).toEqual(['application/json']);
    }
  });

  it('validates as OpenAPI 3.1', async () => {
    // The validator is ESM-only with import.meta, which jest cannot load: run the script's check.
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const { stdout } = await promisify(execFile)(tsx, [path.join(__dirname, 'openapi.ts'), '--validate'], {
      cwd: ROOT,
    });
    expect(stdout).toMatch(/valid OpenAPI 3\.1/);
  }, 60_000);
});

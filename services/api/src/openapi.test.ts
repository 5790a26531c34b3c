import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadHttpRoutes } from '@gallery/testing/local-http';
import { apiDocument } from './openapi';

type Operation = {
  security: unknown[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};

const SERVICE_DIR = path.resolve(__dirname, '..');
const ROOT = path.resolve(SERVICE_DIR, '..', '..');

describe('the OpenAPI document', () => {
  const paths = apiDocument().paths as Record<string, Record<string, Operation>>;

  it('lists exactly the routes serverless.yml deploys, with the same authorizer', async () => {
    const deployed = await loadHttpRoutes(SERVICE_DIR);
    const documented = Object.entries(paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        route: `${method.toUpperCase()} ${p}`,
        jwt: op.security.length > 0,
      })),
    );
    const fromConfig = deployed.map((r) => ({ route: `${r.method} ${r.path}`, jwt: r.authorizer === 'jwt' }));
    const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
    expect(documented.sort(byRoute)).toEqual(fromConfig.sort(byRoute));
  });

  it('gives every operation a response schema (but 204s) and every write a request schema', () => {
    for (const [p, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
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
          }).toEqual({
            op: `${method} ${p} ${status}`,
            schema: expect.objectContaining({ type: 'object' }),
          });
        }
        // Every POST and PATCH of this API takes a JSON body.
        if (method === 'post' || method === 'patch') {
          expect(op.requestBody?.content['application/json']?.schema).toEqual(
            expect.objectContaining({ type: 'object' }),
          );
        }
      }
    }
  });

  it('validates as OpenAPI 3.1', async () => {
    // The validator is ESM-only with import.meta, which jest cannot load: run the script's check.
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const { stdout } = await promisify(execFile)(
      tsx,
      [path.join(SERVICE_DIR, 'scripts', 'openapi.ts'), '--validate'],
      {
        cwd: ROOT,
      },
    );
    expect(stdout).toMatch(/valid OpenAPI 3\.1/);
  }, 60_000);
});

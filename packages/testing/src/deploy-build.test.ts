import path from 'node:path';
import { build } from 'esbuild';
import { deployBuildOptions, resolveSharedParams } from './deploy-build';

const SERVICES = path.resolve(__dirname, '../../../services');

describe('resolveSharedParams', () => {
  const shared = { observability: { traceSdk: 'false' } };
  const text = '"${param:traceSdk, file(../serverless.shared.yml):observability.traceSdk}"';

  it("takes the stage's param, else the shared file's value, as osls resolves them", () => {
    expect(resolveSharedParams(text, shared)).toBe('"false"');
    expect(resolveSharedParams(text, shared, { traceSdk: 'true' })).toBe('"true"');
  });

  it('refuses a path the shared file does not have', () => {
    expect(() => resolveSharedParams(text.replace('traceSdk}', 'missing}'), shared)).toThrow(/no string/);
  });
});

describe("the tracer switch in a function's deploy build", () => {
  const bundle = async (params?: Record<string, string>) => {
    const serviceDir = path.join(SERVICES, 'api');
    const result = await build({
      ...deployBuildOptions(serviceDir, params),
      entryPoints: [path.join(serviceDir, 'src/functions/health/handler.ts')],
      write: false,
    });
    return Object.keys(result.metafile?.inputs ?? {});
  };

  it('leaves the X-Ray SDK out when the stage does not trace (the default), and bundles it when it does', async () => {
    const xray = (inputs: string[]) => inputs.some((input) => input.includes('aws-xray-sdk-core'));
    expect(xray(await bundle())).toBe(false);
    expect(xray(await bundle({ traceSdk: 'true' }))).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { functionEntries, buildOptions, bundlesOf } = require('./offline-reload.js') as {
  functionEntries: (
    functions: Record<string, { handler?: string }>,
    exists: (file: string) => boolean,
    extensions?: string[],
  ) => Map<string, string[]>;
  buildOptions: (
    config: Record<string, unknown>,
    target: { serviceDir: string; entryPoints: string[]; outdir: string },
  ) => Record<string, unknown>;
  bundlesOf: (
    metafile: {
      inputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
      outputs: Record<string, { entryPoint?: string }>;
    },
    workingDir: string,
  ) => Array<{ entry: string; output: string; sources: Set<string> }>;
};

const ROOT = path.resolve(__dirname, '..', '..');

describe('functionEntries', () => {
  it('finds each handler’s source file and groups functions that share one', () => {
    const files = new Set(['src/a/handler.ts', 'src/b/index.js']);
    const entries = functionEntries(
      {
        a: { handler: 'src/a/handler.handler' },
        alsoA: { handler: 'src/a/handler.other' },
        b: { handler: 'src/b/index.main' },
        image: {},
      },
      (file) => files.has(file),
    );
    expect([...entries]).toEqual([
      ['src/a/handler.ts', ['a', 'alsoA']],
      ['src/b/index.js', ['b']],
    ]);
  });

  it('says which handler has no source', () => {
    expect(() => functionEntries({ gone: { handler: 'src/gone.handler' } }, () => false)).toThrow(
      "offline-reload: no source file for gone's handler src/gone.handler",
    );
  });
});

describe('buildOptions', () => {
  it('passes esbuild options on and leaves serverless-esbuild’s own out, as serverless-esbuild does', () => {
    const options = buildOptions(
      {
        bundle: true,
        minify: true,
        target: 'node22',
        external: ['sharp'],
        exclude: ['aws-sdk'],
        alias: { a: 'b' },
        packager: 'npm',
        outputWorkFolder: '.esbuild-offline',
        skipRebuild: true,
        watch: { pattern: [] },
        installExtraArgs: ['--os=linux'],
      },
      { serviceDir: '/svc', entryPoints: ['src/a.ts'], outdir: '/svc/.esbuild-offline/.build' },
    );
    expect(options).toEqual({
      bundle: true,
      minify: true,
      target: 'node22',
      external: ['sharp', 'aws-sdk'],
      alias: { a: 'b' },
      plugins: [],
      entryPoints: ['src/a.ts'],
      outdir: '/svc/.esbuild-offline/.build',
      outbase: '/svc',
      absWorkingDir: '/svc',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
  });
});

describe('bundlesOf', () => {
  it('maps each bundle to its entry, output and every source file it imports outside node_modules', () => {
    const bundles = bundlesOf(
      {
        inputs: {
          'src/a/handler.ts': {
            imports: [
              { path: '../../packages/core/src/x.ts' },
              { path: '../../node_modules/.pnpm/zod@4/node_modules/zod/index.js' },
              { path: 'stand-in:@aws-sdk/lib-dynamodb' },
              { path: 'sharp', external: true },
            ],
          },
          // Imported, but inlined whole: the output's own `inputs` would leave it out.
          '../../packages/core/src/x.ts': { imports: [{ path: '../../packages/core/src/y.ts' }] },
          '../../packages/core/src/y.ts': { imports: [] },
          '../../node_modules/.pnpm/zod@4/node_modules/zod/index.js': { imports: [] },
          'stand-in:@aws-sdk/lib-dynamodb': { imports: [] },
          'src/b/handler.ts': { imports: [] },
        },
        outputs: {
          '.esbuild-offline/.build/src/a/handler.js': { entryPoint: 'src/a/handler.ts' },
          '.esbuild-offline/.build/src/b/handler.js': { entryPoint: 'src/b/handler.ts' },
          '.esbuild-offline/.build/chunk.js': {},
        },
      },
      '/repo/services/api',
    );
    expect(bundles).toEqual([
      {
        entry: 'src/a/handler.ts',
        output: '/repo/services/api/.esbuild-offline/.build/src/a/handler.js',
        sources: new Set([
          '/repo/services/api/src/a/handler.ts',
          '/repo/packages/core/src/x.ts',
          '/repo/packages/core/src/y.ts',
        ]),
      },
      {
        entry: 'src/b/handler.ts',
        output: '/repo/services/api/.esbuild-offline/.build/src/b/handler.js',
        sources: new Set(['/repo/services/api/src/b/handler.ts']),
      },
    ]);
  });
});

describe('the services’ configuration', () => {
  const services = ['api', 'auth', 'media', 'scheduler'];

  it.each(services)(
    '%s lists offline-reload after serverless-esbuild, before serverless-offline',
    (service) => {
      const yml = parse(readFileSync(path.join(ROOT, 'services', service, 'serverless.yml'), 'utf8'), {
        // CloudFormation tags such as !Ref are not YAML the parser knows.
        logLevel: 'silent',
        strict: false,
      }) as {
        plugins: { modules: string[] };
      };
      const modules = yml.plugins.modules;
      const at = modules.indexOf('offline-reload');
      expect(modules.slice(at - 1, at + 2)).toEqual([
        'serverless-esbuild',
        'offline-reload',
        'serverless-offline',
      ]);
    },
  );

  it('turns serverless-esbuild’s own watch off, so only offline-reload rebuilds', () => {
    const shared = parse(readFileSync(path.join(ROOT, 'services', 'serverless.shared.yml'), 'utf8')) as {
      esbuild: { watch?: { pattern?: unknown } };
    };
    expect(shared.esbuild.watch).toEqual({ pattern: [] });
  });
});

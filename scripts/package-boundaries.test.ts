import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkPackageBoundaries, importSpecifiers, isExported, splitSpecifier } from './package-boundaries';

const ROOT = path.resolve(__dirname, '..');
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.esbuild',
  '.esbuild-offline',
  '.serverless',
  '.local',
  'coverage',
  'dist',
]);
const SOURCE = /\.(c|m)?(t|j)sx?$/;

/** Every TS/JS source of ours: runtime, tests, benches, scripts, tool configs. */
function ourSources(dir: string, depth = 0): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.')) return [];
      return ourSources(full, depth + 1);
    }
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/**
 * Imports of a non-exported path that stay for now, each with its reason; the README lists them
 * and the lead decides. An entry that no longer matches an import fails the test, so none lingers.
 */
const KNOWN_EXCEPTIONS: { file: string; specifier: string; reason: string }[] = [];

describe('our sources', () => {
  const files = ourSources(ROOT);
  const violations = checkPackageBoundaries(ROOT, files);
  const isKnown = (v: { file: string; specifier: string }) =>
    KNOWN_EXCEPTIONS.some((known) => known.file === v.file && known.specifier === v.specifier);

  it('import only what each package exports', () => {
    // The walk found the code (not an empty list that would pass vacuously).
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain(path.join(ROOT, 'packages/core/src/client.ts'));
    expect(violations.filter((v) => !isKnown(v))).toEqual([]);
  });

  it('have no stale known exception', () => {
    const stale = KNOWN_EXCEPTIONS.filter(
      (known) => !violations.some((v) => v.file === known.file && v.specifier === known.specifier),
    );
    expect(stale).toEqual([]);
  });
});

describe('the checker', () => {
  let fixture: string;

  /** A package under the fixture's node_modules. */
  function pkg(name: string, manifest: object) {
    const dir = path.join(fixture, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, ...manifest }));
  }

  beforeAll(() => {
    fixture = mkdtempSync(path.join(os.tmpdir(), 'package-boundaries-'));
    // Like electrodb: no exports, files reachable on disk.
    pkg('electrodb', { main: 'index.js' });
    pkg('@scope/lib', {
      exports: {
        '.': './index.js',
        './public': { import: './public.mjs', require: './public.js' },
        './features/*': './features/*.js',
        './features/internal/*': null,
        './package.json': './package.json',
      },
    });
    pkg('sugar', { exports: { import: './index.mjs', require: './index.js' } });
    pkg('@types/aws-lambda', { types: 'index.d.ts' });
  });

  afterAll(() => {
    rmSync(fixture, { recursive: true, force: true });
  });

  function check(source: string) {
    const file = path.join(fixture, 'src', 'index.ts');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, source);
    return checkPackageBoundaries(fixture, [file]).map((v) => v.specifier);
  }

  it("fails on a file of a package that has no exports, such as ElectroDB's src/client", () => {
    expect(check(`import { DocumentClientV3Wrapper } from 'electrodb/src/client';`)).toEqual([
      'electrodb/src/client',
    ]);
    expect(check(`import { Entity } from 'electrodb';`)).toEqual([]);
  });

  it('fails on subpaths a package does not export, however they are imported', () => {
    expect(
      check(`
        import type { X } from '@scope/lib/internal/x';
        export { y } from '@scope/lib/lib/y';
        const z = require('@scope/lib/features/internal/z');
        const w = import('sugar/index.js');
      `),
    ).toEqual([
      '@scope/lib/internal/x',
      '@scope/lib/lib/y',
      '@scope/lib/features/internal/z',
      'sugar/index.js',
    ]);
  });

  it('accepts exported subpaths, patterns, conditions, type packages and built-ins', () => {
    expect(
      check(`
        import lib from '@scope/lib';
        import { p } from '@scope/lib/public';
        import { f } from '@scope/lib/features/search';
        import manifest from '@scope/lib/package.json';
        import sugar from 'sugar';
        import type { Context } from 'aws-lambda';
        import { readFileSync } from 'node:fs';
        import path from 'path';
        import { helper } from './helper';
      `),
    ).toEqual([]);
  });

  it('reports a package that is not installed', () => {
    expect(check(`import 'not-installed/x';`)).toEqual(['not-installed/x']);
  });
});

describe('the helpers', () => {
  it('split a specifier into the package and its subpath', () => {
    expect(splitSpecifier('electrodb/src/client')).toEqual({ name: 'electrodb', subpath: './src/client' });
    expect(splitSpecifier('@aws-sdk/client-s3')).toEqual({ name: '@aws-sdk/client-s3', subpath: '.' });
    expect(splitSpecifier('@smithy/core/retry')).toEqual({ name: '@smithy/core', subpath: './retry' });
  });

  it('read exports as Node does', () => {
    expect(isExported(undefined, '.')).toBe(true);
    expect(isExported(undefined, './src/client')).toBe(false);
    expect(isExported('./index.js', './x')).toBe(false);
    expect(isExported({ './a/*': './a/*.js', './a/b/*': null }, './a/b/c')).toBe(false);
    expect(isExported({ './a/*': './a/*.js', './a/b/*': null }, './a/c')).toBe(true);
  });

  it('find imports of every kind, and leave relative paths and built-ins out', () => {
    expect(
      importSpecifiers(
        `import a from 'a'; import './b'; import 'node:fs'; import 'fs'; export * from 'c/d';`,
      ),
    ).toEqual(['a', 'c/d']);
  });
});

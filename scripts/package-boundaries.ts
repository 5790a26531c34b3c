// Libraries through their public APIs only: every bare import specifier in our sources must name a
// path its package exports. A package with `exports` may be imported by the subpaths it lists
// (patterns with `*` included, `null` targets excluded); a package without `exports` only by its
// root name, so `electrodb/src/client` (a file of a package that declares no public subpaths) and
// `@gallery/core/src/client` (a file its package.json does not export) both fail.
//
// Specifiers are read with TypeScript's own pre-processor (imports, `export … from`, `import type`,
// `require()` and `import()` with literal arguments). Packages are found the way Node finds them:
// `node_modules/<name>` in the importing file's folder or any folder above it (type-only packages
// under `@types/`).
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export interface BoundaryViolation {
  /** The importing file, relative to the root checked. */
  file: string;
  specifier: string;
  reason: string;
}

const BUILTINS = new Set(builtinModules);

/** The bare module specifiers `source` imports, requires or re-exports (relative ones left out). */
export function importSpecifiers(source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((ref) => ref.fileName)
    .filter((name) => !name.startsWith('.') && !name.startsWith('/') && !name.startsWith('node:'))
    .filter((name) => !BUILTINS.has(name.split('/')[0]!));
}

/** `@scope/name/sub/path` → [`@scope/name`, `./sub/path`]; the root is `.`. */
export function splitSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const size = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(size).join('/');
  return { name: parts.slice(0, size).join('/'), subpath: rest ? `./${rest}` : '.' };
}

type Exports = string | null | Exports[] | { [key: string]: Exports };

/** Whether `exports` (a package.json field) makes `subpath` importable. */
export function isExported(exports: Exports | undefined, subpath: string): boolean {
  if (exports === undefined) return subpath === '.';
  // A string, an array or an object of conditions is the root export alone.
  const isSubpathMap =
    typeof exports === 'object' &&
    exports !== null &&
    !Array.isArray(exports) &&
    Object.keys(exports).some((key) => key.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' && exports !== null;
  const map = exports as Record<string, Exports>;
  if (subpath in map) return map[subpath] !== null;
  // Patterns: the longest matching prefix wins, as Node resolves them.
  const patterns = Object.keys(map)
    .filter((key) => key.includes('*'))
    .filter((key) => {
      const [prefix = '', suffix = ''] = key.split('*');
      return subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1;
    })
    .sort((a, b) => b.indexOf('*') - a.indexOf('*'));
  const best = patterns[0];
  return best !== undefined && map[best] !== null;
}

/** The package.json Node would load for `name` imported from `fromDir`, or undefined. */
export function findPackageJson(name: string, fromDir: string): string | undefined {
  const typesName = `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
  for (const candidate of [name, typesName]) {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const file = path.join(dir, 'node_modules', candidate, 'package.json');
      if (existsSync(file)) return file;
      if (path.dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/** Checks every bare specifier of `files` (absolute paths) against its package's `exports`. */
export function checkPackageBoundaries(root: string, files: readonly string[]): BoundaryViolation[] {
  const violations: BoundaryViolation[] = [];
  const exportsOf = new Map<string, Exports | undefined>();
  for (const file of files) {
    const relative = path.relative(root, file);
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      const { name, subpath } = splitSpecifier(specifier);
      const manifest = findPackageJson(name, path.dirname(file));
      if (!manifest) {
        violations.push({
          file: relative,
          specifier,
          reason: `package ${name} is not installed for this file`,
        });
        continue;
      }
      if (!exportsOf.has(manifest)) {
        exportsOf.set(
          manifest,
          (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Exports }).exports,
        );
      }
      const exports = exportsOf.get(manifest);
      if (!isExported(exports, subpath)) {
        violations.push({
          file: relative,
          specifier,
          reason:
            exports === undefined
              ? `${name} has no "exports": only "${name}" itself is public`
              : `${name} does not export "${subpath}"`,
        });
      }
    }
  }
  return violations;
}

// The esbuild options a service's functions are deployed with (services/serverless.shared.yml),
// translated the way serverless-esbuild passes them to esbuild: for tools that bundle a function
// the way `serverless package` does (the cold-start benchmark, the bundled data-layer test).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { parse } from 'yaml';

interface SharedEsbuild {
  bundle?: boolean;
  minify?: boolean;
  sourcemap?: boolean | 'inline' | 'external' | 'linked' | 'both';
  target?: string;
  platform?: 'node';
  format?: 'cjs' | 'esm';
  mainFields?: string[];
  exclude?: string[];
  external?: string[];
  alias?: Record<string, string>;
  /** A module exporting esbuild plugins, relative to the service's folder. */
  plugins?: string;
  keepNames?: boolean;
  treeShaking?: boolean;
  legalComments?: 'none' | 'inline' | 'eof' | 'linked' | 'external';
}

/** The deploy options, translated the way serverless-esbuild passes them to esbuild. */
export function deployBuildOptions(serviceDir: string): BuildOptions {
  const shared = (
    parse(readFileSync(path.join(serviceDir, '../serverless.shared.yml'), 'utf8')) as {
      esbuild: SharedEsbuild;
    }
  ).esbuild;
  const options: BuildOptions = {
    bundle: shared.bundle ?? true,
    minify: shared.minify ?? false,
    sourcemap: shared.sourcemap ?? false,
    target: shared.target ?? 'node22',
    platform: shared.platform ?? 'node',
    format: shared.format ?? 'cjs',
    external: [...(shared.external ?? []), ...(shared.exclude ?? [])],
    metafile: true,
    logLevel: 'warning',
    // serverless-esbuild builds from the service's folder, and `alias` targets resolve from there.
    absWorkingDir: serviceDir,
  };
  if (shared.mainFields) options.mainFields = shared.mainFields;
  if (shared.alias) options.alias = shared.alias;
  // serverless-esbuild loads the plugins module with require() from the service's folder.
  if (shared.plugins)
    options.plugins = createRequire(__filename)(path.join(serviceDir, shared.plugins)) as Plugin[];
  if (shared.keepNames !== undefined) options.keepNames = shared.keepNames;
  if (shared.treeShaking !== undefined) options.treeShaking = shared.treeShaking;
  if (shared.legalComments) options.legalComments = shared.legalComments;
  return options;
}

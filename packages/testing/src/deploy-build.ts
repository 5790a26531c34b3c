// The esbuild options a service's functions are deployed with (services/serverless.shared.yml, plus
// the settings a service adds in its own `custom.esbuild`, such as media's external sharp),
// translated the way serverless-esbuild passes them to esbuild, and the functions a service
// deploys: for tools that bundle a function the way `serverless package` does (the cold-start
// benchmark).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { parse } from 'yaml';

interface EsbuildSettings {
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
  keepNames?: boolean;
  treeShaking?: boolean;
  legalComments?: 'none' | 'inline' | 'eof' | 'linked' | 'external';
  define?: Record<string, string>;
}

function readYaml(file: string): unknown {
  // CloudFormation short tags (!Ref, !Sub) do not matter here: read them as plain values.
  return parse(readFileSync(file, 'utf8'), { logLevel: 'silent', strict: false });
}

/** `${file(...)}` and other variables are the shared settings by reference: only literals add to them. */
function literalSettings(settings: unknown): EsbuildSettings {
  if (!settings || typeof settings !== 'object') return {};
  return Object.fromEntries(
    Object.entries(settings).filter(([, value]) => !(typeof value === 'string' && value.includes('${'))),
  ) as EsbuildSettings;
}

const SHARED_PARAM = /\$\{param:(\w+), file\(\.\.\/serverless\.shared\.yml\):([\w.]+)\}/g;

/**
 * `text` with each `${param:NAME, file(../serverless.shared.yml):a.b}` replaced as osls would: the
 * param when given, else the shared file's value at `a.b`. Pure.
 */
export function resolveSharedParams(
  text: string,
  shared: unknown,
  params: Record<string, string> = {},
): string {
  return text.replace(SHARED_PARAM, (_, name: string, at: string) => {
    if (params[name] !== undefined) return params[name];
    const value = at
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], shared);
    if (typeof value !== 'string') throw new Error(`serverless.shared.yml has no string at ${at}`);
    return value;
  });
}

/**
 * The deploy options of the service in `serviceDir`, translated the way serverless-esbuild passes them,
 * for a stage with `params` (`traceSdk`, ...; the shared defaults otherwise).
 */
export function deployBuildOptions(serviceDir: string, params: Record<string, string> = {}): BuildOptions {
  const file = readYaml(path.join(serviceDir, '../serverless.shared.yml')) as { esbuild: EsbuildSettings };
  const shared = file.esbuild;
  const own = literalSettings(
    (readYaml(path.join(serviceDir, 'serverless.yml')) as { custom?: { esbuild?: unknown } }).custom?.esbuild,
  );
  const settings: EsbuildSettings = { ...shared, ...own };
  const options: BuildOptions = {
    bundle: settings.bundle ?? true,
    minify: settings.minify ?? false,
    sourcemap: settings.sourcemap ?? false,
    target: settings.target ?? 'node22',
    platform: settings.platform ?? 'node',
    format: settings.format ?? 'cjs',
    external: [...(settings.external ?? []), ...(settings.exclude ?? [])],
    metafile: true,
    logLevel: 'warning',
    // serverless-esbuild builds from the service's folder, and `alias` targets resolve from there.
    absWorkingDir: serviceDir,
  };
  if (settings.mainFields) options.mainFields = settings.mainFields;
  if (settings.alias) options.alias = settings.alias;
  if (settings.keepNames !== undefined) options.keepNames = settings.keepNames;
  if (settings.treeShaking !== undefined) options.treeShaking = settings.treeShaking;
  if (settings.legalComments) options.legalComments = settings.legalComments;
  if (settings.define) {
    options.define = Object.fromEntries(
      Object.entries(settings.define).map(([name, value]) => [
        name,
        resolveSharedParams(value, file, params),
      ]),
    );
  }
  return options;
}

export interface DeployedFunction {
  /** The function's key in serverless.yml. */
  name: string;
  /** The handler's module, relative to the service's folder, without extension. */
  handlerModule: string;
  handlerExport: string;
}

const FILE_REFERENCE = /^\$\{file\((.+)\)\}$/;

/** Every function the service in `serviceDir` deploys (none for a service without functions). */
export function deployedFunctions(serviceDir: string): DeployedFunction[] {
  const service = readYaml(path.join(serviceDir, 'serverless.yml')) as {
    functions?: Record<string, string | { handler?: string }>;
  };
  return Object.entries(service.functions ?? {}).map(([name, entry]) => {
    let config = entry;
    if (typeof config === 'string') {
      const file = FILE_REFERENCE.exec(config.trim())?.[1];
      if (!file) throw new Error(`${name}: unsupported function entry ${config}`);
      config = readYaml(path.join(serviceDir, file)) as { handler?: string };
    }
    const handler = config.handler;
    if (!handler) throw new Error(`${name}: no handler`);
    const dot = handler.lastIndexOf('.');
    return { name, handlerModule: handler.slice(0, dot), handlerExport: handler.slice(dot + 1) };
  });
}

'use strict';

// `serverless offline` picks up code changes: an edited handler, or a workspace package it imports,
// is rebuilt and served without restarting the service.
//
// serverless-esbuild's own watch rebuilds every function, each as a separate esbuild build, on every
// file event. This plugin watches the folders of the files each bundle is made of (from esbuild's
// metafile: the service's sources and the workspace packages they import, not node_modules) and
// rebuilds only the functions whose bundle contains a changed file, in one esbuild build, so shared
// modules are parsed once. No esbuild context is kept between builds: an incremental context holds
// every parsed module of every function in memory, per service, for the whole session. It writes
// the bundles that changed where serverless-esbuild put them, each replaced whole so a worker never
// loads half a bundle, then runs serverless-offline's `offline:functionsUpdated`, which ends the
// warm workers: the next invocation cold-starts on the new bundle, as after a deploy. Workers
// otherwise stay warm (unlike --reloadHandler, which makes every request a cold start). A build
// error is printed and the last good bundles keep serving. Changes to serverless.yml or
// node_modules need a restart.
//
// List it after serverless-esbuild (which builds first and tells serverless-offline where the
// bundles are) and set serverless-esbuild's `watch.pattern` to [] so only one of them watches.

const { createHash } = require('node:crypto');
const { existsSync, statSync, watch } = require('node:fs');
const { mkdir, rename, writeFile } = require('node:fs/promises');
const path = require('node:path');

/** Lines this plugin prints start with this, so a harness can pick them out of osls's output. */
const LOG_PREFIX = 'offline-reload:';

// serverless-esbuild options that are its own, not esbuild's (the list its bundle step removes).
const PLUGIN_ONLY_OPTIONS = [
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
  'config',
];

const DEFAULT_EXTENSIONS = ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs', '.tsx', '.jsx'];

/**
 * The source file of each function, from its `handler` (`src/functions/x/handler.handler` →
 * `src/functions/x/handler.ts`), relative to the service's folder. Pure apart from `exists`.
 * @param {Record<string, { handler?: string }>} functions
 * @param {(relativePath: string) => boolean} exists
 * @param {string[]} [extensions]
 * @returns {Map<string, string[]>} entry file → the functions it serves
 */
function functionEntries(functions, exists, extensions = DEFAULT_EXTENSIONS) {
  const entries = new Map();
  for (const [name, fn] of Object.entries(functions)) {
    if (!fn.handler) continue;
    const base = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
    const entry = extensions.map((ext) => base + ext).find(exists);
    if (!entry) throw new Error(`${LOG_PREFIX} no source file for ${name}'s handler ${fn.handler}`);
    entries.set(entry, [...(entries.get(entry) ?? []), name]);
  }
  return entries;
}

/**
 * The esbuild options for the service's `custom.esbuild` block, as serverless-esbuild passes them
 * to esbuild, for all entries at once, written under `outdir` at their path in the service.
 * @param {Record<string, unknown>} config `custom.esbuild`
 * @param {{ serviceDir: string, entryPoints: string[], outdir: string }} target
 */
function buildOptions(config, { serviceDir, entryPoints, outdir }) {
  const options = Object.fromEntries(
    Object.entries(config).filter(([key]) => !PLUGIN_ONLY_OPTIONS.includes(key)),
  );
  const exclude = /** @type {string[]} */ (config.exclude ?? []);
  options.external = [
    .../** @type {string[]} */ (config.external ?? []),
    ...(exclude.includes('*') ? [] : exclude),
  ];
  // serverless-esbuild takes `plugins` as a module path relative to the service, exporting an array.
  options.plugins =
    typeof config.plugins === 'string'
      ? require(path.join(serviceDir, config.plugins))
      : (config.plugins ?? []);
  return {
    bundle: true,
    ...options,
    entryPoints,
    outdir,
    outbase: serviceDir,
    absWorkingDir: serviceDir,
    // The bundles are written by this plugin, only when they changed, each replaced whole.
    write: false,
    // Which files each bundle is made of: what to watch, and what a change reaches.
    metafile: true,
    logLevel: 'silent',
  };
}

/** Writes `contents` to `file` through a temporary file and a rename, so no reader sees half of it. */
async function replaceFile(file, contents) {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

/**
 * Each bundle of a build, from its esbuild metafile: the entry it was built from (as given to
 * esbuild), its output file and the source files it is made of, as absolute paths: every file its
 * entry imports, directly or not (an output's own `inputs` leave out files that add no bytes, such as
 * a module whose constants were inlined). Files under node_modules are left out: a dependency change
 * needs a restart.
 * @param {{
 *   inputs: Record<string, { imports: Array<{ path: string, external?: boolean }> }>,
 *   outputs: Record<string, { entryPoint?: string }>,
 * }} metafile
 * @param {string} workingDir the build's absWorkingDir, which metafile paths are relative to
 * @returns {Array<{ entry: string, output: string, sources: Set<string> }>}
 */
function bundlesOf(metafile, workingDir) {
  const importedBy = (entry) => {
    const seen = new Set([entry]);
    for (const file of seen) {
      for (const imported of metafile.inputs[file]?.imports ?? []) {
        if (!imported.external && imported.path in metafile.inputs) seen.add(imported.path);
      }
    }
    return seen;
  };
  return Object.entries(metafile.outputs)
    .filter(([, output]) => output.entryPoint)
    .map(([output, { entryPoint }]) => ({
      entry: /** @type {string} */ (entryPoint),
      output: path.resolve(workingDir, output),
      sources: new Set(
        [...importedBy(/** @type {string} */ (entryPoint))]
          // Inputs a plugin made up are named `namespace:path`; files are plain relative paths.
          .filter((input) => !/^[\w-]+:/.test(input))
          .map((input) => path.resolve(workingDir, input))
          .filter((file) => !file.split(path.sep).includes('node_modules')),
      ),
    }));
}

function modifiedSince(file, time) {
  try {
    return statSync(file).mtimeMs > time;
  } catch {
    return false;
  }
}

class OfflineReloadPlugin {
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    // Every line carries the prefix, an esbuild error's too, so a harness can pick them all out.
    this.print = (text) => {
      for (const line of text.trimEnd().split('\n')) {
        if (log) log.notice(`${LOG_PREFIX} ${line}`);
        else console.log(`${LOG_PREFIX} ${line}`);
      }
    };
    this.watchers = new Map();
    this.sources = new Map();
    this.hashes = new Map();
    this.pending = new Set();
    this.building = undefined;
    this.timer = undefined;
    const start = () => this.start();
    // `offline start` runs init; plain `offline` runs start. serverless-esbuild builds in the same
    // `before:` hooks, and plugins listed before this one run first.
    this.hooks = {
      'before:offline:start:init': start,
      'before:offline:start': start,
      'offline:start:end': () => this.stop(),
    };
  }

  start() {
    const { service, serviceDir } = this.serverless;
    const location = service.custom?.['serverless-offline']?.location;
    if (!location) {
      throw new this.serverless.classes.Error(
        `${LOG_PREFIX} serverless-offline has no bundle location: list offline-reload after serverless-esbuild`,
      );
    }
    const config = service.custom?.esbuild ?? {};
    this.entries = functionEntries(
      service.functions ?? {},
      (file) => existsSync(path.join(serviceDir, file)),
      config.resolveExtensions,
    );
    this.outdir = path.resolve(serviceDir, location);
    this.options = buildOptions(config, { serviceDir, entryPoints: [], outdir: this.outdir });
    // In the background: serverless-esbuild has built already, this only learns what to watch.
    this.rebuild(this.entries.keys(), { initial: true });
  }

  /** Queues a build of these entries; builds run one at a time, changes during one queue the next. */
  rebuild(entries, { initial = false } = {}) {
    for (const entry of entries) this.pending.add(entry);
    if (this.building || this.timer) return;
    // Editors write a file in several steps, and a checkout touches many: take them together.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = [...this.pending];
      this.pending.clear();
      this.building = this.build(batch, initial)
        .catch((err) => this.print(`build failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.building = undefined;
          if (this.pending.size > 0) this.rebuild([]);
        });
    }, 50);
  }

  async build(entries, initial) {
    const esbuild = require('esbuild');
    const started = Date.now();
    const result = await esbuild
      .build({ ...this.options, entryPoints: entries.sort() })
      .catch((err) => ({ errors: err.errors ?? [{ text: String(err) }] }));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.errors.length > 0) {
      const messages = await esbuild.formatMessages(result.errors, { kind: 'error', color: false });
      this.print(`build failed in ${seconds} s; the last good bundles keep serving:\n${messages.join('')}`);
      // A failed build has no metafile: keep watching what the bundles were made of.
      return;
    }
    const changed = [];
    const contents = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
    for (const { entry, output, sources } of bundlesOf(result.metafile, this.serverless.serviceDir)) {
      this.sources.set(entry, sources);
      for (const file of sources) {
        this.watchFolder(path.dirname(file));
        // Changed while this build ran, in a folder not watched yet: build again.
        if (modifiedSince(file, started)) this.rebuild([entry]);
      }
      const bytes = contents.get(output);
      const hash = createHash('sha256').update(bytes).digest('hex');
      if (this.hashes.get(output) === hash) continue;
      await replaceFile(output, bytes);
      this.hashes.set(output, hash);
      changed.push(...(this.entries.get(entry) ?? []));
    }
    // Even after the initial build: a file may have changed since serverless-esbuild's.
    if (changed.length > 0) await this.serverless.pluginManager.spawn('offline:functionsUpdated');
    if (initial) this.print(`watching the sources of ${this.entries.size} functions`);
    else if (changed.length > 0) this.print(`reloaded ${changed.sort().join(', ')} (built in ${seconds} s)`);
  }

  watchFolder(folder) {
    if (this.watchers.has(folder)) return;
    let watcher;
    try {
      watcher = watch(folder, (_event, name) => {
        if (!name) return;
        const file = path.join(folder, name.toString());
        const reached = [...this.sources].filter(([, files]) => files.has(file)).map(([entry]) => entry);
        if (reached.length > 0) this.rebuild(reached);
      });
    } catch (err) {
      this.print(`cannot watch ${folder}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    // A folder that goes away just stops reporting.
    watcher.on('error', () => this.watchers.delete(folder));
    this.watchers.set(folder, watcher);
  }

  async stop() {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    await this.building;
  }
}

module.exports = OfflineReloadPlugin;
module.exports.functionEntries = functionEntries;
module.exports.buildOptions = buildOptions;
module.exports.bundlesOf = bundlesOf;
module.exports.LOG_PREFIX = LOG_PREFIX;

// Cold start of every function of every service that bundles: each handler bundled with the esbuild
// options serverless-esbuild uses for deploys (services/serverless.shared.yml plus the service's own
// additions), its size minified and gzipped, and the time a fresh `node` process takes to load the
// bundle (module initialisation included), beside a baseline bundle built the same way that only
// creates a DynamoDB client and does one GetItem. The budget is the estimated Lambda init ratio:
// a real cold start also pays the runtime's own init (RUNTIME_INIT_MS), so
//   init ratio = (RUNTIME_INIT_MS + load) / (RUNTIME_INIT_MS + baseline load)   ≤ INIT_RATIO_TARGET.
// Bundle size is reported, not a target. api functions are also invoked once (real token, real
// DynamoDB Local). Rounds are interleaved (baseline, every function, repeat) so drift on the
// 2-core machine hits all of them alike.
//
// Powertools: every function is also built and loaded as a traced one (traceSdk=true: the X-Ray SDK
// bundled, POWERTOOLS_TRACE_ENABLED=true), and a set of functions, one of each kind (all with BENCH_POWERTOOLS_ALL=1),
// is also built without each piece (./powertools-variants.ts): what Logger, Metrics, Tracer and
// Idempotency each cost, in bytes and load time, against the same function.
//
//   pnpm bench:coldstart        (BENCH_COLD_N=10 fresh processes per function)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { readCompose } from '@gallery/deploy/compose';
import { deployBuildOptions, deployedFunctions } from '@gallery/testing/deploy-build';
import { loadHttpRoutes, type HttpRoute } from '@gallery/testing/local-http';
import { startLocalStack } from '@gallery/local-stack/stack';
import { routes as apiRoutes } from '../src/routes';
import { TRACED_ENV, withoutPieces, type Piece } from './powertools-variants';
import {
  REPO_ROOT,
  SERVICE_DIR,
  apiEvent,
  cognitoUser,
  machine,
  median,
  ms,
  progress,
  progressDone,
  quantile,
  table,
  today,
  useStackEnv,
  writeSection,
  type EventSpec,
} from './support';

const N = Number(process.env.BENCH_COLD_N ?? 10);
/**
 * The nodejs22.x runtime's own init before the handler module loads, from public measurements of
 * Lambda cold starts (an empty handler's Init Duration); the same for every function.
 */
const RUNTIME_INIT_MS = 118;
const INIT_RATIO_TARGET = 1.25;
/** Every service of serverless-compose.yml that deploys functions (data deploys only tables). */
const SERVICES = readCompose(REPO_ROOT)
  .services.map((service) => service.name)
  .filter((name) => deployedFunctions(path.join(REPO_ROOT, 'services', name)).length > 0);
/** One function of each kind, and every idempotent create: built without each Powertools piece. */
const PIECE_FUNCTIONS = new Set([
  'api/health',
  'api/getAlbum',
  'api/createAlbum',
  'api/createPhotoUpload',
  'auth/login',
  'auth/preSignUp',
  'media/thumbnail',
  'scheduler/repairCounters',
  'activity/applyReactions',
]);
const ALL_PIECES = process.env.BENCH_POWERTOOLS_ALL === '1';
const IDEMPOTENT = new Set(apiRoutes.filter((route) => route.idempotent).map((route) => route.operationId));

const BASELINE_SOURCE = `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
export const handler = async (event: { pk: string; sk: string }) => {
  const out = await client.send(
    new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: event.pk }, sk: { S: event.sk } } }),
  );
  return { statusCode: out.Item ? 200 : 404, body: JSON.stringify(out.Item ?? null) };
};
`;

// Runs in a fresh process: require the bundle (module init included, and what it starts loading
// for itself before the runtime's first invocation: a traced function's tracer), then, when there
// is an event, one invocation. performance.now() counts from process start, so `boot` is Node's own
// start-up before the require.
const RUNNER = `
const { performance } = require('node:perf_hooks');
const boot = performance.now();
const cpu0 = process.cpuUsage();
const mod = require(process.argv[2]);
setImmediate(() => {
const loaded = performance.now();
const cpu = process.cpuUsage(cpu0);
const report = (extra) => {
  process.stderr.write('BENCH' + JSON.stringify({ boot, load: loaded - boot,
    loadCpu: (cpu.user + cpu.system) / 1000, ...extra }) + '\\n');
  process.exit(0);
};
if (!process.env.BENCH_EVENT) return report({});
const context = { functionName: 'bench', awsRequestId: 'cold', getRemainingTimeInMillis: () => 10000,
  callbackWaitsForEmptyEventLoop: false };
Promise.resolve(mod[process.argv[3]](JSON.parse(process.env.BENCH_EVENT), context)).then(
  (res) => report({ invoke: performance.now() - loaded, status: res && res.statusCode }),
  (err) => { process.stderr.write('BENCHERR' + String(err && err.name) + '\\n'); process.exit(1); });
});
`;

/** How a function is built and started, beside its deployed build. */
type Variant = 'deployed' | 'traced' | `without ${Piece}` | 'without Powertools';

interface Bundle {
  /** `service/function`, or the baseline's description. */
  name: string;
  variant: Variant;
  /** Environment of its processes, beyond the stack's. */
  env: Record<string, string>;
  /** A baseline row rather than a function. */
  reference: boolean;
  file: string;
  handlerExport: string;
  /** Where the bundle's external modules (media's sharp) resolve from, as in the function's zip. */
  nodePath: string | undefined;
  bytes: number;
  gzipBytes: number;
  zipBytes: number | undefined;
  top: string;
  /** The first-invocation event (api functions and the baseline); load only without one. */
  event: unknown;
  load: number[];
  /** CPU time of the load (the process's, all threads): what other work on the machine does not inflate. */
  loadCpu: number[];
  invoke: number[];
  statuses: Set<number>;
}

function heaviest(metafile: Metafile): string {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) {
      const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = m?.[1] ?? (input.includes('packages/') ? 'packages/*' : 'service code');
      byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
    }
  }
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, bytes]) => `${name} ${Math.round(bytes / 1024)}`)
    .join(', ');
}

function runOnce(runner: string, bundle: Bundle, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, bundle.file, bundle.handlerExport], {
      env: {
        ...env,
        ...bundle.env,
        ...(bundle.event === undefined ? {} : { BENCH_EVENT: JSON.stringify(bundle.event) }),
        ...(bundle.nodePath ? { NODE_PATH: bundle.nodePath } : {}),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = err.split('\n').find((l) => l.startsWith('BENCH{'));
      if (code !== 0 || !line) {
        reject(new Error(`${bundle.name} (${bundle.variant}): exit ${code}: ${err.slice(0, 500)}`));
        return;
      }
      const r = JSON.parse(line.slice(5)) as {
        load: number;
        loadCpu: number;
        invoke?: number;
        status?: number;
      };
      bundle.load.push(r.load);
      bundle.loadCpu.push(r.loadCpu);
      if (r.invoke !== undefined) bundle.invoke.push(r.invoke);
      if (r.status !== undefined) bundle.statuses.add(r.status);
      resolve();
    });
  });
}

async function main() {
  const started = Date.now();
  console.log('Starting DynamoDB Local, s3rver and cognito-local…');
  const stack = await startLocalStack({ tableName: 'gallery-bench-cold', bucketName: 'gallery-bench-cold' });
  const work = mkdtempSync(path.join(os.tmpdir(), 'gallery-coldstart-'));
  try {
    useStackEnv(stack);
    const specs = await seed(stack);
    const firstRoute = new Map<string, HttpRoute>();
    for (const r of await loadHttpRoutes(SERVICE_DIR))
      if (!firstRoute.has(r.functionName)) firstRoute.set(r.functionName, r);

    const bundles: Bundle[] = [];
    const add = async (
      name: string,
      buildOptions: BuildOptions,
      extra: {
        event?: unknown;
        handlerExport?: string;
        serviceDir?: string;
        zip?: string;
        reference?: boolean;
        variant?: Variant;
        without?: Piece[];
        env?: Record<string, string>;
      },
    ) => {
      const variant = extra.variant ?? 'deployed';
      const outfile = path.join(work, `${name} ${variant}`.replace(/[^\w-]+/g, '_'), 'handler.js');
      const result = await build({
        ...buildOptions,
        outfile,
        plugins: extra.without ? [withoutPieces(extra.without)] : [],
      });
      const code = readFileSync(outfile);
      const external = (buildOptions.external ?? []).length > 0;
      const common = {
        name,
        reference: extra.reference ?? false,
        file: outfile,
        handlerExport: extra.handlerExport ?? 'handler',
        nodePath: external && extra.serviceDir ? path.join(extra.serviceDir, 'node_modules') : undefined,
        bytes: code.length,
        gzipBytes: gzipSync(code, { level: 9 }).length,
        zipBytes: extra.zip && existsSync(extra.zip) ? statSync(extra.zip).size : undefined,
        top: heaviest(result.metafile!),
        event: extra.event,
      };
      bundles.push({
        ...common,
        variant,
        env: extra.env ?? {},
        load: [],
        loadCpu: [],
        invoke: [],
        statuses: new Set<number>(),
      });
    };
    progress('Bundling the baseline…');
    // The bare client: the deploy options without any alias, so only the SDK's own modules.
    await add(
      'baseline (DynamoDBClient + GetItem)',
      {
        ...deployBuildOptions(SERVICE_DIR),
        alias: {},
        stdin: {
          contents: BASELINE_SOURCE,
          loader: 'ts',
          resolveDir: path.join(REPO_ROOT, 'packages/core/src'),
          sourcefile: 'baseline.ts',
        },
      },
      { event: { pk: specs.userPk, sk: '$user_1' }, reference: true },
    );
    const functions = SERVICES.flatMap((service) => {
      const serviceDir = path.join(REPO_ROOT, 'services', service);
      return deployedFunctions(serviceDir).map((fn) => ({ service, serviceDir, fn }));
    });
    let i = 0;
    for (const { service, serviceDir, fn } of functions) {
      const name = `${service}/${fn.name}`;
      progress(`Bundling ${++i}/${functions.length}: ${name}`);
      const route = service === 'api' ? firstRoute.get(fn.name) : undefined;
      const options = {
        ...deployBuildOptions(serviceDir),
        entryPoints: [path.join(serviceDir, `${fn.handlerModule}.ts`)],
      };
      const extra = {
        handlerExport: fn.handlerExport,
        serviceDir,
        zip: path.join(serviceDir, '.serverless', `${fn.name}.zip`),
        ...(route ? { event: apiEvent(specs.events(route)) } : {}),
      };
      await add(name, options, extra);
      // The build of a stage that traces (traceSdk=true: the X-Ray SDK bundled), started as Lambda
      // starts a traced function.
      await add(
        name,
        {
          ...options,
          ...deployBuildOptions(serviceDir, { traceSdk: 'true' }),
          entryPoints: options.entryPoints,
        },
        { ...extra, variant: 'traced', env: { ...TRACED_ENV } },
      );
      if (!ALL_PIECES && !PIECE_FUNCTIONS.has(name)) continue;
      // Each piece out on its own (the Tracer's cost is the traced build's), then all four out.
      const idempotent = service === 'api' && IDEMPOTENT.has(fn.name);
      const pieces: Piece[] = ['logger', 'metrics', ...(idempotent ? (['idempotency'] as const) : [])];
      for (const piece of pieces)
        await add(name, options, { ...extra, variant: `without ${piece}`, without: [piece] });
      await add(name, options, {
        ...extra,
        variant: 'without Powertools',
        without: ['logger', 'metrics', 'tracer', 'idempotency'],
      });
    }
    progressDone();

    const runner = path.join(work, 'runner.cjs');
    writeFileSync(runner, RUNNER);
    const env = { ...process.env, ...stack.env, NODE_OPTIONS: '' };
    for (let round = 0; round < N; round += 1) {
      for (const [k, b] of bundles.entries()) {
        progress(
          `Round ${round + 1}/${N}: fresh process ${k + 1}/${bundles.length} (${b.name}, ${b.variant})`,
        );
        await runOnce(runner, b, env);
      }
    }
    progressDone();
    writeDoc(bundles, deployBuildOptions(SERVICE_DIR), Date.now() - started);
  } finally {
    rmSync(work, { recursive: true, force: true });
    await stack.stop();
  }
}

/** Seed data every function's first invocation can act on, and the event for each route. */
async function seed(stack: Awaited<ReturnType<typeof startLocalStack>>) {
  progress('Seeding a user, an album, a photo, a comment and a share link…');
  const { registerUser } = await import('@gallery/core/access/users');
  const { createAlbum } = await import('@gallery/core/access/albums');
  const { addPhoto, markPhotoReady } = await import('@gallery/core/access/photos');
  const { addComment } = await import('@gallery/core/access/comments');
  const { createShareLink } = await import('@gallery/core/access/shares');
  const user = await cognitoUser(stack, 'cold');
  await registerUser({ userId: user.userId, email: user.email, handle: user.handle, displayName: 'Cold' });
  const album = await createAlbum({ ownerId: user.userId, title: 'Cold', visibility: 'public' });
  const photo = await addPhoto({
    albumId: album.albumId,
    ownerId: user.userId,
    contentType: 'image/jpeg',
    size: 1,
  });
  await markPhotoReady({
    photoId: photo.photoId,
    albumId: photo.albumId,
    width: 10,
    height: 10,
    renditions: [
      {
        name: 'thumb',
        key: `thumbnails/${photo.photoId}/thumb.webp`,
        width: 10,
        height: 10,
        contentType: 'image/webp',
        bytes: 10,
      },
    ],
  });
  const comment = await addComment({
    photoId: photo.photoId,
    authorId: user.userId,
    photoOwnerId: user.userId,
    body: 'hi',
  });
  const link = await createShareLink({
    albumId: album.albumId,
    ownerId: user.userId,
    expiresInSeconds: 3600,
  });
  progressDone();
  const values: Record<string, string> = {
    albumId: album.albumId,
    photoId: photo.photoId,
    commentId: comment.commentId,
    handle: user.handle,
    token: link.token,
  };
  const bodies: Record<string, unknown> = {
    'POST /v1/albums': { title: 'Cold start', visibility: 'private' },
    'PATCH /v1/albums/{albumId}': { title: 'Renamed', version: 1 },
    'POST /v1/albums/{albumId}/photos': { contentType: 'image/jpeg', size: 1000 },
    'PATCH /v1/photos/{photoId}': { caption: 'c', version: 2 },
    'POST /v1/photos/{photoId}/comments': { body: 'cold' },
    'POST /v1/albums/{albumId}/shares': { expiresInSeconds: 600 },
    'PATCH /v1/me': { bio: 'b', version: 1 },
  };
  return {
    userPk: `$gallery#userid_${user.userId}`,
    events(route: HttpRoute): EventSpec {
      const key = `${route.method} ${route.path}`;
      return {
        method: route.method,
        route: route.path,
        path: route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? name)),
        token: route.authorizer ? user.token : undefined,
        body: bodies[key],
      };
    },
  };
}

/** The estimated Lambda init ratio of a load time against the baseline's. */
function initRatio(load: number, baseLoad: number): number {
  return (RUNTIME_INIT_MS + load) / (RUNTIME_INIT_MS + baseLoad);
}

function writeDoc(all: Bundle[], options: BuildOptions, elapsedMs: number) {
  const base = all.find((b) => b.reference)!;
  const bundles = all.filter((b) => b.variant === 'deployed');
  const fns = bundles.filter((b) => !b.reference);
  const variantOf = (b: Bundle, variant: Variant) =>
    all.find((other) => other.name === b.name && other.variant === variant);
  const baseLoad = median(base.load);
  const kb = (b: number) => (b / 1024).toFixed(1);
  const baseCpu = median(base.loadCpu);
  const cpuRatio = (b: Bundle) => initRatio(median(b.loadCpu), baseCpu);
  const row = (b: Bundle) => {
    const ratio = initRatio(median(b.load), baseLoad);
    const byCpu = cpuRatio(b);
    const traced = variantOf(b, 'traced');
    return [
      b.reference ? `*${b.name}*` : `\`${b.name}\``,
      kb(b.bytes),
      kb(b.gzipBytes),
      b.zipBytes === undefined ? '–' : kb(b.zipBytes),
      ms(median(b.load), 1),
      ms(quantile(b.load, 0.9), 1),
      ms(median(b.loadCpu), 1),
      (median(b.load) / baseLoad).toFixed(2),
      ratio.toFixed(2),
      b.reference ? byCpu.toFixed(2) : `**${byCpu.toFixed(2)}**`,
      traced ? cpuRatio(traced).toFixed(2) : '–',
      b.invoke.length > 0 ? ms(median(b.invoke), 1) : '–',
      b.statuses.size > 0 ? [...b.statuses].sort().join(', ') : '–',
      b.top,
    ];
  };
  const ratios = fns.map((b) => ({ b, ratio: initRatio(median(b.load), baseLoad) }));
  const worst = ratios.reduce((a, c) => (c.ratio > a.ratio ? c : a));
  const byCpu = fns.map((b) => ({ b, ratio: cpuRatio(b) }));
  const worstCpu = byCpu.reduce((a, c) => (c.ratio > a.ratio ? c : a));
  const overCpu = byCpu.filter(({ ratio }) => ratio > INIT_RATIO_TARGET);
  const over = ratios.filter(({ ratio }) => ratio > INIT_RATIO_TARGET);
  const tracedOver = fns
    .map((b) => ({ b, ratio: cpuRatio(variantOf(b, 'traced') ?? b) }))
    .filter(({ ratio }) => ratio > INIT_RATIO_TARGET);
  const largest = fns.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const flags = JSON.stringify({
    target: options.target,
    format: options.format,
    mainFields: options.mainFields,
    minify: options.minify,
    sourcemap: options.sourcemap,
    alias: options.alias,
  });
  const list = (items: { b: Bundle; ratio: number }[]) =>
    items.map(({ b, ratio }) => `\`${b.name}\` ${ratio.toFixed(2)}`).join(', ');
  const text = `## Cold start per function (bundle size, load, estimated Lambda init ratio)

Produced by \`pnpm bench:coldstart\` on ${today()} (${machine()}); ${Math.round(elapsedMs / 1000)} s.
Every function of ${SERVICES.map((s) => `\`${s}\``).join(', ')} is bundled by esbuild with its deploy options
(\`services/serverless.shared.yml\` ${flags}, plus the service's own additions: media's external \`sharp\`,
resolved from the service's \`node_modules\` as from its zip), then loaded in a fresh \`node\` process ${N} times
(rounds interleaved with the baseline). *load* is the \`require\` of the bundle, module initialisation included, up to
the first turn of the event loop (what the module starts loading for itself before the runtime invokes it).
The baseline is a bundle built the same way that only creates a \`DynamoDBClient\` and does one \`GetItem\`.
*init ratio* estimates a Lambda cold start, which also pays the nodejs22.x runtime's own init (${RUNTIME_INIT_MS} ms,
public measurements): (${RUNTIME_INIT_MS} + load) / (${RUNTIME_INIT_MS} + baseline load); target ≤ ${INIT_RATIO_TARGET}, on the p50.
The runtime's share is a constant, so a machine slowed by other work inflates every wall-clock load but not the ${RUNTIME_INIT_MS} ms,
and overstates the ratio: *init ratio, CPU* puts the load's CPU time (the process's, all threads) in the formula instead,
which waiting for a busy core does not inflate; on an idle machine the two agree closely. Every function carries
Powertools Logger and Metrics (and Idempotency for the creating routes); *traced* is the function built for a
stage that traces (\`--param traceSdk=true\`: the X-Ray SDK bundled, and started as Lambda starts a traced function).
*first invocation* (api functions only) is one call with a real API Gateway v2 event: a cognito-local access token
(so it includes the first JWKS fetch), DynamoDB Local and s3rver from the harness. Sizes in KB (reported, not a
target); *gzip* is gzip -9 of the bundle, *zip* the function's package from the last \`pnpm package\` (– if none).
Times in ms; Node's own start-up (the same for every bundle) is not included.

${table(
  [
    'function',
    'minified KB',
    'gzip KB',
    'zip KB',
    'load p50',
    'load p90',
    'load CPU p50',
    'load ratio',
    'init ratio, wall',
    'init ratio, CPU',
    'init ratio, CPU, traced',
    'first invocation p50',
    'status',
    'largest parts (KB in bundle)',
  ],
  [row(base), ...fns.map(row)],
)}

Worst estimated init ratio from CPU time: **${worstCpu.ratio.toFixed(2)}** (\`${worstCpu.b.name}\`; target ≤ ${INIT_RATIO_TARGET}: ${
    overCpu.length === 0 ? 'met by every function' : `missed by ${list(overCpu)}`
  }).
From wall-clock loads: worst **${worst.ratio.toFixed(2)}** (\`${worst.b.name}\`; ${
    over.length === 0 ? 'every function within the target' : `over the target: ${list(over)}`
  }).
Traced, from CPU time: ${tracedOver.length === 0 ? 'every function within the target' : `over the target: ${list(tracedOver)}`}.
Largest bundle: \`${largest.name}\` ${kb(largest.bytes)} KB minified.

${piecesSection(all, cpuRatio)}

Reproduce: \`pnpm bench:coldstart\` (\`BENCH_COLD_N\` sets the processes per function, \`BENCH_POWERTOOLS_ALL=1\`
builds every function without each piece, not only one of each kind).`;
  console.log(text);
  writeSection('coldstart', text);
}

/** What each Powertools piece costs the functions built without it: differences of medians. */
function piecesSection(all: Bundle[], cpuRatio: (b: Bundle) => number): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const delta = (full: Bundle, without: Bundle | undefined) =>
    without
      ? `+${kb(full.bytes - without.bytes)} KB, +${ms(median(full.loadCpu) - median(without.loadCpu), 1)} ms`
      : '–';
  const deployed = all.filter((b) => b.variant === 'deployed' && !b.reference);
  const measured = deployed.filter((b) =>
    all.some((o) => o.name === b.name && o.variant === 'without Powertools'),
  );
  const of = (b: Bundle, variant: Variant) => all.find((o) => o.name === b.name && o.variant === variant);
  const rows = measured.map((b) => {
    const traced = of(b, 'traced');
    const none = of(b, 'without Powertools');
    return [
      `\`${b.name}\``,
      delta(b, of(b, 'without logger')),
      delta(b, of(b, 'without metrics')),
      of(b, 'without idempotency') ? delta(b, of(b, 'without idempotency')) : '–',
      traced ? delta(traced, b) : '–',
      none ? delta(traced ?? b, none) : '–',
      none ? cpuRatio(none).toFixed(2) : '–',
      cpuRatio(b).toFixed(2),
      traced ? cpuRatio(traced).toFixed(2) : '–',
    ];
  });
  return `### What each piece of Powertools costs (same run, same functions)

Each function below is also built with one piece replaced by an inert stand-in (this benchmark's builds only), and
with all four replaced (*without Powertools*). A piece's cost is the deployed build's minified size and load CPU
p50 minus the build without it. The deployed build is a stage's that does not trace: it has no Tracer at all
(\`services/serverless.shared.yml\` defines the switch at build time); the Tracer's cost is the traced build's
(\`traceSdk=true\`, started with Lambda's tracing environment) minus the deployed one. All figures come
from one run, interleaved, on a machine shared with other work: differences of a few ms are within the noise, and
the ratios, not the milliseconds, are the claim. Logger and Metrics share \`@aws-lambda-powertools/commons\`, so
their separate costs add up to a little more than their joint cost.

${table(
  [
    'function',
    'Logger',
    'Metrics',
    'Idempotency',
    'Tracer (traced build)',
    'all of it (traced)',
    'init ratio, CPU, without Powertools',
    'deployed',
    'traced',
  ],
  rows,
)}`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

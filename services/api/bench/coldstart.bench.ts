// Cold start of every api function: each handler bundled with the esbuild options serverless-esbuild
// uses for deploys (services/serverless.shared.yml), its size minified and gzipped, and the time a
// fresh `node` process takes to load the bundle and to serve its first invocation (real token, real
// DynamoDB Local), beside a baseline bundle built the same way that only creates a DynamoDB client
// and does one GetItem. Rounds are interleaved (baseline, every function, repeat) so drift on the
// 2-core machine hits all of them alike.
//
//   pnpm bench:coldstart        (BENCH_COLD_N=10 fresh processes per function)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { deployBuildOptions } from '@gallery/testing/deploy-build';
import { loadHttpRoutes, type HttpRoute } from '@gallery/testing/local-http';
import { startLocalStack } from '@gallery/local-stack/stack';
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
const LOAD_TARGET = 1.5;
const SIZE_TARGET_KB = 500;

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

// Runs in a fresh process: require the bundle (module init included), then one invocation.
// performance.now() counts from process start, so `boot` is Node's own start-up before the require.
const RUNNER = `
const { performance } = require('node:perf_hooks');
const boot = performance.now();
const mod = require(process.argv[2]);
const loaded = performance.now();
const context = { functionName: 'bench', awsRequestId: 'cold', getRemainingTimeInMillis: () => 10000,
  callbackWaitsForEmptyEventLoop: false };
Promise.resolve(mod.handler(JSON.parse(process.env.BENCH_EVENT), context)).then((res) => {
  const done = performance.now();
  process.stderr.write('BENCH' + JSON.stringify({ boot, load: loaded - boot, invoke: done - loaded,
    status: res && res.statusCode }) + '\\n');
  process.exit(0);
}, (err) => { process.stderr.write('BENCHERR' + String(err && err.name) + '\\n'); process.exit(1); });
`;

interface Bundle {
  name: string;
  /** A baseline row rather than an api function. */
  reference: boolean;
  file: string;
  bytes: number;
  gzipBytes: number;
  zipBytes: number | undefined;
  top: string;
  event: unknown;
  load: number[];
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
    const child = spawn(process.execPath, [runner, bundle.file], {
      env: { ...env, BENCH_EVENT: JSON.stringify(bundle.event) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = err.split('\n').find((l) => l.startsWith('BENCH{'));
      if (code !== 0 || !line) {
        reject(new Error(`${bundle.name}: exit ${code}: ${err.slice(0, 500)}`));
        return;
      }
      const r = JSON.parse(line.slice(5)) as { load: number; invoke: number; status: number };
      bundle.load.push(r.load);
      bundle.invoke.push(r.invoke);
      bundle.statuses.add(r.status);
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
    const routes = await loadHttpRoutes(SERVICE_DIR);
    const firstRoute = new Map<string, HttpRoute>();
    for (const r of routes) if (!firstRoute.has(r.functionName)) firstRoute.set(r.functionName, r);

    const options = deployBuildOptions(SERVICE_DIR);
    const bundles: Bundle[] = [];
    const add = async (name: string, buildOptions: BuildOptions, event: unknown, reference = false) => {
      const outfile = path.join(work, name, 'handler.js');
      const result = await build({ ...options, ...buildOptions, outfile });
      const code = readFileSync(outfile);
      const zip = path.join(SERVICE_DIR, '.serverless', `${name}.zip`);
      bundles.push({
        name,
        reference,
        file: outfile,
        bytes: code.length,
        gzipBytes: gzipSync(code, { level: 9 }).length,
        zipBytes: existsSync(zip) ? statSync(zip).size : undefined,
        top: heaviest(result.metafile!),
        event,
        load: [],
        invoke: [],
        statuses: new Set(),
      });
    };
    progress('Bundling the baselines…');
    const baseline: BuildOptions = {
      stdin: {
        contents: BASELINE_SOURCE,
        loader: 'ts',
        resolveDir: path.join(REPO_ROOT, 'packages/core/src'),
        sourcefile: 'baseline.ts',
      },
    };
    const baselineEvent = { pk: specs.userPk, sk: '$user_1' };
    await add('baseline (DynamoDBClient + GetItem)', baseline, baselineEvent, true);
    // The same source with the SDK's default credential chain (no `alias`): the baseline of earlier
    // runs, kept to show what the alias alone is worth.
    await add('baseline, SDK default credential chain', { ...baseline, alias: {} }, baselineEvent, true);
    let i = 0;
    for (const [name, route] of firstRoute) {
      progress(`Bundling ${++i}/${firstRoute.size}: ${name}`);
      const spec = specs.events(route);
      await add(name, { entryPoints: [path.join(SERVICE_DIR, `${route.handlerModule}.ts`)] }, apiEvent(spec));
    }
    progressDone();

    const runner = path.join(work, 'runner.cjs');
    writeFileSync(runner, RUNNER);
    const env = { ...process.env, ...stack.env, NODE_OPTIONS: '' };
    for (let round = 0; round < N; round += 1) {
      for (const [k, b] of bundles.entries()) {
        progress(`Round ${round + 1}/${N}: fresh process ${k + 1}/${bundles.length} (${b.name})`);
        await runOnce(runner, b, env);
      }
    }
    progressDone();
    writeDoc(bundles, options, Date.now() - started);
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

function writeDoc(bundles: Bundle[], options: BuildOptions, elapsedMs: number) {
  const refs = bundles.filter((b) => b.reference);
  const fns = bundles.filter((b) => !b.reference);
  const base = refs[0]!;
  const baseLoad = median(base.load);
  const baseTotal = median(base.load.map((l, i) => l + base.invoke[i]!));
  const kb = (b: number) => (b / 1024).toFixed(1);
  const row = (b: Bundle) => {
    const total = b.load.map((l, i) => l + b.invoke[i]!);
    const loadRatio = median(b.load) / baseLoad;
    return [
      b.reference ? `*${b.name}*` : `\`${b.name}\``,
      kb(b.bytes),
      kb(b.gzipBytes),
      b.zipBytes === undefined ? '–' : kb(b.zipBytes),
      ms(median(b.load), 1),
      ms(quantile(b.load, 0.9), 1),
      b.reference ? loadRatio.toFixed(2) : `**${loadRatio.toFixed(2)}**`,
      ms(median(b.invoke), 1),
      ms(median(total), 1),
      (median(total) / baseTotal).toFixed(2),
      [...b.statuses].sort().join(', '),
      b.top,
    ];
  };
  const worstLoad = Math.max(...fns.map((b) => median(b.load) / baseLoad));
  const largest = fns.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const overLoad = fns.filter((b) => median(b.load) / baseLoad > LOAD_TARGET);
  const overSize = fns.filter((b) => b.bytes / 1024 > SIZE_TARGET_KB);
  const flags = JSON.stringify({
    target: options.target,
    format: options.format,
    mainFields: options.mainFields,
    minify: options.minify,
    sourcemap: options.sourcemap,
    external: options.external,
    alias: options.alias,
    plugins: options.plugins?.map((plugin) => plugin.name),
  });
  const defaultChain = refs[1];
  const vsDefault = defaultChain
    ? Math.max(...fns.map((b) => median(b.load) / median(defaultChain.load)))
    : undefined;
  const text = `## Cold start per api function (bundle size, load + first invocation)

Produced by \`pnpm bench:coldstart\` on ${today()} (${machine()}); ${Math.round(elapsedMs / 1000)} s.
Each function is bundled by esbuild with the deploy options of \`services/serverless.shared.yml\` (${flags}),
then loaded in a fresh \`node\` process ${N} times (rounds interleaved with the baseline). *load* is the
\`require\` of the bundle (module initialisation included); *first invocation* is one call with a real
API Gateway v2 event: a cognito-local access token (so it includes the first JWKS fetch), DynamoDB Local
and s3rver from the harness. The baseline is a bundle built the same way that only creates a
\`DynamoDBClient\` and does one \`GetItem\`; ratios are against it. The second baseline row is the same
source without the \`alias\` (the SDK's default credential chain, as runs before the alias measured it). Sizes in KB; *gzip* is gzip -9 of the bundle, *zip* the
function's package from the last \`pnpm package\` (– if none). Times in ms; Node's own start-up (the same for
every bundle) is not included.

${table(
  [
    'function',
    'minified KB',
    'gzip KB',
    'zip KB',
    'load p50',
    'load p90',
    'load ratio',
    'first invocation p50',
    'load + first p50',
    'ratio',
    'status',
    'largest parts (KB in bundle)',
  ],
  [...refs.map(row), ...fns.map(row)],
)}

Worst load ratio: **${worstLoad.toFixed(2)}** (target ≤ ${LOAD_TARGET}; ${overLoad.length === 0 ? 'met by every function' : `missed by ${overLoad.map((b) => `\`${b.name}\``).join(', ')}`}).${vsDefault === undefined ? '' : ` Against the default-chain baseline: ${vsDefault.toFixed(2)}.`}
Largest bundle: \`${largest.name}\` ${kb(largest.bytes)} KB minified (target < ${SIZE_TARGET_KB} KB; ${overSize.length === 0 ? 'met by every function' : `missed by ${overSize.map((b) => b.name).join(', ')}`}).

Reproduce: \`pnpm bench:coldstart\` (\`BENCH_COLD_N\` sets the processes per function).`;
  console.log(text);
  writeSection('coldstart', text);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

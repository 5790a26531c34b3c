// How long `pnpm dev` takes to serve an edit: the api service runs under serverless-offline as
// `pnpm dev` runs it (startOffline, so with scripts/serverless/offline-reload.js), and the bench
// edits the health handler (one function's bundle) and @gallery/lambda's http.ts (every function's
// bundle), then asks GET /v1/health until it answers with the edit. The baseline, measured in the
// same run, is what an edit cost before: restarting the service (stop, build, start, first answer).
//
// Each reload is measured in two parts: edit → the reloader's "reloaded" line, then the first
// request (a cold start on the new bundle). Requests are not sent during the reload: one that
// arrives while serverless-offline ends its workers waits for the function's timeout (README).
//
// The bench edits two source files and puts them back when it ends (also on Ctrl-C); `git diff`
// shows them if it is killed outright.
//
//   pnpm bench:reload        (BENCH_RELOAD_N=5 edits of each kind, BENCH_RESTART_N=2 restarts)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startOffline, type OfflineService } from '@gallery/local-stack/offline';
import { freePort } from '@gallery/local-stack/ports';
import {
  REPO_ROOT,
  SERVICE_DIR,
  machine,
  median,
  progress,
  progressDone,
  table,
  today,
  writeSection,
} from './support';

const N = Number(process.env.BENCH_RELOAD_N ?? 5);
const RESTARTS = Number(process.env.BENCH_RESTART_N ?? 2);
const WAIT_MS = 60_000;

const HANDLER = path.join(SERVICE_DIR, 'src/functions/health/handler.ts');
const PACKAGE = path.join(REPO_ROOT, 'packages/lambda/src/http.ts');
const originals = new Map([HANDLER, PACKAGE].map((file) => [file, readFileSync(file, 'utf8')]));

function restoreSources(): void {
  for (const [file, text] of originals) writeFileSync(file, text);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    restoreSources();
    process.exit(130);
  });
}

/** Replaces `from` by `to` in `file`'s original text; throws if the anchor moved. */
function editFrom(file: string, from: string, to: string): void {
  const original = originals.get(file) as string;
  if (!original.includes(from))
    throw new Error(`${path.relative(REPO_ROOT, file)} no longer contains ${from}`);
  writeFileSync(file, original.replace(from, to));
}

interface Run {
  service: OfflineService;
  lines: string[];
}

async function start(): Promise<Run> {
  const lines: string[] = [];
  const service = await startOffline({
    service: 'api',
    httpPort: await freePort(),
    lambdaPort: await freePort(),
    onLine: (line) => lines.push(line),
  });
  return { service, lines };
}

async function until<T>(what: string, poll: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const found = await poll();
    if (found !== undefined) return found;
    await sleep(10);
  }
  throw new Error(`bench:reload: no ${what} in ${WAIT_MS} ms`);
}

async function health(run: Run): Promise<{ body: string; header: string | null }> {
  const res = await fetch(`${run.service.url}/v1/health`);
  return { body: await res.text(), header: res.headers.get('x-bench-edit') };
}

/** Stops `previous` (if any) and starts the service again: the time until its first answer. */
async function restart(previous: Run | undefined): Promise<{ run: Run; ms: number }> {
  const began = performance.now();
  await previous?.service.stop();
  const run = await start();
  await until('answer', async () => ((await health(run)).body.includes('"api"') ? true : undefined));
  return { run, ms: performance.now() - began };
}

interface Reload {
  reloadMs: number;
  firstRequestMs: number;
  line: string;
}

async function reload(
  run: Run,
  edit: () => void,
  served: (answer: { body: string; header: string | null }) => boolean,
): Promise<Reload> {
  const seen = run.lines.length;
  const began = performance.now();
  edit();
  const line = await until('reload', () =>
    run.lines.slice(seen).find((l) => l.includes('offline-reload: reloaded')),
  );
  const reloaded = performance.now();
  const answer = await health(run);
  const firstRequestMs = performance.now() - reloaded;
  if (!served(answer))
    throw new Error(`bench:reload: the first answer after a reload was old code: ${answer.body}`);
  return { reloadMs: reloaded - began, firstRequestMs, line };
}

const fmt = (msValue: number) =>
  msValue >= 10_000 ? `${(msValue / 1000).toFixed(1)} s` : `${Math.round(msValue)} ms`;

async function main(): Promise<void> {
  console.log(`bench:reload: ${RESTARTS} restart(s) of the api service, ${N} handler and ${N} package edits`);
  let run: Run | undefined;
  const restarts: number[] = [];
  try {
    // The first start also fills caches (osls, esbuild's binary): not counted.
    progress('first start…');
    run = (await restart(undefined)).run;
    for (let i = 1; i <= RESTARTS; i++) {
      progress(`restart ${i}/${RESTARTS}…`);
      const result = await restart(run);
      run = result.run;
      restarts.push(result.ms);
    }
    const current = run;
    await until('watch', () => current.lines.find((l) => l.includes('offline-reload: watching')));

    /** `N` edits, each measured from the original text: `edit(i)` makes the i-th, `served` knows it. */
    const series = async (
      name: string,
      edit: (i: number) => void,
      served: (answer: { body: string; header: string | null }, i: number) => boolean,
    ): Promise<Reload[]> => {
      const reloads: Reload[] = [];
      for (let i = 1; i <= N; i++) {
        progress(`${name} edit ${i}/${N}…`);
        reloads.push(
          await reload(
            current,
            () => edit(i),
            (answer) => served(answer, i),
          ),
        );
        await sleep(500);
      }
      return reloads;
    };

    const handlerEdits = await series(
      'handler',
      (i) => editFrom(HANDLER, "service: 'api' }", `service: 'api', edit: ${i} } as HealthBody`),
      (answer, i) => answer.body.includes(`"edit":${i}`),
    );
    const beforeRestore = current.lines.length;
    restoreSources();
    await until('reload', () =>
      current.lines.slice(beforeRestore).find((l) => l.includes('reloaded health')),
    );
    const packageEdits = await series(
      'package',
      (i) =>
        editFrom(
          PACKAGE,
          'headers: { ...result.headers },',
          `headers: { ...result.headers, 'x-bench-edit': '${i}' },`,
        ),
      (answer, i) => answer.header === String(i),
    );
    progressDone();

    const restartMs = median(restarts);
    const row = (name: string, edits: Reload[]) => {
      const total = edits.map((e) => e.reloadMs + e.firstRequestMs);
      return [
        name,
        fmt(median(edits.map((e) => e.reloadMs))),
        fmt(median(edits.map((e) => e.firstRequestMs))),
        `**${fmt(median(total))}** (${fmt(Math.min(...total))}–${fmt(Math.max(...total))})`,
        (median(total) / restartMs).toFixed(3),
      ];
    };
    const functionsReached = (edits: Reload[]) =>
      (edits[0]?.line.replace(/.*reloaded (.*) \(built.*/, '$1').split(', ').length ?? 0).toString();
    const section = `
## Code reload under \`pnpm dev\` (\`pnpm bench:reload\`)

${today()}, ${machine()}. The api service (${functionsReached(packageEdits)} functions) under serverless-offline as \`pnpm dev\` runs it;
medians of ${N} edits of each kind. "Reload" is edit → the reloader's \`reloaded\` line (rebuild of
the functions the edit reaches, bundles replaced, warm workers ended); "first request" is the next
GET /v1/health, a cold start on the new bundle. The baseline is a restart of the service (stop,
build, start, first answer), median of ${RESTARTS}: ${fmt(restartMs)}.

${table(
  ['edit', 'reload', 'first request', 'edit → new code', 'ratio to a restart'],
  [
    [...row(`health handler (${functionsReached(handlerEdits)} function)`, handlerEdits)],
    [...row(`@gallery/lambda http.ts (${functionsReached(packageEdits)} functions)`, packageEdits)],
  ],
)}
`;
    console.log(section);
    writeSection('reload', section);
  } finally {
    restoreSources();
    await run?.service.stop();
  }
}

main().catch((err: unknown) => {
  restoreSources();
  console.error(err);
  process.exit(1);
});

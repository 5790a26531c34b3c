// `pnpm dev` picks up code changes: a scratch copy of a one-function service runs under
// serverless-offline as `pnpm dev` runs the services (startOffline), and its handler and a module
// outside its folder (as packages/* are) are edited while it serves. The copy lives in its own
// temporary folder on free ports, so runs in parallel do not meet, and no file of the repository
// is touched.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startOffline, type OfflineService } from '../src/offline';
import { freePort } from '../src/ports';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'reload-service');
// A bound on each wait, so a broken reload fails the test instead of hanging it; not a speed claim
// (bench/reload.bench.ts measures that).
const WAIT_MS = 45_000;

interface Answer {
  version: number;
  greeting: string;
  invocations: number;
}

let dir: string;
let service: OfflineService;
const lines: string[] = [];
const handlerFile = () => path.join(dir, 'service', 'src', 'functions', 'hello', 'handler.ts');
const greetingFile = () => path.join(dir, 'greeting', 'src', 'index.ts');

/** What the reloader printed, for failure messages (the tail of the output is request logs). */
const reloaderLines = () => lines.filter((line) => line.includes('offline-reload:')).join('\n');

async function hello(): Promise<Answer | string> {
  try {
    const res = await fetch(`${service.url}/hello`, { signal: AbortSignal.timeout(5_000) });
    const text = await res.text();
    return res.ok ? (JSON.parse(text) as Answer) : text;
  } catch (err) {
    return String(err);
  }
}

/** Polls until an answer passes `test`; fails with the last answer and the service's output. */
async function answerWhere(test: (answer: Answer) => boolean): Promise<Answer> {
  const deadline = Date.now() + WAIT_MS;
  let last: Answer | string = '';
  while (Date.now() < deadline) {
    last = await hello();
    if (typeof last !== 'string' && test(last)) return last;
    await sleep(100);
  }
  throw new Error(`no such answer in ${WAIT_MS} ms; last: ${JSON.stringify(last)}\n${reloaderLines()}`);
}

async function lineWhere(test: (line: string) => boolean): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const line = lines.find(test);
    if (line !== undefined) return line;
    await sleep(100);
  }
  throw new Error(`no such line in ${WAIT_MS} ms:\n${reloaderLines()}`);
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(file, text.replace(from, to));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gallery-reload-'));
  await cp(FIXTURE, dir, { recursive: true });
  const serverlessYml = path.join(dir, 'service', 'serverless.yml');
  await edit(serverlessYml, '__LOCAL_PLUGINS__', path.join(ROOT, 'scripts', 'serverless'));
  service = await startOffline({
    service: 'reload-fixture',
    serviceDir: path.join(dir, 'service'),
    httpPort: await freePort(),
    lambdaPort: await freePort(),
    onLine: (line) => lines.push(line),
  });
  // The plugin's first build learns which files to watch, in the background of the start.
  await lineWhere((line) => line.includes('offline-reload: watching the sources of 1 functions'));
}, 180_000);

afterAll(async () => {
  await service?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('keeps a worker warm between invocations while nothing changes', async () => {
  const first = await answerWhere(() => true);
  const second = await answerWhere(() => true);
  expect(first).toMatchObject({ version: 1, greeting: 'hello' });
  expect(second.invocations).toBe(first.invocations + 1);
});

it('serves an edited handler without a restart, from a fresh worker', async () => {
  await edit(handlerFile(), 'const VERSION = 1;', 'const VERSION = 2;');
  const answer = await answerWhere((a) => a.version === 2);
  expect(answer).toEqual({ version: 2, greeting: 'hello', invocations: 1 });
  await lineWhere((line) => line.includes('offline-reload: reloaded hello'));
});

it('serves every edit of a package that the handler imports', async () => {
  // A string this short is inlined by the minifier: the module then adds no bytes to the bundle and
  // drops out of the output's inputs in esbuild's metafile, but must still be watched.
  await edit(greetingFile(), "'hello'", "'hi'");
  expect(await answerWhere((a) => a.greeting === 'hi')).toMatchObject({ version: 2, invocations: 1 });
  await edit(greetingFile(), "'hi'", "'bonjour'");
  expect(await answerWhere((a) => a.greeting === 'bonjour')).toMatchObject({ version: 2, invocations: 1 });
});

it('keeps serving the last good build through a build error, and reloads once it is mended', async () => {
  lines.length = 0;
  await edit(handlerFile(), 'const VERSION = 2;', 'const VERSION = 3 +;');
  const failure = await lineWhere((line) => line.includes('offline-reload: build failed'));
  expect(failure).toContain('the last good bundles keep serving');
  expect(await answerWhere(() => true)).toMatchObject({ version: 2, greeting: 'bonjour' });

  await edit(handlerFile(), 'const VERSION = 3 +;', 'const VERSION = 3;');
  expect(await answerWhere((a) => a.version === 3)).toMatchObject({ greeting: 'bonjour', invocations: 1 });
});

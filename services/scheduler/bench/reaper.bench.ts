// Reaper benchmark: the cost of a reaper run must follow the number of stale uploads, not the
// number of photos. Seeds two tables, one with N ready photos and one with 10×N, each with the
// same few stale pending photos (and some fresh ones that must stay), runs the reaper on each and
// compares consumed read capacity, requests and time. Prints the table and writes it to
// docs/performance.md (between the scheduler-bench markers).
//
//   pnpm bench:scheduler          (BENCH_READY=5000 → 5 000 and 50 000 ready photos; BENCH_STALE=50)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countRequests, type RequestRecord } from '@gallery/core/client';
import { entities } from '@gallery/core/entities/service';
import { listPendingPhotos, ulidLowerBound } from '@gallery/core/access/photos';
import { countChildrenPage } from '@gallery/core/access/counters';
import { startDynamoDbLocal } from '@gallery/local-stack/dynamodb';
import { createTable } from '@gallery/local-stack/provision';
import { reapPendingUploads } from '../src/jobs/reap-pending-uploads';
import { createBudget } from '../src/lib/budget';

const READY = Number(process.env.BENCH_READY ?? 5000);
const STALE = Number(process.env.BENCH_STALE ?? 50);
const FRESH = 20;
const GROWTH = 10;
/** Reaper runs per size (each on new stale photos); the median time is reported. */
const ROUNDS = 3;
const IN_FLIGHT = 8;
const DOC = path.resolve(__dirname, '../../../docs/performance.md');
const START = '<!-- scheduler-bench:start -->';
const END = '<!-- scheduler-bench:end -->';
const HOUR = 3_600_000;

interface Result {
  ready: number;
  seedSeconds: number;
  reaped: number;
  requests: number;
  readRequests: number;
  readUnits: number;
  writeUnits: number;
  ms: number;
}

function progress(text: string): void {
  process.stdout.write(`\r\x1b[K${text}`);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let sequence = 0;

/** A ULID for instant `at`, unique within this process (a counter instead of randomness). */
function ulidAt(at: number): string {
  let n = sequence++;
  let random = '';
  for (let i = 0; i < 16; i++) {
    random = CROCKFORD[n % 32] + random;
    n = Math.floor(n / 32);
  }
  return ulidLowerBound(new Date(at)).slice(0, 10) + random;
}

/** A photo as the data layer stores it; ElectroDB adds the keys (gsi3 only while pending). */
function photoRecord(albumId: string, ownerId: string, at: number, status: 'ready' | 'pending') {
  const photoId = ulidAt(at);
  const timestamp = new Date(at).toISOString();
  return {
    photoId,
    albumId,
    ownerId,
    status,
    contentType: 'image/jpeg',
    size: 1_000_000,
    objectKey: `uploads/${ownerId}/${photoId}`,
    likeCount: 0,
    commentCount: 0,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
    ...(status === 'ready'
      ? {
          width: 4000,
          height: 3000,
          renditions: ['small', 'large'].map((name, i) => ({
            name,
            key: `thumbnails/${ownerId}/${photoId}/${name}.webp`,
            width: 320 * (i * 4 + 1),
            height: 240 * (i * 4 + 1),
            contentType: 'image/webp',
            bytes: 20_000 * (i * 4 + 1),
          })),
        }
      : {}),
  };
}

/** ElectroDB batch put: BatchWriteItem of 25 items, IN_FLIGHT at once, unprocessed items resent. */
async function batchWrite(records: ReturnType<typeof photoRecord>[], label: string): Promise<void> {
  const CHUNK = 2500;
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    const { unprocessed } = await entities().photos.put(chunk).go({ concurrency: IN_FLIGHT });
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} photos left unprocessed`);
    progress(`  ${label}: ${i + chunk.length}/${records.length} items written`);
  }
  process.stdout.write('\n');
}

const OWNER = 'bench-owner';

async function createBenchAlbum(): Promise<string> {
  const albumId = ulidAt(Date.now());
  await entities()
    .albums.put({
      albumId,
      ownerId: OWNER,
      title: 'Bench',
      description: '',
      visibility: 'private',
      photoCount: 0,
    })
    .go();
  return albumId;
}

/** Adds `ready` ready photos, STALE stale and `fresh` fresh pending ones. */
async function seed(albumId: string, ready: number, fresh: number): Promise<void> {
  const now = Date.now();
  const records: ReturnType<typeof photoRecord>[] = [];
  // Ready photos from the last 30 days, spread over the pending index's whole time range: they are
  // exactly the photos a careless reaper would read.
  for (let i = 0; i < ready; i++)
    records.push(photoRecord(albumId, OWNER, now - 30 * 24 * HOUR + i * 10, 'ready'));
  const stale = Array.from({ length: STALE }, (_, i) =>
    photoRecord(albumId, OWNER, now - 3 * HOUR + i * 1000, 'pending'),
  );
  for (let i = 0; i < fresh; i++) records.push(photoRecord(albumId, OWNER, now - 60_000 + i, 'pending'));
  records.push(...stale);
  await batchWrite(records, `${ready} ready + ${STALE} stale + ${fresh} fresh photos`);
  await entities().albums.patch({ albumId }).add({ photoCount: records.length }).go();
}

const READ_COMMANDS = new Set([
  'QueryCommand',
  'GetItemCommand',
  'BatchGetItemCommand',
  'GetCommand',
  'BatchGetCommand',
]);
const isRead = (r: RequestRecord) => READ_COMMANDS.has(r.command);

/**
 * One table for both sizes (entities bind their table once per process): the first run sees N
 * ready photos, then 9×N more (and a new set of stale ones) are added and the second run sees 10×N.
 */
async function measure(albumId: string, addReady: number, fresh: number): Promise<Result> {
  const seedStarted = Date.now();
  await seed(albumId, addReady, fresh);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const times: number[] = [];
  let last: { requests: number; readRequests: number; readUnits: number; writeUnits: number } | undefined;
  let total = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Each round reaps a new set of stale photos (the first round's came with the seeding).
    if (round > 0) await seed(albumId, 0, 0);
    total = (await entities().albums.get({ albumId }).go()).data?.photoCount ?? 0;
    const started = performance.now();
    const run = await countRequests(() =>
      reapPendingUploads({
        budget: createBudget(),
        maxPendingAgeMinutes: 60,
      }),
    );
    times.push(performance.now() - started);
    const summary = run.result;
    if (summary.changed !== STALE || summary.failed !== 0 || summary.stoppedBy !== 'done') {
      throw new Error(`reaper did not reap exactly the ${STALE} stale photos: ${JSON.stringify(summary)}`);
    }
    const reads = run.records.filter(isRead);
    const cost = {
      requests: run.requests,
      readRequests: reads.length,
      readUnits: reads.reduce((sum, r) => sum + r.capacityUnits, 0),
      writeUnits: run.records.filter((r) => !isRead(r)).reduce((sum, r) => sum + r.capacityUnits, 0),
    };
    if (last && JSON.stringify(last) !== JSON.stringify(cost)) {
      throw new Error(
        `rounds consumed different capacity: ${JSON.stringify(last)} vs ${JSON.stringify(cost)}`,
      );
    }
    last = cost;
  }
  const left = await listPendingPhotos(new Date(Date.now() + HOUR), { limit: 100 });
  if (left.items.length !== FRESH) {
    throw new Error(`expected ${FRESH} fresh pending photos left, found ${left.items.length}`);
  }
  const after = (await entities().albums.get({ albumId }).go()).data?.photoCount ?? 0;
  if (after !== total - STALE) throw new Error(`album photoCount ${after}, expected ${total - STALE}`);
  // Every ready photo is still there: count the album's photos from the items themselves.
  let counted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await countChildrenPage({ kind: 'album', id: albumId }, { startKey });
    counted += page.count;
    startKey = page.nextKey;
  } while (startKey);
  if (counted !== after) throw new Error(`album holds ${counted} photos, its photoCount says ${after}`);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    ready: after - FRESH,
    seedSeconds,
    reaped: STALE,
    ...last!,
    ms: sorted[Math.floor(sorted.length / 2)]!,
  };
}

function render(small: Result, large: Result, endpoint: string): string {
  const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? 1 : Infinity) : a / b).toFixed(2);
  const row = (r: Result) =>
    `| ${r.ready.toLocaleString('en-US')} | ${STALE} | ${r.reaped} | ${r.readRequests} | ${r.readUnits.toFixed(1)} | ${r.requests} | ${r.writeUnits.toFixed(1)} | ${r.ms.toFixed(0)} |`;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    '## Scheduler: reaper cost against table size',
    '',
    `Produced by \`pnpm bench:scheduler\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} × ${cpu}, Node ${process.version}), DynamoDB Local at ${endpoint.replace(/:\d+$/, ':<port>')}.`,
    `One table, one album: first N ready photos, ${STALE} photos pending for 3 hours (stale) and ${FRESH} pending for a minute (fresh), then ${GROWTH - 1}×N more ready photos. At each size the reaper (deadline 60 min) runs ${ROUNDS} times, each time on ${STALE} new stale photos, after one unmeasured warm-up run at the start; each run is counted with \`countRequests\` (capacity is identical across rounds, checked; time is the median). Read units: Query on the pending index (gsi3); write units: the ${STALE} transactions (Photo delete + album photoCount−1).`,
    '',
    '| ready photos | stale per run | reaped per run | read requests | read units | requests (all DynamoDB) | write units | reaper ms (median) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    row(small),
    row(large),
    '',
    `Ratio ${GROWTH}×N / N: read units **${ratio(large.readUnits, small.readUnits)}**, requests **${ratio(large.requests, small.requests)}**, time **${ratio(large.ms, small.ms)}** (target: about 1 for all three; time is noisier, DynamoDB Local shares the 2 cores).`,
    '',
    `Seeding (BatchWriteItem, 25 items a request, ${IN_FLIGHT} in flight) took ${small.seedSeconds.toFixed(0)} s and ${large.seedSeconds.toFixed(0)} s. The fresh pending photos and every ready photo were left alone (checked after each run).`,
    '',
    'Reproduce: `pnpm bench:scheduler` (env `BENCH_READY` sets N, `BENCH_STALE` the stale count).',
  ].join('\n');
}

function writeDoc(section: string): void {
  const block = `${START}\n${section}\n${END}`;
  const existing = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Performance\n';
  const next =
    existing.includes(START) && existing.includes(END)
      ? existing.replace(new RegExp(`${START}[\\s\\S]*?${END}`), () => block)
      : `${existing.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  console.log('Starting DynamoDB Local…');
  const ddb = await startDynamoDbLocal();
  try {
    process.env.DYNAMODB_ENDPOINT = ddb.endpoint;
    process.env.TABLE_NAME = 'bench-reaper';
    await createTable({ endpoint: ddb.endpoint, tableName: process.env.TABLE_NAME });
    const albumId = await createBenchAlbum();
    // Warm-up (not measured): the first run would otherwise also pay for JIT and new connections.
    console.log('Warm-up run');
    await seed(albumId, 0, 0);
    await reapPendingUploads({ budget: createBudget() });
    const results: Result[] = [];
    for (const [addReady, fresh] of [
      [READY, FRESH],
      [READY * (GROWTH - 1), 0],
    ] as const) {
      console.log(`\nAdding ${addReady.toLocaleString('en-US')} ready photos`);
      const result = await measure(albumId, addReady, fresh);
      console.log(
        `  reaper: ${result.reaped} reaped, ${result.readRequests} reads = ${result.readUnits.toFixed(1)} RCU, ` +
          `${result.requests} requests, ${result.ms.toFixed(0)} ms`,
      );
      results.push(result);
    }
    const section = render(results[0]!, results[1]!, ddb.endpoint);
    console.log(`\n${section}\n`);
    writeDoc(section);
    console.log(`Written to ${path.relative(process.cwd(), DOC)}`);
  } finally {
    await ddb.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

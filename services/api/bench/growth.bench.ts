// Growth: latency of the first and of a deep page of `GET /v1/albums/{albumId}/photos` and of
// `GET /v1/users/{handle}/albums` as the partition grows (100, 10 000, 100 000 items). Every list is
// one Query on an index keyed by the partition, so the cost must not depend on its size. Handlers
// run in-process with a real token, as in routes.bench.ts. Items are seeded with BatchWriteItem
// (items built by the ElectroDB entities, so keys and index attributes are exactly the product's).
//
//   pnpm bench:growth          (BENCH_GROWTH_SIZES=100,10000,100000, BENCH_GROWTH_N=100)
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { LocalStack } from '@gallery/local-stack/stack';
import {
  withBenchStack,
  SERVICE_DIR,
  apiEvent,
  cognitoUser,
  lambdaContext,
  machine,
  median,
  ms,
  progress,
  progressDone,
  quantile,
  table,
  today,
  writeSection,
  type EventSpec,
} from './support';

const SIZES = (process.env.BENCH_GROWTH_SIZES ?? '100,10000,100000').split(',').map(Number);
const N = Number(process.env.BENCH_GROWTH_N ?? 100);
const DEEP_PAGE = 50;
const LIMIT = 20;
const IN_FLIGHT = 6;
const TARGET = 1.3;

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

function main(): Promise<void> {
  return withBenchStack('growth', run);
}

async function run(stack: LocalStack, started: number) {
  const { docClient } = await import('@gallery/core/client');
  const { entities } = await import('@gallery/core/entities/service');
  const { registerUser } = await import('@gallery/core/access/users');
  void docClient();
  // Monotonic ULIDs (a fixed time part and a counter): valid ids, in insertion order.
  const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const encode = (n: number, length: number) => {
    let out = '';
    for (let i = 0; i < length; i += 1) {
      out = CROCKFORD[n % 32]! + out;
      n = Math.floor(n / 32);
    }
    return out;
  };
  const timePart = encode(Date.now(), 10);
  let sequence = 0;
  const ulid = () => `${timePart}${encode(sequence++, 16)}`;
  const seedTimes: string[] = [];

  /** BatchWriteItem through ElectroDB (25 items a request, IN_FLIGHT at once, unprocessed items retried). */
  async function batchWrite(
    label: string,
    count: number,
    put: (items: Record<string, unknown>[]) => Promise<{ unprocessed: unknown[] }>,
    item: (i: number) => Record<string, unknown>,
  ) {
    const t = performance.now();
    const chunk = 25 * IN_FLIGHT * 4;
    for (let start = 0; start < count; start += chunk) {
      const items = Array.from({ length: Math.min(chunk, count - start) }, (_, k) => item(start + k));
      const { unprocessed } = await put(items);
      if (unprocessed.length > 0) throw new Error(`${label}: ${unprocessed.length} items not written`);
      progress(`Seeding ${label}: ${start + items.length}/${count}`);
    }
    progressDone();
    const seconds = (performance.now() - t) / 1000;
    seedTimes.push(`${label}: ${count} items in ${seconds.toFixed(1)} s (${Math.round(count / seconds)}/s)`);
  }

  const owner = await cognitoUser(stack, 'grow');
  await registerUser({ userId: owner.userId, email: owner.email, handle: owner.handle, displayName: 'Grow' });
  const e = entities();
  const now = new Date().toISOString();
  const albumItem = (ownerId: string, albumId: string, visibility: 'public' | 'private') => ({
    albumId,
    ownerId,
    title: `Album ${albumId}`,
    description: '',
    visibility,
    photoCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  const photoItem = (albumId: string, photoId: string) => ({
    photoId,
    albumId,
    ownerId: owner.userId,
    status: 'ready',
    contentType: 'image/jpeg',
    size: 1000,
    objectKey: `uploads/${owner.userId}/${photoId}`,
    width: 4000,
    height: 3000,
    renditions: ['thumb', 'medium'].map((name) => ({
      name,
      key: `thumbnails/${owner.userId}/${photoId}/${name}.webp`,
      width: 256,
      height: 256,
      contentType: 'image/webp',
      bytes: 1000,
    })),
    likeCount: 0,
    commentCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  // ElectroDB's batch put (an array): BatchWriteItem in 25s, `concurrency` requests in flight.
  type BatchPut = (items: Record<string, unknown>[]) => {
    go(options: { concurrency: number }): Promise<{ unprocessed: unknown[] }>;
  };
  const batchPut = (entity: { put: unknown }) => (items: Record<string, unknown>[]) =>
    (entity.put as BatchPut).call(entity, items).go({ concurrency: IN_FLIGHT });
  const putAlbums = batchPut(e.albums);
  const putPhotos = batchPut(e.photos);

  interface Partition {
    size: number;
    photos: { albumId: string; token: string };
    albums: { handle: string; token: string };
  }
  const partitions: Partition[] = [];
  for (const size of SIZES) {
    // One album holding `size` photos (its gsi1 partition), owned by `owner`.
    const albumId = ulid();
    await putAlbums([albumItem(owner.userId, albumId, 'public')]);
    await batchWrite(`album with ${size} photos`, size, putPhotos, () => photoItem(albumId, ulid()));
    // A user holding `size` albums (their gsi1 partition), listed by themselves (all albums).
    const user = await cognitoUser(stack, `g${size}`);
    await registerUser({ userId: user.userId, email: user.email, handle: user.handle, displayName: 'G' });
    await batchWrite(`user with ${size} albums`, size, putAlbums, (i) =>
      albumItem(user.userId, ulid(), i % 2 ? 'public' : 'private'),
    );
    partitions.push({
      size,
      photos: { albumId, token: owner.token },
      albums: { handle: user.handle, token: user.token },
    });
  }

  const listPhotos = (
    (await import(`${SERVICE_DIR}/src/functions/listAlbumPhotos/handler`)) as { handler: Handler }
  ).handler;
  const listAlbums = (
    (await import(`${SERVICE_DIR}/src/functions/listUserAlbums/handler`)) as { handler: Handler }
  ).handler;
  const context = lambdaContext('bench');
  const call = async (handler: Handler, spec: EventSpec) => {
    const t = performance.now();
    const res = await handler(apiEvent(spec), context);
    const elapsed = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${spec.path}: ${res.statusCode} ${res.body}`);
    return { elapsed, body: JSON.parse(res.body ?? '{}') as { items: unknown[]; cursor: string | null } };
  };

  interface Measure {
    list: string;
    size: number;
    page: number;
    which: 'first' | 'deep';
    items: number;
    times: number[];
  }
  const measures: (Measure & { spec: EventSpec; handler: Handler })[] = [];
  for (const p of partitions) {
    const lists: [string, Handler, EventSpec][] = [
      [
        'GET /v1/albums/{albumId}/photos',
        listPhotos,
        {
          method: 'GET',
          route: '/v1/albums/{albumId}/photos',
          path: `/v1/albums/${p.photos.albumId}/photos`,
          token: p.photos.token,
        },
      ],
      [
        'GET /v1/users/{handle}/albums',
        listAlbums,
        {
          method: 'GET',
          route: '/v1/users/{handle}/albums',
          path: `/v1/users/${p.albums.handle}/albums`,
          token: p.albums.token,
        },
      ],
    ];
    for (const [list, handler, spec] of lists) {
      // Walk to the deep page (or the last page with items, in a partition too small to have it).
      const withCursor = (c: string | null): EventSpec => ({
        ...spec,
        query: { limit: String(LIMIT), ...(c ? { cursor: c } : {}) },
      });
      let cursor: string | null = null;
      let deep = { page: 1, cursor: null as string | null };
      for (let page = 1; page <= DEEP_PAGE; page += 1) {
        const { body } = await call(handler, withCursor(cursor));
        if (body.items.length === 0) break;
        deep = { page, cursor };
        if (!body.cursor) break;
        cursor = body.cursor;
      }
      const base = { list, size: p.size, items: 0, times: [] as number[], handler };
      measures.push({ ...base, which: 'first', page: 1, spec: withCursor(null) });
      measures.push({ ...base, times: [], which: 'deep', page: deep.page, spec: withCursor(deep.cursor) });
    }
  }
  for (const [k, m] of measures.entries()) {
    progress(`Warm-up ${k + 1}/${measures.length}`);
    for (let i = 0; i < 20; i += 1) await call(m.handler, m.spec);
  }
  progressDone();
  // Interleaved: one call of every cell per round, so drift hits all sizes alike.
  for (let i = 0; i < N; i += 1) {
    if (i % 10 === 0) progress(`Round ${i + 1}/${N} over ${measures.length} cells`);
    for (const m of measures) {
      const { elapsed, body } = await call(m.handler, m.spec);
      m.items = body.items.length;
      m.times.push(elapsed);
    }
  }
  progressDone();

  const rows: string[][] = [];
  const verdicts: string[] = [];
  let worst = 0;
  for (const list of ['GET /v1/albums/{albumId}/photos', 'GET /v1/users/{handle}/albums']) {
    for (const which of ['first', 'deep'] as const) {
      const group = measures.filter((m) => m.list === list && m.which === which);
      const medians = group.map((m) => median(m.times));
      const ratio = Math.max(...medians) / Math.min(...medians);
      worst = Math.max(worst, ratio);
      for (const m of group)
        rows.push([
          `\`${list}\``,
          String(m.size),
          String(m.page),
          String(m.items),
          ms(median(m.times)),
          ms(quantile(m.times, 0.99)),
        ]);
      verdicts.push(`${list}, ${which} page: largest/smallest median **${ratio.toFixed(2)}**`);
    }
  }

  const text = `## Growth: list latency vs partition size

Produced by \`pnpm bench:growth\` on ${today()} (${machine()}); ${Math.round((Date.now() - started) / 1000)} s.
Handlers invoked in-process (real token, DynamoDB Local from the harness), page size ${LIMIT}, ${N} measured calls
per cell after 20 warm-up calls, in interleaved rounds. The photos are \`ready\` (two renditions each, so a page carries 40
presigned URLs); the albums are listed by their owner (all of them, gsi1). The deep page is page
${DEEP_PAGE} (its cursor obtained by walking the list), or the last page of a partition too small to have
${DEEP_PAGE} pages. Times in ms.

${table(['list', 'items in partition', 'page', 'items on page', 'p50', 'p99'], rows)}

${verdicts.map((v) => `- ${v}`).join('\n')}

Worst largest/smallest ratio: **${worst.toFixed(2)}** (target ≤ ${TARGET}: ${worst <= TARGET ? 'met' : 'missed'}).

Seeding (BatchWriteItem, ${IN_FLIGHT} requests in flight): ${seedTimes.join('; ')}.

Reproduce: \`pnpm bench:growth\` (\`BENCH_GROWTH_SIZES\`, \`BENCH_GROWTH_N\`).`;
  console.log(text);
  writeSection('growth', text);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

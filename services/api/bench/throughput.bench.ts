// Throughput through the local HTTP stack: the api service served by the local HTTP adapter (its own
// process, loopback only) under autocannon, bounded by duration and connections, for a read mix and
// a write mix. Afterwards every acknowledged write is looked up in DynamoDB and the counters are
// compared with the acknowledgements: no lost writes, no drifted counters.
//
//   pnpm bench:throughput      (BENCH_TP_SECONDS=10, BENCH_TP_CONNECTIONS=10)
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { startLocalStack, type LocalStack } from '@gallery/local-stack/stack';
import {
  cognitoUser,
  machine,
  progress,
  progressDone,
  table,
  today,
  useStackEnv,
  writeSection,
} from './support';

const SECONDS = Number(process.env.BENCH_TP_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_TP_CONNECTIONS ?? 10);
const PHOTOS = 10;

async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve.ts')], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

interface MixResult {
  name: string;
  routes: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

function run(name: string, routes: string, options: autocannon.Options): Promise<MixResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (err, r) => {
      if (err) {
        reject(err);
        return;
      }
      progressDone();
      resolve({
        name,
        routes,
        requests: r.requests.total,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
        timeouts: r.timeouts,
      });
    });
    let seconds = 0;
    instance.on('tick', () => progress(`${name}: ${++seconds}/${SECONDS} s`));
  });
}

async function main() {
  const started = Date.now();
  console.log('Starting DynamoDB Local, s3rver and cognito-local…');
  const stack = await startLocalStack({ tableName: 'gallery-bench-tp', bucketName: 'gallery-bench-tp' });
  let child: ChildProcess | undefined;
  try {
    useStackEnv(stack);
    const seeded = await seed(stack);
    const server = await startServer(stack.env);
    child = server.child;
    await measure(stack, server.url, seeded, started);
  } finally {
    child?.stdin?.end();
    child?.kill();
    await stack.stop();
  }
}

async function seed(stack: LocalStack) {
  progress('Seeding a user, a public album with 10 ready photos, and a reader…');
  const { registerUser } = await import('@gallery/core/access/users');
  const { createAlbum } = await import('@gallery/core/access/albums');
  const { addPhoto, markPhotoReady } = await import('@gallery/core/access/photos');
  const owner = await cognitoUser(stack, 'tpowner');
  const reader = await cognitoUser(stack, 'tpreader');
  for (const u of [owner, reader])
    await registerUser({ userId: u.userId, email: u.email, handle: u.handle, displayName: u.handle });
  const album = await createAlbum({ ownerId: owner.userId, title: 'Load', visibility: 'public' });
  const photoIds: string[] = [];
  for (let i = 0; i < PHOTOS; i += 1) {
    const p = await addPhoto({
      albumId: album.albumId,
      ownerId: owner.userId,
      contentType: 'image/jpeg',
      size: 1,
    });
    await markPhotoReady({
      photoId: p.photoId,
      albumId: p.albumId,
      width: 100,
      height: 100,
      renditions: [
        {
          name: 'thumb',
          key: `thumbnails/${p.photoId}/thumb.webp`,
          width: 64,
          height: 64,
          contentType: 'image/webp',
          bytes: 10,
        },
      ],
    });
    photoIds.push(p.photoId);
  }
  progressDone();
  return { owner, reader, album, photoIds };
}

async function measure(
  stack: LocalStack,
  url: string,
  seeded: Awaited<ReturnType<typeof seed>>,
  started: number,
) {
  const { owner, reader, album, photoIds } = seeded;
  const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  const readRoutes = [
    `/v1/albums/${album.albumId}`,
    `/v1/albums/${album.albumId}/photos`,
    `/v1/photos/${photoIds[0]}`,
    `/v1/users/${owner.handle}`,
  ];
  const readLabel =
    'GET /v1/albums/{id}, GET /v1/albums/{id}/photos, GET /v1/photos/{id}, GET /v1/users/{handle}';
  const read = await run('read mix', readLabel, {
    url,
    headers: auth(reader.token),
    requests: readRoutes.map((p) => ({ method: 'GET' as const, path: p })),
  });

  // Write mix: comments on 10 photos (the photo's commentCount moves in the same transaction) and
  // new albums (the owner's albumCount likewise). Every 201 is an acknowledged write we must find.
  const ackedComments = new Map<string, Set<string>>(photoIds.map((id) => [id, new Set()]));
  const ackedAlbums = new Set<string>();
  let n = 0;
  const write = await run('write mix', 'POST /v1/photos/{id}/comments, POST /v1/albums', {
    url,
    headers: auth(reader.token),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const photoId = photoIds[n++ % PHOTOS]!;
          return {
            ...req,
            path: `/v1/photos/${photoId}/comments`,
            body: JSON.stringify({ body: `load ${n}` }),
          };
        },
        onResponse: (status, body) => {
          if (status !== 201) return;
          const c = JSON.parse(body) as { commentId: string; photoId: string };
          ackedComments.get(c.photoId)?.add(c.commentId);
        },
      },
      {
        method: 'POST',
        path: '/v1/albums',
        headers: auth(owner.token),
        body: JSON.stringify({ title: 'Load album', visibility: 'private' }),
        onResponse: (status, body) => {
          if (status === 201) ackedAlbums.add((JSON.parse(body) as { albumId: string }).albumId);
        },
      },
    ],
  });

  // autocannon stops at the deadline without waiting for the requests still in flight (at most one
  // per connection): the server finishes them, unacknowledged. Let them land before counting.
  progress('Letting in-flight requests finish…');
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  progress('Counting what DynamoDB holds…');
  const { listPhotoComments } = await import('@gallery/core/access/comments');
  const { getPhoto } = await import('@gallery/core/access/photos');
  const { listUserAlbums } = await import('@gallery/core/access/albums');
  const { getUser } = await import('@gallery/core/access/users');
  const walk = async <T>(list: (cursor: string | null) => Promise<{ items: T[]; cursor: string | null }>) => {
    const all: T[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: T[]; cursor: string | null } = await list(cursor);
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return all;
  };
  let commentsAcked = 0;
  let commentsStored = 0;
  let commentsMissing = 0;
  let commentCounters = 0;
  for (const [photoId, acked] of ackedComments) {
    const stored = await walk((cursor) => listPhotoComments(photoId, { limit: 100, cursor }));
    const ids = new Set(stored.map((c) => c.commentId));
    commentsAcked += acked.size;
    commentsStored += stored.length;
    commentsMissing += [...acked].filter((id) => !ids.has(id)).length;
    commentCounters += (await getPhoto(photoId)).commentCount;
  }
  const albums = await walk((cursor) => listUserAlbums(owner.userId, { limit: 100, cursor }));
  const albumIds = new Set(albums.map((a) => a.albumId));
  const albumsMissing = [...ackedAlbums].filter((id) => !albumIds.has(id)).length;
  const albumsStored = albums.length - 1; // minus the seeded album
  const albumCounter = (await getUser(owner.userId)).albumCount - 1;
  progressDone();

  const lostWrites = commentsMissing + albumsMissing;
  const extra = commentsStored - commentsAcked + (albumsStored - ackedAlbums.size);
  const row = (r: MixResult) => [
    r.name,
    r.routes,
    String(r.requests),
    r.rps.toFixed(0),
    String(r.p50),
    String(r.p99),
    String(r.errors + r.timeouts),
    String(r.non2xx),
  ];
  const text = `## Throughput through the local HTTP stack

Produced by \`pnpm bench:throughput\` on ${today()} (${machine()}); ${Math.round((Date.now() - started) / 1000)} s.
The api service served by the local HTTP adapter (\`@gallery/testing/local-http\`: the handlers of
serverless.yml's routes, one Node process, in-process handler calls, real token verification) on
loopback, against DynamoDB Local and cognito-local from the harness, all on the same 2 cores as the load
generator. autocannon, ${CONNECTIONS} connections, ${SECONDS} s per mix, requests cycled through the routes listed.
Latency in ms.

${table(['mix', 'routes', 'requests', 'req/s', 'latency p50', 'latency p99', 'errors + timeouts', 'non-2xx'], [row(read), row(write)])}

Writes acknowledged (201) vs found in DynamoDB afterwards:

${table(
  ['write', 'acknowledged', 'stored', 'acknowledged but missing', 'counter'],
  [
    [
      'comments (10 photos)',
      String(commentsAcked),
      String(commentsStored),
      String(commentsMissing),
      `Σ commentCount = ${commentCounters}`,
    ],
    [
      'albums',
      String(ackedAlbums.size),
      String(albumsStored),
      String(albumsMissing),
      `albumCount − 1 = ${albumCounter}`,
    ],
  ],
)}

Lost writes: **${lostWrites}**; stored but not acknowledged: ${extra} (requests in flight when autocannon stopped, at most ${CONNECTIONS}); counters ${commentCounters === commentsStored && albumCounter === albumsStored ? 'equal to the stored items' : '**differ from the stored items**'}.
Errors: **${read.errors + read.timeouts + read.non2xx + write.errors + write.timeouts + write.non2xx}** (target 0).

Reproduce: \`pnpm bench:throughput\` (\`BENCH_TP_SECONDS\`, \`BENCH_TP_CONNECTIONS\`).`;
  console.log(text);
  writeSection('throughput', text);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

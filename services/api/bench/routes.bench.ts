// Warm request cost per read route: each function's Lambda handler invoked in-process with an API
// Gateway v2 event (real cognito-local access token, verified against the cached JWKS) against
// DynamoDB Local, beside a raw-SDK baseline that sends the very same DynamoDB requests through a
// DocumentClient: the requests the handler sent are captured during warm-up and replayed as they are.
// Where the time goes: token verification (timed alone, keys cached; a token already verified in the
// container is remembered, so the signature check is timed separately too), the SDK calls inside the
// handler (timed around DocumentClient.send), and the rest (middy chain, body/validation, ElectroDB
// request building and formatting, views and presigned URLs).
//
//   pnpm bench:routes           (BENCH_ROUTES_N=200 measured calls per route, BENCH_ROUTES_WARMUP=30)
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

const N = Number(process.env.BENCH_ROUTES_N ?? 200);
const WARMUP = Number(process.env.BENCH_ROUTES_WARMUP ?? 30);
const TARGET = 1.2;

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;
interface Command {
  input: unknown;
}
type CommandClass = new (input: unknown) => Command;
interface Captured {
  ctor: CommandClass;
  input: unknown;
}

interface Case {
  route: string;
  caller: string;
  fn: string;
  spec: EventSpec;
  handler: Handler;
  captured: Captured[];
  full: number[];
  raw: number[];
  sdkInHandler: number[];
}

function main(): Promise<void> {
  return withBenchStack('routes', run);
}

async function run(stack: LocalStack, started: number) {
  const { docClient } = await import('@gallery/core/client');
  const { registerUser } = await import('@gallery/core/access/users');
  const { createAlbum } = await import('@gallery/core/access/albums');
  const { addPhoto, markPhotoReady } = await import('@gallery/core/access/photos');
  const { addComment } = await import('@gallery/core/access/comments');
  const { createShareLink } = await import('@gallery/core/access/shares');
  const { createTokenVerifier } = await import('@gallery/lambda/auth');

  progress('Seeding: two users, 20 albums, 20 ready photos, 20 comments, a share link…');
  const owner = await cognitoUser(stack, 'owner');
  const viewer = await cognitoUser(stack, 'viewer');
  for (const u of [owner, viewer])
    await registerUser({ userId: u.userId, email: u.email, handle: u.handle, displayName: u.handle });
  const album = await createAlbum({ ownerId: owner.userId, title: 'Bench', visibility: 'public' });
  for (let i = 0; i < 19; i += 1)
    await createAlbum({ ownerId: owner.userId, title: `A${i}`, visibility: i % 2 ? 'public' : 'private' });
  const photoIds: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const p = await addPhoto({
      albumId: album.albumId,
      ownerId: owner.userId,
      contentType: 'image/jpeg',
      size: 1,
    });
    await markPhotoReady({
      photoId: p.photoId,
      albumId: p.albumId,
      width: 4000,
      height: 3000,
      renditions: ['thumb', 'medium'].map((name) => ({
        name,
        key: `thumbnails/${owner.userId}/${p.photoId}/${name}.webp`,
        width: 256,
        height: 256,
        contentType: 'image/webp',
        bytes: 1000,
      })),
    });
    photoIds.push(p.photoId);
  }
  const photoId = photoIds[0]!;
  for (let i = 0; i < 20; i += 1)
    await addComment({ photoId, authorId: viewer.userId, photoOwnerId: owner.userId, body: `comment ${i}` });
  const link = await createShareLink({
    albumId: album.albumId,
    ownerId: owner.userId,
    expiresInSeconds: 3600,
  });
  progressDone();

  const read = (
    fn: string,
    caller: string,
    token: string | undefined,
    route: string,
    path: string,
  ): Omit<Case, 'handler'> => ({
    route: `GET ${route}`,
    caller,
    fn,
    spec: { method: 'GET', route, path, token },
    captured: [],
    full: [],
    raw: [],
    sdkInHandler: [],
  });
  const specs = [
    read('getMe', 'owner', owner.token, '/v1/me', '/v1/me'),
    read('getUserProfile', 'viewer', viewer.token, '/v1/users/{handle}', `/v1/users/${owner.handle}`),
    read(
      'listUserAlbums',
      'viewer',
      viewer.token,
      '/v1/users/{handle}/albums',
      `/v1/users/${owner.handle}/albums`,
    ),
    read('listMyAlbums', 'owner', owner.token, '/v1/albums', '/v1/albums'),
    read('getAlbum', 'viewer', viewer.token, '/v1/albums/{albumId}', `/v1/albums/${album.albumId}`),
    read(
      'listAlbumPhotos',
      'viewer',
      viewer.token,
      '/v1/albums/{albumId}/photos',
      `/v1/albums/${album.albumId}/photos`,
    ),
    read(
      'listAlbumPhotos',
      'owner',
      owner.token,
      '/v1/albums/{albumId}/photos',
      `/v1/albums/${album.albumId}/photos`,
    ),
    read('getPhoto', 'viewer', viewer.token, '/v1/photos/{photoId}', `/v1/photos/${photoId}`),
    read(
      'listPhotoComments',
      'viewer',
      viewer.token,
      '/v1/photos/{photoId}/comments',
      `/v1/photos/${photoId}/comments`,
    ),
    read('getSharedAlbum', 'anyone', undefined, '/v1/shared/{token}', `/v1/shared/${link.token}`),
  ];
  const cases: Case[] = [];
  for (const s of specs) {
    const mod = (await import(`${SERVICE_DIR}/src/functions/${s.fn}/handler`)) as { handler: Handler };
    cases.push({ ...s, handler: mod.handler });
  }

  // Capture (during warm-up) and time (during measurement) every DocumentClient request.
  const doc = docClient();
  const send = doc.send.bind(doc) as (command: Command) => Promise<unknown>;
  let capture: Captured[] | undefined;
  let sdkTime = 0;
  (doc as unknown as { send: (c: Command) => Promise<unknown> }).send = async (command: Command) => {
    capture?.push({ ctor: command.constructor as CommandClass, input: structuredClone(command.input) });
    const t = performance.now();
    try {
      return await send(command);
    } finally {
      sdkTime += performance.now() - t;
    }
  };

  const context = lambdaContext('bench');
  const invoke = async (c: Case): Promise<number> => {
    const event = apiEvent(c.spec);
    const t = performance.now();
    const res = await c.handler(event, context);
    const elapsed = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${c.route} (${c.caller}): ${res.statusCode} ${res.body}`);
    return elapsed;
  };
  const replay = async (c: Case): Promise<number> => {
    const t = performance.now();
    for (const r of c.captured) await send(new r.ctor(r.input));
    return performance.now() - t;
  };

  for (const [k, c] of cases.entries()) {
    progress(`Warm-up ${k + 1}/${cases.length}: ${c.route} (${c.caller})`);
    capture = c.captured;
    await invoke(c);
    capture = undefined;
    for (let i = 0; i < WARMUP; i += 1) {
      await invoke(c);
      await replay(c);
    }
  }
  progressDone();

  for (const [k, c] of cases.entries()) {
    for (let i = 0; i < N; i += 1) {
      if (i % 50 === 0) progress(`Route ${k + 1}/${cases.length}: ${c.route} (${c.caller}) ${i}/${N}`);
      // Interleaved, alternating which goes first, so drift hits both alike.
      if (i % 2 === 0) {
        sdkTime = 0;
        c.full.push(await invoke(c));
        c.sdkInHandler.push(sdkTime);
        c.raw.push(await replay(c));
      } else {
        c.raw.push(await replay(c));
        sdkTime = 0;
        c.full.push(await invoke(c));
        c.sdkInHandler.push(sdkTime);
      }
    }
  }
  progressDone();

  // Token verification alone, keys cached (as in a warm container): for a token the container has
  // already verified (what the measured handler calls do, one token per caller), and the signature
  // check a token's first request in a container pays.
  const timeVerify = async (verify: (token: string) => Promise<unknown>) => {
    for (let i = 0; i < WARMUP; i += 1) await verify(viewer.token);
    const times: number[] = [];
    for (let i = 0; i < N; i += 1) {
      const t = performance.now();
      await verify(viewer.token);
      times.push(performance.now() - t);
    }
    return median(times);
  };
  const config = { issuer: stack.cognito.issuer, clientId: stack.cognito.clientId };
  const verifyMs = await timeVerify(createTokenVerifier(config));
  const signatureMs = await timeVerify(createTokenVerifier({ ...config, rememberVerified: false }));

  const names = (c: Case) => {
    const counts = new Map<string, number>();
    for (const r of c.captured) {
      const n = r.ctor.name.replace(/Command$/, '');
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    return [...counts].map(([n, k]) => (k > 1 ? `${k} × ${n}` : n)).join(' + ');
  };
  const rows = cases.map((c) => {
    const full = median(c.full);
    const raw = median(c.raw);
    const sdk = median(c.sdkInHandler);
    const token = c.spec.token ? verifyMs : 0;
    const rest = Math.max(0, full - sdk - token);
    const firstRequest = c.spec.token ? (full - verifyMs + signatureMs) / raw : undefined;
    return {
      c,
      ratio: full / raw,
      firstRequest,
      cells: [
        `\`${c.route}\``,
        c.caller,
        names(c),
        ms(full),
        ms(raw),
        `**${(full / raw).toFixed(2)}**`,
        ms(quantile(c.full, 0.99)),
        ms(quantile(c.raw, 0.99)),
        (quantile(c.full, 0.99) / quantile(c.raw, 0.99)).toFixed(2),
        ms(sdk),
        c.spec.token ? ms(token) : '–',
        ms(rest),
        firstRequest === undefined ? '–' : firstRequest.toFixed(2),
      ],
    };
  });
  const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const missed = rows.filter((r) => r.ratio > TARGET);
  // The same judgement for a token's first request in a container (signature checked).
  const firstRows = rows.flatMap((r) =>
    r.firstRequest === undefined ? [] : [{ ...r, ratio: r.firstRequest }],
  );
  const firstWorst = firstRows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const firstMissed = firstRows.filter((r) => r.ratio > TARGET);
  const verdict = (list: typeof rows) =>
    list.length === 0
      ? 'met by every read route'
      : `missed by ${list.map((r) => `\`${r.c.route}\` (${r.c.caller}) ${r.ratio.toFixed(2)}`).join(', ')}`;
  const text = `## Warm request cost per read route (in-process handler vs raw SDK)

Produced by \`pnpm bench:routes\` on ${today()} (${machine()}); ${Math.round((Date.now() - started) / 1000)} s.
Each route's Lambda handler is invoked in-process with an API Gateway v2 event carrying a real
cognito-local access token (verified with the cached JWKS), against DynamoDB Local, s3rver and
cognito-local from the harness. The baseline replays, through a DocumentClient, exactly the DynamoDB
requests the handler sent (captured during warm-up), one after another. ${WARMUP} warm-up calls, then ${N}
measured calls of each, interleaved. Seed: a public album with 20 ready photos (two renditions each,
so list pages carry 40 presigned URLs), 20 comments, 20 albums (10 public). Times in ms.

${table(
  [
    'route',
    'caller',
    'DynamoDB requests',
    'handler p50',
    'raw p50',
    'ratio p50',
    'handler p99',
    'raw p99',
    'ratio p99',
    'SDK inside handler p50',
    'token verification p50',
    'rest p50',
    'ratio p50, token not yet seen',
  ],
  rows.map((r) => r.cells),
)}

*Where the time goes*: **SDK inside handler** is the time spent in \`DocumentClient.send\` during the
handler (the same requests as the baseline, plus the DocumentClient's marshalling); **token
verification** is the verifier timed alone with the keys cached, for a token it has verified before
(${ms(verifyMs, 3)} ms p50: a container remembers a verified token until its \`exp\`, at most 10 minutes),
as every measured call here presents its caller's token again. A token's first request in a container
pays the signature check instead (${ms(signatureMs, 3)} ms p50); the last column estimates the ratio
such a request would have (handler p50 − remembered-token time + signature check, over raw p50).
**rest** is what remains: middy chain, path/query validation with zod, ElectroDB request building and response
formatting, views, presigned thumbnail URLs (SigV4 signing, one per rendition) and JSON serialisation.

Worst median ratio, for a token the container has verified before (every request of a caller but
its first in a container): **${worst.ratio.toFixed(2)}** (\`${worst.c.route}\`, ${worst.c.caller}; target ≤ ${TARGET}: ${verdict(missed)}).
For a token's first request in a container (estimated, as in the last column): **${firstWorst.ratio.toFixed(2)}** (\`${firstWorst.c.route}\`, ${firstWorst.c.caller}; target ≤ ${TARGET}: ${verdict(firstMissed)}).

Reproduce: \`pnpm bench:routes\` (\`BENCH_ROUTES_N\`, \`BENCH_ROUTES_WARMUP\`).`;
  console.log(text);
  writeSection('routes', text);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

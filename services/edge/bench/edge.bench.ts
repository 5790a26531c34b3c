// Edge benchmark: a browse session replayed through the local media distribution (the edge proxy
// with the real CloudFront Function and Lambda@Edge handler, in front of s3rver). Many viewers page
// through public albums: grids of thumbnails, then a few photos opened at their screen's width, in
// the format their browser takes. Every viewer holds URLs signed for its own expiry, as the API
// hands them out at different times: the signatures differ, the cache entries must not.
// Prints progress; writes the results to docs/performance.md between the edge-bench markers.
//
//   pnpm bench:edge        (BENCH_VIEWERS=240, BENCH_CONCURRENCY=8 change the session)
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { renderImage } from '@gallery/images/render';
import { photoJpeg } from '@gallery/images/testing/fixtures';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@gallery/local-stack/credentials';
import { signedPrefixQuery, startMediaCdn, type MediaCdn } from '@gallery/local-stack/media-cdn';
import { loadCloudFrontFunction } from '@gallery/local-stack/edge/cloudfront-function';
import { viewerRequestEvent } from '@gallery/local-stack/edge/function-event';
import { createBucket } from '@gallery/local-stack/provision';
import { startS3rver } from '@gallery/local-stack/s3';
import type { OriginResponseHandler } from '@gallery/local-stack/edge/edge-proxy';
import {
  machine,
  median,
  ms,
  progress,
  progressDone,
  quantile,
  today,
  writeSection,
} from '@gallery/testing/bench';
import { ulid } from 'ulid';
import { inProcessOriginResponse } from '../scripts/local-edge';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildViewerRequestCode } = require('../scripts/viewer-request-code.js') as {
  buildViewerRequestCode: () => { code: string; bytes: number };
};
/** Runs of the CloudFront Function alone, after the session, on the session's own requests. */
const ISOLATED_RUNS = 5_000;

const ALBUMS = 10;
const PHOTOS_PER_ALBUM = 24;
const PAGE = 12;
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 240);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
/** Parallel image requests a browser makes to one host. */
const BROWSER_PARALLEL = 6;
const BUCKET = 'gallery-edge-bench';
// What browsers send for images (Chrome/Firefox take AVIF; Safari 15 WebP).
const ACCEPT = {
  avif: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
  webp: 'image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5',
};
/** Screen widths (CSS px × device pixel ratio) a viewer asks renditions for. */
const SCREENS = [390 * 2, 820, 1300];

/** A deterministic generator, so two runs replay the same session. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** An index in [0, n) with Zipf-like popularity (s = 1): a few albums and photos draw most views. */
function zipf(rand: () => number, n: number): number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  let pick = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i += 1) {
    pick -= weights[i] as number;
    if (pick <= 0) return i;
  }
  return n - 1;
}

interface Request {
  path: string;
  kind: 'thumbnail' | 'on-demand';
}
interface Sample {
  viewer: number;
  target: string;
  accept: string;
  kind: Request['kind'];
  cache: 'hit' | 'miss';
  ms: number;
  bytes: number;
}

async function seed(s3: S3Client): Promise<{ prefixes: string[][]; uploadBytes: number }> {
  progress('rendering the fixture photo (2 MP JPEG) and its thumb/medium…');
  const upload = await photoJpeg(1600, 1200);
  const rendered = await renderImage(upload, 'jpeg');
  const prefixes: string[][] = [];
  let done = 0;
  for (let a = 0; a < ALBUMS; a += 1) {
    const ownerId = randomUUID();
    const album: string[] = [];
    for (let p = 0; p < PHOTOS_PER_ALBUM; p += 1) {
      const photoId = ulid();
      const put = (Key: string, Body: Buffer, ContentType?: string) =>
        s3.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key,
            Body,
            ContentType,
            CacheControl: 'private, max-age=31536000, immutable',
          }),
        );
      await Promise.all([
        put(`uploads/${ownerId}/${photoId}`, upload),
        ...rendered.renditions.map((r) =>
          put(`thumbnails/${ownerId}/${photoId}/${r.name}.webp`, r.data, r.contentType),
        ),
      ]);
      album.push(`/thumbnails/${ownerId}/${photoId}`);
      done += 1;
      progress(`seeding s3rver: ${done}/${ALBUMS * PHOTOS_PER_ALBUM} photos`);
    }
    prefixes.push(album);
  }
  progressDone();
  return { prefixes, uploadBytes: upload.length };
}

/** What one viewer asks for: a few albums' grids, page by page, and some photos opened. */
function session(viewer: number, prefixes: string[][]): { requests: Request[][]; accept: string } {
  const rand = random(viewer + 1);
  const accept = rand() < 0.7 ? ACCEPT.avif : ACCEPT.webp;
  const screen = SCREENS[Math.floor(rand() * SCREENS.length)] as number;
  const steps: Request[][] = [];
  const albums = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < albums; i += 1) {
    const album = prefixes[zipf(rand, ALBUMS)] as string[];
    const pages = 1 + Math.floor(rand() * (PHOTOS_PER_ALBUM / PAGE));
    for (let page = 0; page < pages; page += 1) {
      steps.push(
        album
          .slice(page * PAGE, (page + 1) * PAGE)
          .map((p) => ({ path: `${p}/thumb.webp`, kind: 'thumbnail' })),
      );
    }
    const opened = 1 + Math.floor(rand() * 4);
    for (let o = 0; o < opened; o += 1) {
      const photo = album[zipf(rand, PHOTOS_PER_ALBUM)] as string;
      steps.push([{ path: `${photo}/image?w=${screen}`, kind: 'on-demand' }]);
    }
  }
  return { requests: steps, accept };
}

async function replay(cdn: MediaCdn, prefixes: string[][]): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  let finished = 0;
  const started = Date.now();
  const viewer = async (id: number) => {
    const { requests, accept } = session(id, prefixes);
    // This viewer's URLs were handed out at its own time: its own expiry, its own signatures.
    const expiresAt = Math.floor(Date.now() / 1000) + 3600 + id * 300;
    const signed = new Map<string, string>();
    const url = (path: string) => {
      const prefix = path.slice(0, path.lastIndexOf('/'));
      if (!signed.has(prefix)) signed.set(prefix, signedPrefixQuery(cdn, prefix, expiresAt));
      return `${cdn.url}${path}${path.includes('?') ? '&' : '?'}${signed.get(prefix)}`;
    };
    for (const step of requests) {
      for (let i = 0; i < step.length; i += BROWSER_PARALLEL) {
        await Promise.all(
          step.slice(i, i + BROWSER_PARALLEL).map(async (request) => {
            const t0 = performance.now();
            const res = await fetch(url(request.path), { headers: { accept } });
            const body = await res.arrayBuffer();
            const elapsed = performance.now() - t0;
            if (res.status !== 200)
              throw new Error(`${request.path}: ${res.status} ${Buffer.from(body).toString()}`);
            const cache = res.headers.get('x-cache')?.startsWith('Hit') ? 'hit' : 'miss';
            samples.push({
              viewer: id,
              target: url(request.path).slice(cdn.url.length),
              accept,
              kind: request.kind,
              cache,
              ms: elapsed,
              bytes: body.byteLength,
            });
          }),
        );
      }
    }
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < VIEWERS) {
        const id = next;
        next += 1;
        await viewer(id);
        finished += 1;
        const hits = samples.filter((s) => s.cache === 'hit').length;
        progress(
          `viewers ${finished}/${VIEWERS}, ${samples.length} requests, ${((hits / samples.length) * 100).toFixed(1)} % from cache, ${((Date.now() - started) / 1000).toFixed(0)} s`,
        );
      }
    }),
  );
  progressDone();
  return samples;
}

async function main(): Promise<void> {
  const s3rver = await startS3rver();
  const s3 = new S3Client({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: s3rver.endpoint,
    forcePathStyle: true,
  });
  // The in-process Lambda@Edge handler reaches s3rver through S3_ENDPOINT, as under pnpm dev.
  Object.assign(process.env, {
    S3_ENDPOINT: s3rver.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    LOG_LEVEL: 'warn',
  });
  let renders = 0;
  const renderMs: number[] = [];
  const originResponse: OriginResponseHandler = async (event) => {
    const t0 = performance.now();
    const result = await inProcessOriginResponse(event);
    if (result && 'body' in result && result.body !== undefined && result.status === '200') {
      renders += 1;
      renderMs.push(performance.now() - t0);
    }
    return result;
  };
  let cdn: MediaCdn | undefined;
  try {
    await createBucket({ endpoint: s3rver.endpoint, bucketName: BUCKET });
    const { prefixes, uploadBytes } = await seed(s3);
    cdn = await startMediaCdn({
      s3Endpoint: s3rver.endpoint,
      bucket: BUCKET,
      originResponse,
      log: (line) => console.error(line),
    });
    const samples = await replay(cdn, prefixes);
    const stats = cdn.edge.stats();
    report(samples, stats, isolatedFunctionMs(samples), { renders, renderMs, uploadBytes });
  } finally {
    await cdn?.stop();
    s3.destroy();
    await s3rver.stop();
  }
}

/** The CloudFront Function alone, on a quiet event loop: what one request costs it. */
function isolatedFunctionMs(samples: Sample[]): number[] {
  const fn = loadCloudFrontFunction(buildViewerRequestCode().code);
  const durations: number[] = [];
  for (let i = 0; i < ISOLATED_RUNS; i += 1) {
    const sample = samples[i % samples.length] as Sample;
    const event = viewerRequestEvent(
      {
        method: 'GET',
        target: sample.target,
        rawHeaders: ['Host', 'd111111abcdef8.cloudfront.net', 'Accept', sample.accept],
        ip: '198.51.100.1',
      },
      { domainName: 'd111111abcdef8.cloudfront.net', id: 'EBENCH' },
    );
    durations.push(fn.run(event).durationMs);
    if (i % 1000 === 999) progress(`CloudFront Function alone: ${i + 1}/${ISOLATED_RUNS} runs`);
  }
  progressDone();
  return durations;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const ratio = (xs: Sample[]) =>
  xs.length === 0 ? 0 : xs.filter((x) => x.cache === 'hit').length / xs.length;
const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

function report(
  samples: Sample[],
  stats: ReturnType<MediaCdn['edge']['stats']>,
  isolated: number[],
  lambda: { renders: number; renderMs: number[]; uploadBytes: number },
): void {
  const served = samples.reduce((a, x) => a + x.bytes, 0);
  const warm = samples.filter((x) => x.viewer >= VIEWERS / 2);
  const ofKind = (xs: Sample[], kind?: Sample['kind']) => (kind ? xs.filter((x) => x.kind === kind) : xs);
  const hitRows = (
    [
      ['all renditions', undefined],
      ['thumbnails (pre-rendered)', 'thumbnail'],
      ['on-demand widths', 'on-demand'],
    ] as const
  ).map(([name, kind]) =>
    line([
      name,
      ofKind(samples, kind).length,
      pct(ratio(ofKind(samples, kind))),
      ofKind(warm, kind).length,
      `**${pct(ratio(ofKind(warm, kind)))}**`,
    ]),
  );
  const clientRows = (
    [
      ['cache hit', samples.filter((x) => x.cache === 'hit')],
      ['miss, object in S3 (thumbnail)', samples.filter((x) => x.cache === 'miss' && x.kind === 'thumbnail')],
      ['miss, rendered by Lambda@Edge', samples.filter((x) => x.cache === 'miss' && x.kind === 'on-demand')],
    ] as const
  ).map(([name, xs]) => {
    const times = xs.map((x) => x.ms);
    return line([name, xs.length, ms(median(times)), ms(quantile(times, 0.99))]);
  });
  const edgeRows = (['hit', 'miss'] as const).map((outcome) => {
    const times = stats.servedMs[outcome];
    return line([
      outcome === 'hit' ? 'cache hit' : 'cache miss',
      times.length,
      ms(median(times)),
      ms(quantile(times, 0.99)),
    ]);
  });
  const during = stats.functionMs;
  const fnRows = [
    ['alone, after the session (its requests, one after another)', isolated],
    [`during the session (renders and ${CONCURRENCY * BROWSER_PARALLEL} requests in flight)`, during],
  ].map(([name, times]) => {
    const xs = times as number[];
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return line([name as string, xs.length, ms(mean, 3), ms(median(xs), 3), ms(quantile(xs, 0.99), 3)]);
  });
  const isolatedMean = isolated.reduce((a, b) => a + b, 0) / isolated.length;
  const isolatedMedian = median(isolated);
  const warmRatio = ratio(warm);
  const text = `## Media distribution: a browse session through the local edge

Produced by \`pnpm bench:edge\` on ${today()} (${machine()}), while other work shared the machine (load average ${os.loadavg()[0]?.toFixed(1)} at the end): latencies are indicative, ratios are the claim.

Session: ${VIEWERS} viewers (${CONCURRENCY} at a time, ${BROWSER_PARALLEL} parallel requests each) page through ${ALBUMS} public albums of ${PHOTOS_PER_ALBUM} photos (${PAGE} thumbnails a page; albums and opened photos drawn with Zipf popularity) and open a few photos at their screen's width (${SCREENS.join(', ')} px, snapped to the served widths) in the format their browser takes (70 % AVIF, 30 % WebP). Each viewer holds URLs signed for its own expiry, so no two viewers send the same signature. The edge (\`services/edge/scripts/local-edge.ts\`: the real CloudFront Function in its \`node:vm\` harness, the real Lambda@Edge handler in process, s3rver as the origin, the deployed cache policy and TTLs) starts cold. Uploads: a 2 MP photo-like JPEG (${mb(lambda.uploadBytes)} MB).

| rendition requests | whole session | from cache | second half of the viewers | from cache |
|---|---:|---:|---:|---:|
${hitRows.join('\n')}

Target ≥ 95 % from cache once the edge is warm (the second half of the viewers; the first half fills the cache from nothing): **${warmRatio >= 0.95 ? 'met' : 'missed'}** (${pct(warmRatio)}; ${pct(ratio(samples))} over the whole session, cold start included).

| origin traffic | value |
|---|---:|
| bytes served to viewers | ${mb(served)} MB |
| bytes CloudFront fetched from S3 (${stats.originFetches} fetches) | ${mb(stats.originBytes)} MB |
| origin fetches per rendition request | ${(stats.originFetches / samples.length).toFixed(3)} |
| renders by Lambda@Edge (each reads its upload from S3) | ${lambda.renders} (${mb(lambda.renders * lambda.uploadBytes)} MB read), median ${ms(median(lambda.renderMs), 0)} ms |

| latency, client side (ms) | requests | p50 | p99 |
|---|---:|---:|---:|
${clientRows.join('\n')}

| latency, edge side: arrival to last byte (ms) | requests | p50 | p99 |
|---|---:|---:|---:|
${edgeRows.join('\n')}

Client, edge and renderer share one process and two busy cores: client-side times include queueing behind ${CONCURRENCY * BROWSER_PARALLEL} requests in flight; edge-side ones do not.

CloudFront Function (${buildViewerRequestCode().bytes} bytes of code), time per request, measured around each run inside the \`node:vm\` context (JSON in and out included, so an upper bound on the function's own work):

| | runs | mean ms | p50 ms | p99 ms |
|---|---:|---:|---:|---:|
${fnRows.join('\n')}

Target ≪ 1 ms per request: **${isolatedMedian < 0.1 ? 'met' : 'missed'}** by the median run alone (${ms(isolatedMedian, 3)} ms; the criterion is under 0.1 ms). The mean (${ms(isolatedMean, 3)} ms) and the p99 carry this shared machine taking the CPU away mid-run, which a wall-clock measure cannot tell from work; during the session the same code also waits behind the renders. CloudFront meters compute on its own engine: these figures show the function's work is small, not what CloudFront will bill.

Reproduce: \`pnpm bench:edge\` (\`BENCH_VIEWERS\`, \`BENCH_CONCURRENCY\`).`;
  console.log(`\n${text}\n`);
  writeSection('edge', text);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

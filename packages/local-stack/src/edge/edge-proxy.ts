// A small stand-in for the media distribution, in front of s3rver (no CloudFront emulator exists on
// npm). Per request, in CloudFront's order:
//   1. GET and HEAD only (the behavior's allowed methods);
//   2. the signed URL, against the trusted public keys (403 with CloudFront's XML otherwise);
//   3. the CloudFront Function (viewer request), its real code under the runtime's restrictions;
//   4. the cache, keyed by the path the function left (the cache policy keys on nothing else);
//      concurrent misses for one key wait for one origin fetch (CloudFront collapses them);
//   5. on a miss, the origin (s3rver, path-style, no query string: the policy forwards none), whose
//      missing keys answer 403 as S3 answers an origin access control that may not list the
//      bucket, then the Lambda@Edge origin-response handler, then the cache (edge-cache.ts TTLs);
//   6. the response headers policy on whatever goes back.
// Step 2 runs after step 3 with `signatureCheck: 'after-function'`: CloudFront's documentation
// does not say which comes first, and the design must hold either way (see services/edge/README).
import { randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudFrontResponse, CloudFrontResponseEvent, CloudFrontResultResponse } from 'aws-lambda';
import {
  CloudFrontFunctionError,
  type CloudFrontFunction,
  type FunctionRequest,
} from './cloudfront-function';
import { EdgeCache, edgeTtlSeconds, type CachePolicyTtls, type CachedResponse } from './edge-cache';
import { queryString, viewerRequestEvent } from './function-event';
import { LambdaEdgeResultError, applyOriginResponseResult, originResponseEvent } from './lambda-edge';
import { applyResponseHeadersPolicy, type ResponseHeadersPolicyConfig } from './response-headers';
import { errorBody, verifySignedUrl } from './signed-urls';

export type OriginResponseHandler = (
  event: CloudFrontResponseEvent,
) => Promise<CloudFrontResponse | CloudFrontResultResponse | null | undefined>;

export interface EdgeProxyOptions {
  port?: number;
  /** s3rver's endpoint and the bucket the distribution's origin points at. */
  origin: { endpoint: string; bucket: string; region: string };
  trustedKeys: Map<string, KeyObject>;
  viewerRequest: CloudFrontFunction;
  originResponse: OriginResponseHandler;
  cachePolicy: CachePolicyTtls;
  errorCaching?: Array<{ ErrorCode: number; ErrorCachingMinTTL: number }>;
  responseHeadersPolicy?: ResponseHeadersPolicyConfig;
  signatureCheck?: 'before-function' | 'after-function';
  /** Total body bytes the cache holds (default 256 MiB). */
  cacheBytes?: number;
  /** Clock for cache expiry and signed-URL expiry, ms (tests move it). */
  now?: () => number;
  log?: (line: string) => void;
}

export type Outcome = 'hit' | 'miss' | 'refused' | 'function' | 'error';

export interface EdgeStats {
  requests: number;
  hits: number;
  misses: number;
  /** Refused before the cache: method, signature. */
  refused: number;
  /** Answered by the CloudFront Function itself. */
  functionResponses: number;
  originFetches: number;
  originBytes: number;
  lambdaInvocations: number;
  /** Duration of every CloudFront Function run, ms. */
  functionMs: number[];
  /** Time from a request's arrival to its response's end, ms, by outcome. */
  servedMs: Record<Outcome, number[]>;
}

export interface EdgeProxy {
  url: string;
  stats(): EdgeStats;
  resetStats(): void;
  clearCache(): void;
  stop(): Promise<void>;
}

const emptyStats = (): EdgeStats => ({
  requests: 0,
  hits: 0,
  misses: 0,
  refused: 0,
  functionResponses: 0,
  originFetches: 0,
  originBytes: 0,
  lambdaInvocations: 0,
  functionMs: [],
  servedMs: { hit: [], miss: [], refused: [], function: [], error: [] },
});

interface Reply {
  status: number;
  statusText: string;
  headers: Headers;
  body: Buffer;
  outcome: Outcome;
  age?: number;
}

const DISTRIBUTION = { domainName: 'local.cloudfront.net', id: 'ELOCALEDGEPROXY' };

function xml(status: number, statusText: string, body: string, outcome: Outcome): Reply {
  return {
    status,
    statusText,
    headers: new Headers({ 'content-type': 'text/xml' }),
    body: Buffer.from(body),
    outcome,
  };
}

export async function startEdgeProxy(options: EdgeProxyOptions): Promise<EdgeProxy> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const cache = new EdgeCache(options.cacheBytes ?? 256 * 1024 * 1024);
  const inflight = new Map<string, Promise<CachedResponse>>();
  const errorCaching = Object.fromEntries(
    (options.errorCaching ?? []).map((e) => [e.ErrorCode, e.ErrorCachingMinTTL]),
  );
  const originDomain = `${options.origin.bucket}.s3.${options.origin.region}.amazonaws.com`;
  let stats = emptyStats();

  const checkSignature = (req: IncomingMessage, target: string): Reply | undefined => {
    const verdict = verifySignedUrl(
      {
        url: `http://${req.headers.host ?? ''}${target}`,
        clientIp: req.socket.remoteAddress ?? '',
        now: Math.floor(now() / 1000),
      },
      options.trustedKeys,
    );
    if (verdict.ok) return undefined;
    log(`edge: 403 ${verdict.code} for ${target.split('?')[0]}: ${verdict.why}`);
    return xml(403, 'Forbidden', errorBody(verdict.code), 'refused');
  };

  /** The origin and the origin-response function, for one cache key. */
  const fetchFromOrigin = async (req: IncomingMessage, request: FunctionRequest): Promise<CachedResponse> => {
    stats.originFetches += 1;
    const originUrl = `${options.origin.endpoint}/${options.origin.bucket}${request.uri}`;
    const origin = await fetch(originUrl, { signal: AbortSignal.timeout(30_000) });
    const originBody = Buffer.from(await origin.arrayBuffer());
    stats.originBytes += originBody.length;
    // S3 answers 403, not 404, to an origin access control that may not list the bucket.
    const status = origin.status === 404 ? 403 : origin.status;
    const event = originResponseEvent({
      distribution: DISTRIBUTION,
      request: {
        method: 'GET',
        uri: request.uri,
        querystring: '',
        clientIp: req.socket.remoteAddress ?? '',
        headers: new Headers({ host: originDomain, 'user-agent': 'Amazon CloudFront' }),
      },
      origin: { domainName: originDomain, region: options.origin.region },
      response: {
        status,
        statusText: status === 403 ? 'Forbidden' : origin.statusText,
        headers: origin.headers,
      },
    });
    stats.lambdaInvocations += 1;
    let result: Awaited<ReturnType<OriginResponseHandler>>;
    try {
      result = await options.originResponse(event);
    } catch (err) {
      log(`edge: the origin-response function failed: ${String(err)}`);
      return stored(
        503,
        'Service Unavailable',
        new Headers({ 'content-type': 'text/html' }),
        Buffer.from('LambdaExecutionError'),
      );
    }
    try {
      const applied = applyOriginResponseResult(result, event.Records[0]!.cf.response);
      return stored(applied.status, applied.statusText, applied.headers, applied.body ?? originBody);
    } catch (err) {
      if (!(err instanceof LambdaEdgeResultError)) throw err;
      log(`edge: 502, the origin-response result is invalid: ${err.message}`);
      return stored(
        502,
        'Bad Gateway',
        new Headers({ 'content-type': 'text/html' }),
        Buffer.from('LambdaValidationError'),
      );
    }
  };

  const stored = (status: number, statusText: string, headers: Headers, body: Buffer): CachedResponse => {
    headers.delete('content-length');
    headers.delete('transfer-encoding');
    headers.delete('connection');
    const ttl = edgeTtlSeconds(status, headers.get('cache-control'), options.cachePolicy, errorCaching);
    return { status, statusText, headers: [...headers], body, storedAt: now(), ttlMs: ttl * 1000 };
  };

  const handle = async (req: IncomingMessage): Promise<Reply> => {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    if (method !== 'GET' && method !== 'HEAD') {
      return xml(403, 'Forbidden', errorBody('AccessDenied'), 'refused');
    }
    const before = options.signatureCheck !== 'after-function';
    if (before) {
      const refused = checkSignature(req, target);
      if (refused) return refused;
    }
    const event = viewerRequestEvent(
      { method, target, rawHeaders: req.rawHeaders, ip: req.socket.remoteAddress ?? '' },
      DISTRIBUTION,
    );
    let request: FunctionRequest;
    try {
      const { result, durationMs } = options.viewerRequest.run(event);
      stats.functionMs.push(durationMs);
      if (result.kind === 'response') {
        const { response } = result;
        const headers = new Headers();
        for (const [name, field] of Object.entries(response.headers ?? {})) headers.set(name, field.value);
        const body =
          response.body === undefined
            ? ''
            : typeof response.body === 'string'
              ? response.body
              : response.body.data;
        const encoding = typeof response.body === 'object' ? response.body.encoding : 'text';
        return {
          status: response.statusCode,
          statusText: response.statusDescription ?? '',
          headers,
          body: Buffer.from(body, encoding === 'base64' ? 'base64' : 'utf8'),
          outcome: 'function',
        };
      }
      request = result.request;
    } catch (err) {
      if (!(err instanceof CloudFrontFunctionError)) throw err;
      log(`edge: the CloudFront Function failed (${err.reason}): ${err.message}`);
      // CloudFront answers 503 when a function throws or runs out of compute, 502 for a bad result.
      const status = err.reason === 'invalid_result' ? 502 : 503;
      return xml(
        status,
        status === 502 ? 'Bad Gateway' : 'Service Unavailable',
        '<Error>FunctionExecutionError</Error>',
        'error',
      );
    }
    if (!before) {
      const query = queryString(request);
      const refused = checkSignature(req, `${request.uri}${query ? `?${query}` : ''}`);
      if (refused) return refused;
    }

    const key = request.uri;
    const cached = cache.get(key, now());
    if (cached)
      return { ...reply(cached), outcome: 'hit', age: Math.floor((now() - cached.storedAt) / 1000) };
    let pending = inflight.get(key);
    const collapsed = pending !== undefined;
    if (!pending) {
      pending = fetchFromOrigin(req, request).finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    const fetched = await pending;
    if (!collapsed && fetched.ttlMs > 0) cache.set(key, fetched);
    // A request that waited on another's fetch is served from that fetch, as a hit.
    return { ...reply(fetched), outcome: collapsed ? 'hit' : 'miss' };
  };

  const reply = (entry: CachedResponse): Omit<Reply, 'outcome'> => ({
    status: entry.status,
    statusText: entry.statusText,
    headers: new Headers(entry.headers),
    body: entry.body,
  });

  const send = (req: IncomingMessage, res: ServerResponse, r: Reply, startedAt: number) => {
    stats.requests += 1;
    if (r.outcome === 'hit') stats.hits += 1;
    else if (r.outcome === 'miss') stats.misses += 1;
    else if (r.outcome === 'refused') stats.refused += 1;
    else if (r.outcome === 'function') stats.functionResponses += 1;
    const headers = r.headers;
    if (options.responseHeadersPolicy) {
      applyResponseHeadersPolicy(headers, options.responseHeadersPolicy, req.headers.origin);
    }
    const xCache = {
      hit: 'Hit',
      miss: 'Miss',
      function: 'FunctionGeneratedResponse',
      refused: 'Error',
      error: 'Error',
    }[r.outcome];
    headers.set('x-cache', `${xCache} from cloudfront`);
    headers.set('via', '1.1 local.cloudfront.net (CloudFront)');
    headers.set('x-amz-cf-pop', 'LOCAL');
    headers.set('x-amz-cf-id', randomBytes(30).toString('base64url'));
    if (r.age !== undefined) headers.set('age', String(r.age));
    headers.set('content-length', String(r.body.length));
    res.writeHead(r.status, r.statusText || undefined, Object.fromEntries(headers));
    res.end(req.method === 'HEAD' ? undefined : r.body, () => {
      stats.servedMs[r.outcome].push(performance.now() - startedAt);
    });
  };

  const server = createServer((req, res) => {
    const startedAt = performance.now();
    handle(req).then(
      (r) => send(req, res, r, startedAt),
      (err: unknown) => {
        log(`edge: 502 for ${req.url ?? ''}: ${String(err)}`);
        send(req, res, xml(502, 'Bad Gateway', '<Error>OriginError</Error>', 'error'), startedAt);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    clearCache: () => cache.clear(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The media distribution on this machine: the edge proxy of @gallery/local-stack configured the way
// serverless.yml configures CloudFront (distribution.json: cache policy, error caching, response
// headers policy), running this service's CloudFront Function as built for deployment and its
// Lambda@Edge handler, in front of s3rver. Used by `pnpm dev`, the tests and `pnpm bench:edge`.
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCloudFrontFunction } from '@gallery/local-stack/edge/cloudfront-function';
import { lambdaContext } from '@gallery/local-stack/lambda-context';
import {
  startEdgeProxy,
  type EdgeProxy,
  type EdgeProxyOptions,
  type OriginResponseHandler,
} from '@gallery/local-stack/edge/edge-proxy';
import { trustedKeys } from '@gallery/local-stack/edge/signed-urls';
import type { CachePolicyTtls } from '@gallery/local-stack/edge/edge-cache';
import type { ResponseHeadersPolicyConfig } from '@gallery/local-stack/edge/response-headers';
import { handler as renderRendition } from '../src/functions/renderRendition/handler';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildViewerRequestCode } = require('./viewer-request-code.js') as {
  buildViewerRequestCode: () => { code: string; bytes: number };
};

interface DistributionConfig {
  cachePolicy: CachePolicyTtls;
  errorCaching: Array<{ ErrorCode: number; ErrorCachingMinTTL: number }>;
  responseHeadersPolicy: ResponseHeadersPolicyConfig;
}

export const distributionConfig = (): DistributionConfig =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'distribution.json'), 'utf8')) as DistributionConfig;

/** Lambda@Edge's limit for origin events: the renderer's context counts down from it. */
const ORIGIN_EVENT_TIMEOUT_MS = 30_000;

/** The Lambda@Edge handler called in this process, as Lambda would call it. */
export const inProcessOriginResponse: OriginResponseHandler = (event) =>
  renderRendition(
    event,
    lambdaContext('us-east-1.gallery-edge-local-renderRendition', {
      deadline: Date.now() + ORIGIN_EVENT_TIMEOUT_MS,
    }),
  );

/**
 * The handler behind serverless-offline's Lambda invoke endpoint (`pnpm dev` runs this service
 * under serverless-offline like every other one).
 */
export function invokedOriginResponse(lambdaEndpoint: string, functionName: string): OriginResponseHandler {
  return async (event) => {
    const res = await fetch(`${lambdaEndpoint}/2015-03-31/functions/${functionName}/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(30_000),
    });
    const payload = (await res.json()) as Awaited<ReturnType<OriginResponseHandler>> & {
      errorMessage?: string;
    };
    if (!res.ok || res.headers.get('x-amz-function-error') || payload?.errorMessage) {
      throw new Error(`${functionName} failed: ${payload?.errorMessage ?? res.status}`);
    }
    return payload;
  };
}

export interface LocalEdgeOptions {
  port?: number;
  s3Endpoint: string;
  bucket: string;
  region?: string;
  /** Key pair id → public key (PEM or KeyObject): the trusted key group. */
  publicKeys: Record<string, string | KeyObject>;
  originResponse?: OriginResponseHandler;
  signatureCheck?: EdgeProxyOptions['signatureCheck'];
  now?: () => number;
  log?: (line: string) => void;
}

export function startLocalEdge(options: LocalEdgeOptions): Promise<EdgeProxy> {
  const config = distributionConfig();
  return startEdgeProxy({
    port: options.port,
    origin: { endpoint: options.s3Endpoint, bucket: options.bucket, region: options.region ?? 'us-east-1' },
    trustedKeys: trustedKeys(options.publicKeys),
    viewerRequest: loadCloudFrontFunction(buildViewerRequestCode().code, { log: options.log }),
    originResponse: options.originResponse ?? inProcessOriginResponse,
    cachePolicy: config.cachePolicy,
    errorCaching: config.errorCaching,
    responseHeadersPolicy: config.responseHeadersPolicy,
    signatureCheck: options.signatureCheck,
    now: options.now,
    log: options.log,
  });
}

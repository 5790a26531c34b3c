// One S3 client per process (module singleton), configured once for every service that touches
// the media bucket: bounded retries, timeouts that really fire, keep-alive sockets reused across
// invocations of a warm Lambda container, and the settings s3rver needs locally.
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { instrumentClient } from '@gallery/core/instrumentation';

/** Defaults, documented here because they are the only place they live. */
export const S3_CLIENT_DEFAULTS = {
  /** Total attempts per request, first one included (SDK standard retry mode). */
  maxAttempts: 3,
  /** Time allowed to obtain a connected socket. */
  connectionTimeoutMs: 1_000,
  /**
   * Longest silence on an open socket, not the whole transfer: streaming a 25 MiB upload may take
   * longer in total. It throws (rather than only warning) so a stalled S3 cannot hold a Lambda.
   */
  requestTimeoutMs: 10_000,
  maxSockets: 50,
  region: 'us-east-1',
} as const;

/** A client for `region` (default: the function's own, see s3Region). */
export function createS3Client(options: { region?: string } = {}): S3Client {
  const endpoint = process.env.S3_ENDPOINT;
  const agentOptions = { keepAlive: true, maxSockets: S3_CLIENT_DEFAULTS.maxSockets };
  return new S3Client({
    region: options.region ?? s3Region(),
    maxAttempts: S3_CLIENT_DEFAULTS.maxAttempts,
    // s3rver (locally) is only reachable path-style; real S3 uses virtual-hosted names.
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    // Checksums only where S3 requires them (DESIGN.md): otherwise s3rver stores stream bodies
    // with their chunk headers, and presigned PUTs carry an empty-body checksum real S3 rejects.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: S3_CLIENT_DEFAULTS.connectionTimeoutMs,
      requestTimeout: S3_CLIENT_DEFAULTS.requestTimeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: new Agent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
    }),
  });
}

let client: S3Client | undefined;

/** The process-wide client, created on first use (so tests and scripts set S3_ENDPOINT first). */
export function s3Client(): S3Client {
  client ??= instrumentClient(createS3Client());
  return client;
}

/** The region S3 requests are signed for and sent to: the function's own. */
export function s3Region(): string {
  return process.env.AWS_REGION ?? S3_CLIENT_DEFAULTS.region;
}

/** The media bucket, from BUCKET_NAME. */
export function bucketName(): string {
  const name = process.env.BUCKET_NAME;
  if (!name) throw new Error('BUCKET_NAME is not set');
  return name;
}

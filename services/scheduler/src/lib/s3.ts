// One S3 client per process (module singleton), configured once: bounded retries, timeouts and
// keep-alive sockets reused across invocations of a warm Lambda container.
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Defaults, documented here because they are the only place they live. */
export const S3_CLIENT_DEFAULTS = {
  /** Total attempts per request, first one included (SDK standard retry mode). */
  maxAttempts: 3,
  /** Time allowed to open a socket. */
  connectionTimeoutMs: 1_000,
  /** Longest silence on an open socket: list and delete calls answer well within it. */
  socketTimeoutMs: 10_000,
  maxSockets: 16,
  region: 'us-east-1',
} as const;

export function createS3Client(): S3Client {
  const endpoint = process.env.S3_ENDPOINT;
  const agentOptions = { keepAlive: true, maxSockets: S3_CLIENT_DEFAULTS.maxSockets };
  return new S3Client({
    region: process.env.AWS_REGION ?? S3_CLIENT_DEFAULTS.region,
    maxAttempts: S3_CLIENT_DEFAULTS.maxAttempts,
    // s3rver (locally) is only reachable path-style; real S3 uses virtual-hosted names.
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    // Checksums only where S3 requires them (DeleteObjects): s3rver mishandles the others.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: S3_CLIENT_DEFAULTS.connectionTimeoutMs,
      socketTimeout: S3_CLIENT_DEFAULTS.socketTimeoutMs,
      httpAgent: new Agent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
    }),
  });
}

let client: S3Client | undefined;

/** The process-wide client, created on first use (so tests and scripts set S3_ENDPOINT first). */
export function s3Client(): S3Client {
  client ??= createS3Client();
  return client;
}

export function bucketNameFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const bucket = env.BUCKET_NAME;
  if (!bucket) throw new Error('BUCKET_NAME is not set');
  return bucket;
}

// The media distribution for the local stack: a signing key pair made for this run (the public
// key is the trusted key group, the private one goes to the API in CDN_SIGNING_KEY: there is no
// Secrets Manager emulator), and the edge proxy in front of s3rver running services/edge's own
// CloudFront Function and Lambda@Edge handler (services/edge/scripts/local-edge.ts wires them).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { getSignedUrl } from '@aws-sdk/cloudfront-signer';
import type { EdgeProxy } from './edge/edge-proxy';
import type { OriginResponseHandler } from './edge/edge-proxy';
import { startLocalEdge } from '../../../services/edge/scripts/local-edge';

export interface LocalSigningKey {
  keyPairId: string;
  privateKey: string;
  publicKey: string;
}

/** A fresh RSA-2048 key pair with an id shaped like CloudFront's public key ids. */
export function localSigningKey(): LocalSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    keyPairId: `K${randomBytes(10).toString('hex').toUpperCase().slice(0, 13)}`,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface MediaCdn {
  url: string;
  edge: EdgeProxy;
  key: LocalSigningKey;
  /** What the API needs: MEDIA_CDN_URL and CDN_SIGNING_KEY. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startMediaCdn(options: {
  s3Endpoint: string;
  bucket: string;
  port?: number;
  /** Default: a new key pair. */
  key?: LocalSigningKey;
  /** The edge's clock, ms (default: the real one). */
  now?: () => number;
  /** Whether signed URLs are checked before or after the CloudFront Function (default before). */
  signatureCheck?: 'before-function' | 'after-function';
  /** Default: the Lambda@Edge handler in this process. */
  originResponse?: OriginResponseHandler;
  log?: (line: string) => void;
}): Promise<MediaCdn> {
  const key = options.key ?? localSigningKey();
  const edge = await startLocalEdge({
    port: options.port,
    now: options.now,
    signatureCheck: options.signatureCheck,
    s3Endpoint: options.s3Endpoint,
    bucket: options.bucket,
    publicKeys: { [key.keyPairId]: key.publicKey },
    originResponse: options.originResponse,
    log: options.log,
  });
  return {
    url: edge.url,
    edge,
    key,
    env: {
      MEDIA_CDN_URL: edge.url,
      CDN_SIGNING_KEY: JSON.stringify({ keyPairId: key.keyPairId, privateKey: key.privateKey }),
    },
    stop: () => edge.stop(),
  };
}

/**
 * The signed-URL query the API hands out for one photo (services/api/src/lib/media-urls.ts): one
 * custom policy over every URL under `<cdn><prefix>/`, valid until `expiresAt` (Unix seconds).
 */
export function signedPrefixQuery(
  cdn: Pick<MediaCdn, 'url' | 'key'>,
  prefix: string,
  expiresAt: number,
): string {
  const resource = `${cdn.url}${prefix}`;
  const policy = JSON.stringify({
    Statement: [{ Resource: `${resource}/*`, Condition: { DateLessThan: { 'AWS:EpochTime': expiresAt } } }],
  });
  const signed = getSignedUrl({
    url: `${resource}/`,
    keyPairId: cdn.key.keyPairId,
    privateKey: cdn.key.privateKey,
    policy,
  });
  return signed.slice(signed.indexOf('?') + 1);
}

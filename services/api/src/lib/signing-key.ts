// The CloudFront key pair media URLs are signed with. Its private key is never in a template or a
// bundle: on AWS it is a Secrets Manager secret, named by CDN_SIGNING_KEY_SECRET and read at run
// time with the function's own role (GetSecretValue on that secret only), kept for
// SIGNING_KEY_TTL_MS so that a rotation reaches every warm container within minutes. Locally there
// is no Secrets Manager emulator: the harness generates a key pair per run and passes it in
// CDN_SIGNING_KEY (README, "Media delivery", lists this compensation).
//
// The secret's value: {"keyPairId": "<CloudFront public key id>", "privateKey": "<PEM>"}. Both move
// together, so a rotation can never pair a key id with the wrong private key.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { instrumentClient } from '@gallery/core/instrumentation';
import { logger } from '@gallery/lambda/logger';

export interface SigningKey {
  keyPairId: string;
  privateKey: string;
}

/** No usable signing key: the deployment is misconfigured or Secrets Manager is unreachable. */
export class SigningKeyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SigningKeyError';
  }
}

/** How long a key read from Secrets Manager is used before it is read again. */
export const SIGNING_KEY_TTL_MS = 5 * 60_000;
/** After a failed read, how long the previous key is kept before trying again. */
export const SIGNING_KEY_RETRY_MS = 30_000;

export function parseSigningKey(text: string | undefined, source: string): SigningKey {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch (err) {
    throw new SigningKeyError(`${source} is not JSON`, { cause: err });
  }
  const { keyPairId, privateKey } = (value ?? {}) as Partial<SigningKey>;
  if (typeof keyPairId !== 'string' || !/^[A-Z0-9]{1,64}$/i.test(keyPairId)) {
    throw new SigningKeyError(`${source} has no keyPairId`);
  }
  if (typeof privateKey !== 'string' || !privateKey.includes('PRIVATE KEY-----')) {
    throw new SigningKeyError(`${source} has no PEM privateKey`);
  }
  return { keyPairId, privateKey };
}

let client: SecretsManagerClient | undefined;

function secretsManager(): SecretsManagerClient {
  client ??= instrumentClient(new SecretsManagerClient({ maxAttempts: 3 }));
  return client;
}

/** The request that reads the key (separate from sending it: its shape is unit-tested). */
export function buildGetSigningKey(secretId: string): GetSecretValueCommand {
  return new GetSecretValueCommand({ SecretId: secretId });
}

export async function readSigningKeySecret(secretId: string, sm = secretsManager()): Promise<SigningKey> {
  const secret = await sm.send(buildGetSigningKey(secretId));
  return parseSigningKey(secret.SecretString, `secret ${secretId}`);
}

/**
 * A key read through `load`, reused for `ttlMs`. Concurrent callers share one read. When a read
 * fails and a key was read before, that key is used `retryMs` longer: an unreachable Secrets
 * Manager does not take every photo URL down with it.
 */
export function signingKeyCache(
  load: () => Promise<SigningKey>,
  options: { ttlMs: number; retryMs: number; onStale?: (err: unknown) => void },
): (now?: number) => Promise<SigningKey> {
  let cached: { key: SigningKey; freshUntil: number } | undefined;
  let pending: Promise<SigningKey> | undefined;
  return async (now = Date.now()) => {
    if (cached && cached.freshUntil > now) return cached.key;
    pending ??= load().finally(() => {
      pending = undefined;
    });
    try {
      const key = await pending;
      cached = { key, freshUntil: now + options.ttlMs };
      return key;
    } catch (err) {
      if (!cached)
        throw err instanceof SigningKeyError
          ? err
          : new SigningKeyError('cannot read the signing key', { cause: err });
      options.onStale?.(err);
      cached.freshUntil = now + options.retryMs;
      return cached.key;
    }
  };
}

let fromSecret: ((now?: number) => Promise<SigningKey>) | undefined;

/**
 * The key to sign with now. CDN_SIGNING_KEY, which only the local stack sets (no template has it),
 * comes first: serverless-offline hands functions the secret's name from serverless.yml too.
 */
export async function signingKey(now = Date.now()): Promise<SigningKey> {
  const local = process.env.CDN_SIGNING_KEY;
  if (local) return parseSigningKey(local, 'CDN_SIGNING_KEY');
  const secretId = process.env.CDN_SIGNING_KEY_SECRET;
  if (!secretId) throw new SigningKeyError('neither CDN_SIGNING_KEY_SECRET nor CDN_SIGNING_KEY is set');
  fromSecret ??= signingKeyCache(() => readSigningKeySecret(secretId), {
    ttlMs: SIGNING_KEY_TTL_MS,
    retryMs: SIGNING_KEY_RETRY_MS,
    onStale: (err) =>
      logger.warn({ message: 'signing key refresh failed; the previous key stays in use', error: err }),
  });
  return fromSecret(now);
}

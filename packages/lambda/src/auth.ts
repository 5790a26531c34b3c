// Bearer token verification for every authenticated route, against the user
// pool's JWKS (cognito-local's locally, Cognito's on AWS).
//
// API Gateway's JWT authorizer already checks tokens on AWS, but
// serverless-offline's cannot check signatures, so handlers verify tokens
// themselves everywhere: the same code, the same guarantees, locally and
// deployed. They also refuse the tokens of a blocked account (one being erased), which no JWT
// authorizer can know about. Claims are always taken from the token we verified, never from
// `requestContext.authorizer` (whose shape differs between AWS and
// serverless-offline, and which is unauthenticated locally).

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { isAccountBlocked } from '@gallery/core/access/account-blocks';
import { UnavailableError } from '@gallery/core/errors';
import { InvalidTokenError } from './errors';
import type { Authenticator, Principal } from './http';

export interface TokenVerifierConfig {
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` on AWS; `http://127.0.0.1:<port>/<poolId>` locally. */
  issuer: string;
  /** The app client id: `aud` of id tokens, `client_id` of access tokens. */
  clientId: string;
  /** Defaults to `<issuer>/.well-known/jwks.json`. */
  jwksUri?: string;
  /** Seconds of clock skew tolerated on `exp`/`iat`. */
  clockToleranceSeconds?: number;
  /** Remember verified tokens (VerifiedTokenCache). Default true; off, every call checks the signature. */
  rememberVerified?: boolean;
}

export interface VerifiedToken {
  principal: Principal;
  tokenUse: 'id' | 'access';
}

const BEARER = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

/** The bearer token of a request, or InvalidTokenError. */
export function bearerToken(headers: Readonly<Record<string, string | undefined>> | undefined): string {
  const value = headers?.authorization ?? headers?.Authorization;
  if (!value) throw new InvalidTokenError(true);
  const match = BEARER.exec(value.trim());
  if (!match?.[1]) throw new InvalidTokenError();
  return match[1];
}

/** Checks the Cognito-specific claims jose does not know about. */
export function principalFromClaims(claims: JWTPayload, clientId: string): VerifiedToken {
  const tokenUse = claims.token_use;
  if (tokenUse === 'id') {
    // Id tokens name the client in `aud`, access tokens in `client_id`, so
    // the audience is checked here rather than by jwtVerify.
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(clientId)) throw new InvalidTokenError();
  } else if (tokenUse === 'access') {
    if (claims.client_id !== clientId) throw new InvalidTokenError();
  } else {
    throw new InvalidTokenError();
  }
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidTokenError();
  // Frozen all the way down (claims hold arrays such as `cognito:groups` and `amr`): a verified
  // result is shared by every request that presents the same token.
  return deepFreeze({ principal: { userId: claims.sub, claims: structuredClone(claims) }, tokenUse });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** How long the JWKS is trusted before it is fetched again; also the longest a verified token is remembered. */
const JWKS_MAX_AGE_MS = 10 * 60_000;

/**
 * Tokens this container has verified, so a caller's next requests skip the signature check
 * (an RSA verification, the largest cost of a warm read route after DynamoDB itself). Keyed by the
 * exact token string: another string, even one character off, is verified from scratch. An entry
 * lasts until the token's `exp` and at most JWKS_MAX_AGE_MS. The keys it was checked against may
 * themselves be up to JWKS_MAX_AGE_MS old, so a warm container honours a token signed by a key
 * removed from the pool for at most twice that (20 min) after the removal, instead of 10 without
 * this cache. (Signing out revokes nothing for a signature check, API Gateway's included; only `exp`
 * ends a token.) Only successes are kept.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { result: VerifiedToken; until: number }>();

  constructor(
    private readonly maxEntries = 1_000,
    private readonly maxAgeMs = JWKS_MAX_AGE_MS,
  ) {}

  get(token: string, now = Date.now()): VerifiedToken | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > now) return entry.result;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAt` is the token's `exp`, in seconds since the epoch. */
  set(token: string, result: VerifiedToken, expiresAt: number, now = Date.now()): void {
    const until = Math.min(expiresAt * 1000, now + this.maxAgeMs);
    if (until <= now) return;
    this.entries.delete(token);
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { result, until });
  }
}

/**
 * Builds a verifier. Keys are fetched once and cached (and refetched, rate
 * limited, when a token names an unknown `kid`, so key rotation just works).
 */
export function createTokenVerifier(config: TokenVerifierConfig): (token: string) => Promise<VerifiedToken> {
  const jwks: JWTVerifyGetKey = createRemoteJWKSet(
    new URL(config.jwksUri ?? `${config.issuer}/.well-known/jwks.json`),
    { timeoutDuration: 3_000, cooldownDuration: 30_000, cacheMaxAge: JWKS_MAX_AGE_MS },
  );
  const verified = config.rememberVerified === false ? undefined : new VerifiedTokenCache();
  return async (token) => {
    const known = verified?.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        algorithms: ['RS256'],
        clockTolerance: config.clockToleranceSeconds ?? 5,
        requiredClaims: ['exp', 'iat', 'sub', 'token_use'],
      }));
    } catch (err) {
      // Not being able to fetch the keys is our outage, not the caller's fault.
      if (err instanceof joseErrors.JWKSTimeout || isNetworkError(err)) {
        throw new UnavailableError('Token keys are unavailable, try again', { cause: err });
      }
      throw new InvalidTokenError(false, { cause: err });
    }
    const result = principalFromClaims(payload, config.clientId);
    // `exp` is a required claim, checked by jwtVerify above.
    verified?.set(token, result, payload.exp as number);
    return result;
  };
}

function isNetworkError(err: unknown): boolean {
  if (err instanceof joseErrors.JOSEError) return false;
  const code =
    (err as { code?: unknown; cause?: { code?: unknown } })?.code ??
    (err as { cause?: { code?: unknown } })?.cause?.code;
  return (
    typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|UND_ERR)/.test(code)
  );
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not configured`);
  return value;
}

let verifier: ((token: string) => Promise<VerifiedToken>) | undefined;

/** `sub` of a token as it claims it, not verified: only used to start the block check early. */
export function claimedSubject(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sub?: unknown;
    };
    return typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies `token`, then refuses it when its account is blocked (being erased: no Cognito token can
 * be revoked for a signature check, so the block is what ends them at once). The block check, one
 * strongly consistent GetItem, starts alongside the signature check for the subject the token
 * claims; its answer is used only when the verified subject is that one.
 */
export async function verifyUnblocked(
  token: string,
  verify: (token: string) => Promise<VerifiedToken>,
  blocked: (userId: string) => Promise<boolean> = isAccountBlocked,
): Promise<VerifiedToken> {
  const claimed = claimedSubject(token);
  const early = claimed === undefined ? undefined : blocked(claimed);
  // Settled here if verification throws first, so a failed lookup is never an unhandled rejection.
  early?.catch(() => undefined);
  const result = await verify(token);
  const userId = result.principal.userId;
  if (await (claimed === userId && early ? early : blocked(userId))) throw new InvalidTokenError();
  return result;
}

/**
 * The authenticator every authenticated route passes to `httpHandler`:
 * configured once per container from JWT_ISSUER and USER_POOL_CLIENT_ID. A token of a blocked
 * account is refused like an invalid one.
 */
export const authenticate: Authenticator = async (event: APIGatewayProxyEventV2) => {
  const token = bearerToken(event.headers);
  verifier ??= createTokenVerifier({
    issuer: requiredEnv('JWT_ISSUER'),
    clientId: requiredEnv('USER_POOL_CLIENT_ID'),
  });
  return (await verifyUnblocked(token, verifier)).principal;
};

// CloudFront's check of a signed URL, for the local edge proxy: what CloudFront does before it
// serves a cache behavior that has trusted key groups. Written from CloudFront's documentation
// ("Create a signed URL using a canned policy / a custom policy"):
// - a canned policy is rebuilt from the URL (minus Expires, Signature, Key-Pair-Id) and Expires;
// - a custom policy travels in `Policy` (base64 with `+=/` swapped for `-_~`), and may name a
//   Resource with `*` and `?` wildcards, DateLessThan (required), DateGreaterThan, IpAddress;
// - `Signature` is RSA over the policy (SHA-1, or SHA-256 with Hash-Algorithm=SHA256), checked
//   with the public key `Key-Pair-Id` names, which must be in the behavior's trusted key groups.
// Signed cookies (CloudFront-Policy etc.) are not checked: the API hands out signed URLs only.
import { BlockList, isIPv6 } from 'node:net';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export const SIGNED_URL_PARAMS = ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'] as const;

/** CloudFront's error codes for a request it refuses before the cache (each is a 403). */
export type SignedUrlErrorCode = 'MissingKey' | 'InvalidKey' | 'MalformedPolicy' | 'AccessDenied';

const MESSAGES: Record<SignedUrlErrorCode, string> = {
  MissingKey: 'Missing Key-Pair-Id query parameter or cookie value',
  InvalidKey: 'Unknown Key',
  MalformedPolicy: 'Malformed Policy',
  AccessDenied: 'Access denied',
};

export type Verification =
  | { ok: true; keyPairId: string; expiresAt: number }
  | { ok: false; code: SignedUrlErrorCode; message: string; why: string };

/** The body CloudFront sends with a refusal. */
export function errorBody(code: SignedUrlErrorCode): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${MESSAGES[code]}</Message></Error>`;
}

export function trustedKeys(publicKeys: Record<string, string | KeyObject>): Map<string, KeyObject> {
  return new Map(
    Object.entries(publicKeys).map(([id, key]) => [id, typeof key === 'string' ? createPublicKey(key) : key]),
  );
}

interface PolicyStatement {
  Resource?: unknown;
  Condition?: {
    DateLessThan?: { 'AWS:EpochTime'?: unknown };
    DateGreaterThan?: { 'AWS:EpochTime'?: unknown };
    IpAddress?: { 'AWS:SourceIp'?: unknown };
  };
}

const refuse = (code: SignedUrlErrorCode, why: string): Verification => ({
  ok: false,
  code,
  message: MESSAGES[code],
  why,
});

/** CloudFront's URL-safe base64 (`+=/` written `-_~`) to bytes; undefined when it is not that. */
function fromCloudFrontBase64(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9~_-]+$/.test(value)) return undefined;
  return Buffer.from(value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}

/** A Resource with `*` (any run of characters) and `?` (one character) wildcards, as a pattern. */
function resourcePattern(resource: string): RegExp {
  const escaped = resource
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}

function epoch(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function inRange(ip: string, cidr: string): boolean {
  const [address, bits] = cidr.split('/');
  if (!address) return false;
  const type = isIPv6(address) ? 'ipv6' : 'ipv4';
  const prefix = bits === undefined ? (type === 'ipv6' ? 128 : 32) : Number(bits);
  const list = new BlockList();
  try {
    list.addSubnet(address, prefix, type);
    return list.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4');
  } catch {
    return false;
  }
}

export interface SignedRequest {
  /** The URL as the viewer asked for it: scheme, host, path and query string, unchanged. */
  url: string;
  clientIp: string;
  /** Unix seconds; default now. */
  now?: number;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Splits a URL into the part a policy covers (without the signing parameters) and those parameters. */
export function splitSignedUrl(url: string): { base: string; params: Map<string, string[]> } {
  const at = url.indexOf('?');
  const params = new Map<string, string[]>();
  if (at < 0) return { base: url, params };
  const own: string[] = [];
  for (const pair of url.slice(at + 1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if ((SIGNED_URL_PARAMS as readonly string[]).includes(name)) {
      params.set(name, [...(params.get(name) ?? []), eq < 0 ? '' : safeDecode(pair.slice(eq + 1))]);
    } else own.push(pair);
  }
  return { base: own.length > 0 ? `${url.slice(0, at)}?${own.join('&')}` : url.slice(0, at), params };
}

/** Whether CloudFront would serve `request` on a behavior trusting `keys`, and if not, why. */
export function verifySignedUrl(request: SignedRequest, keys: Map<string, KeyObject>): Verification {
  const now = request.now ?? Math.floor(Date.now() / 1000);
  const { base, params } = splitSignedUrl(request.url);
  const one = (name: string): string | undefined => {
    const values = params.get(name);
    return values && values.length === 1 ? values[0] : undefined;
  };
  for (const [name, values] of params) {
    if (values.length > 1) return refuse('MalformedPolicy', `${name} given more than once`);
  }
  const keyPairId = one('Key-Pair-Id');
  if (!keyPairId) return refuse('MissingKey', 'no Key-Pair-Id');
  const key = keys.get(keyPairId);
  if (!key) return refuse('InvalidKey', `key ${keyPairId} is not in a trusted key group`);
  const signature =
    one('Signature') === undefined ? undefined : fromCloudFrontBase64(one('Signature') as string);
  if (!signature) return refuse('MalformedPolicy', 'no Signature, or not base64');
  const hash = one('Hash-Algorithm') ?? 'SHA1';
  if (hash !== 'SHA1' && hash !== 'SHA256')
    return refuse('MalformedPolicy', `unknown Hash-Algorithm ${hash}`);

  let policy: string;
  const expires = one('Expires');
  const encodedPolicy = one('Policy');
  if (encodedPolicy !== undefined && expires !== undefined)
    return refuse('MalformedPolicy', 'both Expires and Policy');
  if (encodedPolicy !== undefined) {
    const decoded = fromCloudFrontBase64(encodedPolicy);
    if (!decoded) return refuse('MalformedPolicy', 'Policy is not base64');
    policy = decoded.toString('utf8');
  } else if (expires !== undefined && /^[0-9]{1,12}$/.test(expires)) {
    // The canned policy is not sent: it is rebuilt, so any change to the URL breaks the signature.
    policy = JSON.stringify({
      Statement: [{ Resource: base, Condition: { DateLessThan: { 'AWS:EpochTime': Number(expires) } } }],
    });
  } else {
    return refuse('MalformedPolicy', 'neither a Policy nor a numeric Expires');
  }

  let statements: PolicyStatement[];
  try {
    statements = (JSON.parse(policy) as { Statement?: PolicyStatement[] }).Statement ?? [];
  } catch {
    return refuse('MalformedPolicy', 'Policy is not JSON');
  }
  const statement = statements[0];
  if (statements.length !== 1 || !statement)
    return refuse('MalformedPolicy', 'a policy has exactly one statement');
  const until = epoch(statement.Condition?.DateLessThan?.['AWS:EpochTime']);
  if (until === undefined) return refuse('MalformedPolicy', 'no DateLessThan');

  if (!verify(hash === 'SHA1' ? 'sha1' : 'sha256', Buffer.from(policy, 'utf8'), key, signature)) {
    return refuse('AccessDenied', 'the signature does not match the policy');
  }
  if (now >= until) return refuse('AccessDenied', `expired at ${until}`);
  const from = statement.Condition?.DateGreaterThan?.['AWS:EpochTime'];
  if (from !== undefined && (epoch(from) === undefined || now < (from as number))) {
    return refuse('AccessDenied', `not valid before ${String(from)}`);
  }
  const sourceIp = statement.Condition?.IpAddress?.['AWS:SourceIp'];
  if (sourceIp !== undefined && (typeof sourceIp !== 'string' || !inRange(request.clientIp, sourceIp))) {
    return refuse('AccessDenied', `${request.clientIp} is not in ${String(sourceIp)}`);
  }
  // Without a Resource a custom policy covers every object the key may sign for.
  if (statement.Resource !== undefined) {
    if (typeof statement.Resource !== 'string') return refuse('MalformedPolicy', 'Resource is not a string');
    if (!resourcePattern(statement.Resource).test(base)) {
      return refuse('AccessDenied', `${base} is not covered by ${statement.Resource}`);
    }
  }
  return { ok: true, keyPairId, expiresAt: until };
}

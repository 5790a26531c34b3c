// What never reaches a log line: credentials (passwords, tokens, codes, signatures) and personal
// data (email addresses). Applied by the logger to every value it serialises, the message and
// error messages and stacks included, so a mistake in a call site, an error that quotes its input or
// a logged event cannot leak them.
//
// Two rules: a field whose name says it holds a secret is replaced whole, whatever its value (a
// `code` only when it is a one-time code: digits); and inside any string, what has the shape of a JWT, an email address, a bearer credential or a
// presigned URL's signature is replaced where it stands.

export const REDACTED = '[redacted]';

/** Field names (compared without case, `-` and `_`) whose values are never written. */
const SECRET_FIELDS = new Set(
  [
    'password',
    'newPassword',
    'previousPassword',
    'proposedPassword',
    'token',
    'idToken',
    'accessToken',
    'refreshToken',
    'sessionToken',
    'session',
    'authorization',
    'cookie',
    'confirmationCode',
    'codeParameter',
    'email',
    'secret',
    'cursorSecret',
    'clientSecret',
    'privateKey',
    'signature',
    'xAmzSignature',
    'xAmzCredential',
    'xAmzSecurityToken',
    'awsSecretAccessKey',
    'awsSessionToken',
  ].map(normaliseField),
);

function normaliseField(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/** True for a field name whose value is a secret, e.g. `password`, `idToken`, `X-Amz-Signature`. */
export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(normaliseField(name.slice(name.lastIndexOf(':') + 1)));
}

const PATTERNS: readonly [RegExp, string][] = [
  // A JWS compact serialisation: base64url header starting `{"` (eyJ), payload, signature.
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted jwt]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  // The top-level domain is letters, so `package@1.2.3` in a stack trace is not an address.
  [/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b/g, '[redacted email]'],
  // Presigned URLs: the signature and the temporary credentials in their query string.
  [/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"]+/gi, '$1[redacted]'],
];

/** `text` with every secret-shaped part replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A `code` field holds a secret when it is a one-time code (Cognito's are digits); the SDK's errors
 * name their error code `Code` (NoSuchBucket...), which stays.
 */
function isOneTimeCode(key: string, value: unknown): boolean {
  return normaliseField(key) === 'code' && /^\s*\d{4,10}\s*$/.test(String(value));
}

/** A JSON.stringify replacer (Powertools Logger's `jsonReplacerFn`) applying both rules. */
export function redact(key: string, value: unknown): unknown {
  if (key !== '' && isSecretField(key) && value !== undefined && value !== null) return REDACTED;
  if (isOneTimeCode(key, value)) return REDACTED;
  if (typeof value === 'string') return redactText(value);
  return value;
}

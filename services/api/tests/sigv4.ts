// AWS Signature Version 4 for S3 requests signed in the Authorization header, written from AWS's
// documented algorithm with node:crypto alone: the tests check the API's signed requests against it,
// since s3rver accepts any signature.
import { createHash, createHmac } from 'node:crypto';

/** A key as S3's canonical URI has it: each segment RFC 3986-encoded once, slashes kept. */
export function s3KeyPath(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

export interface SignedRequest {
  method: string;
  /** Path and query as sent, e.g. `/bucket/key?x-id=DeleteObject`. */
  url: string;
  /** Lower-case names, as a server receives them; must include host and authorization. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** The Authorization header a request with these headers must carry, signed with `secret`. */
export function expectedAuthorization(request: SignedRequest, secret: string): string {
  const authorization = String(request.headers.authorization ?? '');
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/.exec(
      authorization,
    );
  if (!match) return `malformed: ${authorization}`;
  const [, accessKeyId, date, region, signedHeaderList] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const signed = signedHeaderList.split(';');
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const [path = '', search = ''] = request.url.split('?');
  const query = search
    .split('&')
    .filter(Boolean)
    .map((pair) =>
      pair
        .split('=')
        .map((part) => encodeURIComponent(decodeURIComponent(part)))
        .join('='),
    )
    .sort()
    .join('&');
  const canonical = [
    request.method,
    path,
    query,
    signed.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join(''),
    signedHeaderList,
    String(request.headers['x-amz-content-sha256'] ?? ''),
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  const key = [region, 's3', 'aws4_request'].reduce(hmac, hmac(`AWS4${secret}`, date));
  const signature = hmac(key, toSign).toString('hex');
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaderList}, Signature=${signature}`;
}

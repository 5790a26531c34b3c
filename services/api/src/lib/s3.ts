// The media bucket as the API sees it: presigned uploads and downloads, and signed deletes
// (media-objects.ts). The API never proxies image bytes.
//
// Uploads are presigned PUTs rather than presigned POSTs: the declared type and size become signed
// headers (content-type, content-length), so S3 refuses any other body, the client sends a plain
// PUT with the headers we return (no multipart form to build), and one presigner (this one)
// serves both uploads and thumbnail downloads.
//
// Signing is SigV4 over a request built here, not `getSignedUrl` over an S3Client: the client
// (its operations, XML protocol, checksums) was ~150 KB of every photo function's bundle for a
// computation that needs none of it. s3.test.ts checks the URLs are the ones `getSignedUrl` gives.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { formatUrl } from '@aws-sdk/core/util';
import { Sha256 } from '@smithy/core/checksum';
import { extendedEncodeURIComponent, HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { bucketName, s3Region } from '@gallery/lambda/s3';

/** Upload URLs live for minutes: long enough to start a 25 MiB upload, short enough to be useless later. */
export const UPLOAD_URL_TTL_SECONDS = 5 * 60;
/** Thumbnail URLs outlive a page view; see downloadUrl for how long one is handed out. */
export const DOWNLOAD_URL_TTL_SECONDS = 60 * 60;

export interface PresignedUpload {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

/** A PUT for exactly `size` bytes of `contentType` to `key`, signed for UPLOAD_URL_TTL_SECONDS. */
export async function presignUpload(
  input: { key: string; contentType: string; size: number },
  now = new Date(),
): Promise<PresignedUpload> {
  const headers = { 'content-type': input.contentType, 'content-length': String(input.size) };
  const bound = new Set(Object.keys(headers));
  // A copy: signing adds host and payload headers the client must not be told to send.
  const url = await presign(objectRequest('PUT', input.key, { ...headers }), {
    expiresIn: UPLOAD_URL_TTL_SECONDS,
    signingDate: now,
    // Signed, and kept as headers (not hoisted into the query string): S3 then checks the
    // request's own Content-Type and Content-Length against the signature.
    signableHeaders: bound,
    unhoistableHeaders: bound,
  });
  return {
    url,
    method: 'PUT',
    headers,
    expiresAt: new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000).toISOString(),
  };
}

/** How many signed download URLs a warm container keeps for reuse. */
export const DOWNLOAD_URL_CACHE_SIZE = 2_000;
const downloadUrls = new Map<string, { url: string; reuseUntil: number }>();

/**
 * A presigned GET for `key`: thumbnails of private photos must not be reachable by a plain URL.
 * A signed URL is reused while at least half its life remains: signing costs ~0.3 ms a URL (the
 * largest cost of listing photos), and a stable URL lets browsers cache the thumbnail. Callers
 * authorise before asking, so reuse widens no one's access.
 */
export async function downloadUrl(key: string, now = Date.now()): Promise<string> {
  const cached = downloadUrls.get(key);
  if (cached && cached.reuseUntil > now) return cached.url;
  const url = await presign(objectRequest('GET', key, {}), {
    expiresIn: DOWNLOAD_URL_TTL_SECONDS,
    signingDate: new Date(now),
  });
  downloadUrls.delete(key);
  // Oldest first out: a Map iterates in insertion order.
  if (downloadUrls.size >= DOWNLOAD_URL_CACHE_SIZE)
    downloadUrls.delete(downloadUrls.keys().next().value as string);
  downloadUrls.set(key, { url, reuseUntil: now + (DOWNLOAD_URL_TTL_SECONDS * 1000) / 2 });
  return url;
}

const OPERATIONS = { GET: 'GetObject', PUT: 'PutObject', DELETE: 'DeleteObject' } as const;

/**
 * The request the S3 client would send for `key`, addressed as its endpoint rules address it:
 * - against a local endpoint (S3_ENDPOINT), path-style under that endpoint: s3rver answers only
 *   path-style;
 * - on AWS, virtual-hosted (`bucket.s3.region.amazonaws.com`) when the bucket name can be a DNS
 *   label, path-style (`s3.region.amazonaws.com/bucket`) when it cannot: a dotted name
 *   (`--param bucketName=media.example.com`) would not match S3's wildcard TLS certificate;
 * - FIPS and dual-stack endpoints when the runtime asks for them (AWS_USE_FIPS_ENDPOINT,
 *   AWS_USE_DUALSTACK_ENDPOINT set to `true`), and the partition's domain (China, EU sovereign).
 * s3.test.ts compares each case with `getSignedUrl`. Not covered: the isolated (ISO) partitions,
 * and endpoints set through AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_S3 (set S3_ENDPOINT instead).
 */
function objectRequest(
  method: 'GET' | 'PUT' | 'DELETE',
  key: string,
  headers: Record<string, string>,
): HttpRequest {
  const bucket = bucketName();
  // The operation marker the SDK adds; signed like the rest, so the URLs match the SDK's own.
  const query = { 'x-id': OPERATIONS[method] };
  const path = '/' + key.split('/').map(extendedEncodeURIComponent).join('/');
  const local = process.env.S3_ENDPOINT;
  if (local) {
    const endpoint = new URL(local);
    return new HttpRequest({
      method,
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path: `${endpoint.pathname.replace(/\/+$/, '')}/${bucket}${path}`,
      query,
      headers,
    });
  }
  const host = awsS3Host();
  const virtualHosted = isDnsLabel(bucket);
  return new HttpRequest({
    method,
    protocol: 'https:',
    hostname: virtualHosted ? `${bucket}.${host}` : host,
    path: virtualHosted ? path : `/${bucket}${path}`,
    query,
    headers,
  });
}

/** S3's regional host name for this function's region and endpoint variant. */
function awsS3Host(): string {
  const region = s3Region();
  const fips = envFlag('AWS_USE_FIPS_ENDPOINT') ? '-fips' : '';
  const dualstack = envFlag('AWS_USE_DUALSTACK_ENDPOINT') ? '.dualstack' : '';
  const domain = region.startsWith('cn-')
    ? 'amazonaws.com.cn'
    : region.startsWith('eusc-')
      ? 'amazonaws.eu'
      : 'amazonaws.com';
  return `s3${fips}${dualstack}.${region}.${domain}`;
}

/** The SDK's reading of these settings: exactly `true`. */
function envFlag(name: string): boolean {
  return process.env[name] === 'true';
}

/** A bucket name usable as one host label: S3's rule for https, where a dot would break TLS. */
function isDnsLabel(bucket: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket);
}

// One signer per process; a new one only if the region changes (never in Lambda; in tests it does).
let cached: { region: string; signer: SignatureV4 } | undefined;

/** What S3's own signer does: unsigned payload, no path re-escaping, host signed. */
function signer(): SignatureV4 {
  const region = s3Region();
  if (cached?.region !== region) {
    const signer = new SignatureV4({
      service: 's3',
      region,
      credentials: defaultProvider(),
      sha256: Sha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
    cached = { region, signer };
  }
  return cached.signer;
}

function withSigningHeaders(request: HttpRequest): HttpRequest {
  request.headers['X-Amz-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
  request.headers.host = request.port ? `${request.hostname}:${request.port}` : request.hostname;
  return request;
}

/** A presigned URL, as S3RequestPresigner makes them. */
async function presign(
  request: HttpRequest,
  options: {
    expiresIn: number;
    signingDate: Date;
    signableHeaders?: Set<string>;
    unhoistableHeaders?: Set<string>;
  },
): Promise<string> {
  return formatUrl(await signer().presign(withSigningHeaders(request), options));
}

/**
 * A DeleteObject request for `key`, signed in its Authorization header, to send with fetch (see
 * media-objects.ts). S3 answers 204 whether or not the object existed.
 */
export async function signedDeleteRequest(
  key: string,
): Promise<{ url: string; headers: Record<string, string> }> {
  const signed = await signer().sign(withSigningHeaders(objectRequest('DELETE', key, {})));
  // fetch sets Host itself, from the URL the signature was computed for.
  const { host: _host, ...headers } = signed.headers;
  return { url: formatUrl(signed), headers };
}

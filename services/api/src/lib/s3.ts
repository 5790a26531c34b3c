// The media bucket as the API sees it: presigned uploads and downloads. The API never proxies image
// bytes, and never deletes objects (a deleted photo's objects go with the scheduler's purge job).
//
// Uploads are presigned PUTs rather than presigned POSTs: the declared type and size become signed
// headers (content-type, content-length), so S3 refuses any other body, the client sends a plain
// PUT with the headers we return (no multipart form to build), and one presigner (this one)
// serves both uploads and thumbnail downloads.
//
// Signing is the SDK's presigner over the process-wide S3Client (@gallery/lambda/s3: path-style and
// checksums only when required locally, as s3rver needs): no request is sent.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketName, s3Client } from '@gallery/lambda/s3';

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
  const command = new PutObjectCommand({
    Bucket: bucketName(),
    Key: input.key,
    ContentType: input.contentType,
    ContentLength: input.size,
  });
  const url = await getSignedUrl(s3Client(), command, {
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
 * A signed URL is reused while at least half its life remains: signing is the largest CPU cost of
 * listing photos (docs/performance.md), and a stable URL lets browsers cache the thumbnail. Callers
 * authorise before asking, so reuse widens no one's access.
 */
export async function downloadUrl(key: string, now = Date.now()): Promise<string> {
  const cached = downloadUrls.get(key);
  if (cached && cached.reuseUntil > now) return cached.url;
  const url = await getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: bucketName(), Key: key }), {
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

/** Export archives are handed out for minutes: GET the export again for a fresh URL. */
export const EXPORT_URL_TTL_SECONDS = 5 * 60;

/** A presigned GET of an export archive, for its owner only (the caller checked), never cached. */
export async function exportDownloadUrl(
  key: string,
  now = new Date(),
): Promise<{ url: string; expiresAt: string }> {
  const url = await getSignedUrl(
    s3Client(),
    new GetObjectCommand({
      Bucket: bucketName(),
      Key: key,
      ResponseContentDisposition: 'attachment; filename="gallery-export.zip"',
    }),
    { expiresIn: EXPORT_URL_TTL_SECONDS, signingDate: now },
  );
  return { url, expiresAt: new Date(now.getTime() + EXPORT_URL_TTL_SECONDS * 1000).toISOString() };
}

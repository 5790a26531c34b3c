// The media bucket as the API sees it: presigned uploads. The API never proxies image bytes, never
// deletes objects (a deleted photo's objects go with the scheduler's purge job), and never hands
// out S3 URLs for photos: those are CloudFront signed URLs (media-urls.ts). The one S3 URL it hands
// out is a data export's archive, to its owner, for minutes (exportDownloadUrl).
//
// Uploads are presigned PUTs rather than presigned POSTs: the declared type and size become signed
// headers (content-type, content-length), so S3 refuses any other body, the client sends a plain
// PUT with the headers we return (no multipart form to build).
//
// Signing is the SDK's presigner over the process-wide S3Client (@gallery/lambda/s3: path-style and
// checksums only when required locally, as s3rver needs): no request is sent.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketName, s3Client } from '@gallery/lambda/s3';

/** Upload URLs live for minutes: long enough to start a 25 MiB upload, short enough to be useless later. */
export const UPLOAD_URL_TTL_SECONDS = 5 * 60;

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

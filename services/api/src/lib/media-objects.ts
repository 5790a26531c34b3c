// Removing a deleted photo's objects from the media bucket: the one place the API needs an S3
// client (only delete-photo bundles it).
import { DeleteObjectsCommand } from '@aws-sdk/client-s3';
import { bucketName, s3Client } from '@gallery/lambda/s3';

/** Deletes `keys` in one request; returns the keys S3 reported it could not delete. */
export async function deleteObjects(keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const out = await s3Client().send(
    new DeleteObjectsCommand({
      Bucket: bucketName(),
      Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
    }),
  );
  return (out.Errors ?? []).map((e) => e.Key ?? '');
}

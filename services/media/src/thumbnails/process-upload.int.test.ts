// A thumbnail run that dies half-way (one rendition cannot be stored) must leave the photo
// retryable: still `pending`, with no renditions recorded, and a redelivery finishes the job. The
// fault is injected into a real S3 client talking to the harness's s3rver, by a middleware that
// refuses one PutObject, so everything else crosses the network for real.
import { randomBytes } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createAlbum } from '@gallery/core/access/albums';
import { addPhoto, getPhoto } from '@gallery/core/access/photos';
import { registerUser } from '@gallery/core/access/users';
import { createS3Client } from '@gallery/lambda/s3';
import { jpegWithOrientation } from '@gallery/images/testing/fixtures';
import { processUpload } from './process-upload';

const bucket = (): string => {
  const name = process.env.BUCKET_NAME;
  if (!name) throw new Error('BUCKET_NAME is not set (run as an integration test)');
  return name;
};

/** A client whose PutObject of keys ending in `suffix` fails once, like a network fault would. */
function clientFailingOnce(suffix: string): { client: S3Client; failures: () => number } {
  const client = createS3Client();
  let failed = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Key?: string; Body?: unknown };
      if (failed === 0 && input.Body !== undefined && input.Key?.endsWith(suffix)) {
        failed += 1;
        throw Object.assign(new Error('injected: connection reset while storing a rendition'), {
          name: 'InjectedFault',
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectRenditionFault' },
  );
  return { client, failures: () => failed };
}

async function pendingUpload() {
  const userId = randomBytes(8).toString('hex');
  await registerUser({
    userId,
    email: `${userId}@example.com`,
    handle: `m_${userId}`,
    displayName: 'Media fault',
  });
  const album = await createAlbum({ ownerId: userId, title: 'Faults', visibility: 'private' });
  const bytes = await jpegWithOrientation(800, 600);
  const photo = await addPhoto({
    albumId: album.albumId,
    ownerId: userId,
    contentType: 'image/jpeg',
    size: bytes.length,
  });
  const s3 = createS3Client();
  await s3.send(new PutObjectCommand({ Bucket: bucket(), Key: photo.objectKey, Body: bytes }));
  s3.destroy();
  return photo;
}

describe('a thumbnail run that fails mid-way', () => {
  it('leaves the photo pending with no renditions, and a redelivery makes it ready', async () => {
    const photo = await pendingUpload();
    const faulty = clientFailingOnce('/medium.webp');

    await expect(
      processUpload({ s3: faulty.client, bucket: bucket(), key: photo.objectKey }),
    ).rejects.toThrow('injected');
    expect(faulty.failures()).toBe(1);
    const afterFault = await getPhoto(photo.photoId);
    expect(afterFault.status).toBe('pending');
    expect(afterFault.renditions).toBeUndefined();

    // Lambda's retry of the same event, this time with S3 healthy.
    const outcome = await processUpload({ s3: faulty.client, bucket: bucket(), key: photo.objectKey });
    expect(outcome).toMatchObject({ outcome: 'ready', photoId: photo.photoId });
    const ready = await getPhoto(photo.photoId);
    expect(ready.status).toBe('ready');
    expect(ready.renditions?.map((r) => r.name).sort()).toEqual(['medium', 'thumb']);
    for (const rendition of ready.renditions ?? []) {
      const head = await faulty.client.send(new HeadObjectCommand({ Bucket: bucket(), Key: rendition.key }));
      expect(head.ContentLength).toBe(rendition.bytes);
    }
    faulty.client.destroy();
  });
});

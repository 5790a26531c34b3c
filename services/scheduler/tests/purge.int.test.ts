import { addComment, listPhotoComments } from '@gallery/core/access/comments';
import { likePhoto, listLikedPhotos } from '@gallery/core/access/likes';
import { listPhotoPurges } from '@gallery/core/access/photo-purges';
import { reapPendingPhoto } from '@gallery/core/access/reap';
import { deletePhoto, type Photo } from '@gallery/core/access/photos';
import { entities } from '@gallery/core/entities/service';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { docClient } from '@gallery/core/client';
import { s3Client } from '@gallery/lambda/s3';
import { purgeDeletedPhotos, type PurgeOptions } from '../src/jobs/purge-deleted-photos';
import { createBudget } from '../src/lib/budget';
import {
  listKeys,
  noLimit,
  putObject,
  seedPendingPhoto,
  seedUserWithAlbum,
  uniqueUserId,
  useOwnTableAndBucket,
} from './int-env';

const { bucketName } = useOwnTableAndBucket('purge');

/** A run against this file's bucket, through the services' own S3 client. */
function purge(options: Omit<PurgeOptions, 's3' | 'bucket'>) {
  return purgeDeletedPhotos({ s3: s3Client(), bucket: bucketName, ...options });
}

/**
 * What a photo's partition holds, read with the entities the API writes through (not the purge's
 * own query), strongly consistent: the photo row, its comments and its likes.
 */
async function partitionOf(photoId: string): Promise<unknown[]> {
  const { photos, comments, likes } = entities();
  const read = { consistent: true, pages: 'all' } as const;
  const [photo, commentItems, likeItems] = await Promise.all([
    photos.get({ photoId }).go({ consistent: true }),
    comments.query.byPhoto({ photoId }).go(read),
    likes.query.byPhoto({ photoId }).go(read),
  ]);
  return [...(photo.data ? [photo.data] : []), ...commentItems.data, ...likeItems.data];
}

async function likedPhotoIds(userId: string): Promise<string[]> {
  return (await listLikedPhotos(userId, { limit: 100 })).items.map((like) => like.photoId);
}

/** The likes index (gsi1) is eventually consistent, on DynamoDB Local too within a few ms. */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('purgeDeletedPhotos against DynamoDB Local and s3rver', () => {
  let owner: string;
  let albumId: string;
  let deleted: Photo;
  let kept: Photo;
  const likers = [uniqueUserId(), uniqueUserId()];
  let keptCommentId: string;

  beforeAll(async () => {
    const seeded = await seedUserWithAlbum();
    owner = seeded.userId;
    albumId = seeded.album.albumId;
    deleted = await seedPendingPhoto(albumId, owner, new Date());
    kept = await seedPendingPhoto(albumId, owner, new Date());
    await addComment({ photoId: deleted.photoId, authorId: likers[0]!, photoOwnerId: owner, body: 'one' });
    await addComment({ photoId: deleted.photoId, authorId: likers[0]!, photoOwnerId: owner, body: 'two' });
    await addComment({ photoId: deleted.photoId, authorId: likers[1]!, photoOwnerId: owner, body: 'three' });
    await likePhoto({ photoId: deleted.photoId, userId: likers[0]!, photoOwnerId: owner });
    await likePhoto({ photoId: deleted.photoId, userId: likers[1]!, photoOwnerId: owner });
    await likePhoto({ photoId: kept.photoId, userId: likers[0]!, photoOwnerId: owner });
    keptCommentId = (
      await addComment({ photoId: kept.photoId, authorId: likers[1]!, photoOwnerId: owner, body: 'stays' })
    ).commentId;
    for (const photo of [deleted, kept]) {
      await putObject(photo.objectKey);
      await putObject(`thumbnails/${owner}/${photo.photoId}/thumb.webp`);
      await putObject(`thumbnails/${owner}/${photo.photoId}/medium.webp`);
    }
  });

  it('deleting a photo queues it; the job removes its comments, likes and objects, and nothing else', async () => {
    expect(await partitionOf(deleted.photoId)).toHaveLength(1 + 3 + 2);
    await eventually(async () => expect(await likedPhotoIds(likers[1]!)).toEqual([deleted.photoId]));

    await deletePhoto({ photoId: deleted.photoId, albumId, ownerId: owner });
    // Same transaction as the deletion: queued, and the comments and likes still there.
    expect((await listPhotoPurges()).items.map((entry) => entry.photoId)).toEqual([deleted.photoId]);
    expect(await partitionOf(deleted.photoId)).toHaveLength(3 + 2);
    // The request path deletes no object.
    expect(await listKeys(`thumbnails/${owner}/${deleted.photoId}/`)).toHaveLength(2);

    const progress: number[] = [];
    const summary = await purge({
      budget: noLimit(),
      // Small pages: the walk over a photo's partition takes several Query pages.
      leftoverPageSize: 2,
      onProgress: (p) => progress.push(p.changed),
    });

    expect(summary).toMatchObject({
      job: 'purgeDeletedPhotos',
      examined: 1,
      changed: 5,
      failed: 0,
      photosPurged: 1,
      objectKeysDeleted: 3,
      stoppedBy: 'done',
    });
    expect(progress.at(-1)).toBe(5);
    expect(await listKeys()).toEqual(
      [
        kept.objectKey,
        `thumbnails/${owner}/${kept.photoId}/medium.webp`,
        `thumbnails/${owner}/${kept.photoId}/thumb.webp`,
      ].sort(),
    );
    expect(await partitionOf(deleted.photoId)).toEqual([]);
    expect((await listPhotoComments(deleted.photoId)).items).toEqual([]);
    await eventually(async () => {
      expect(await likedPhotoIds(likers[0]!)).toEqual([kept.photoId]);
      expect(await likedPhotoIds(likers[1]!)).toEqual([]);
    });
    expect((await listPhotoComments(kept.photoId)).items.map((c) => c.commentId)).toEqual([keptCommentId]);
    expect(await partitionOf(kept.photoId)).toHaveLength(1 + 1 + 1);
    expect((await listPhotoPurges()).items).toEqual([]);
  });

  it('a second run changes nothing', async () => {
    const objects = await listKeys();
    const summary = await purge({ budget: noLimit() });
    expect(summary).toMatchObject({ examined: 0, changed: 0, failed: 0, photosPurged: 0, stoppedBy: 'done' });
    expect(await listKeys()).toEqual(objects);
    expect(await partitionOf(kept.photoId)).toHaveLength(3);
  });

  it('a reaped upload is queued too, and a run out of time leaves it queued for the next', async () => {
    const pending = await seedPendingPhoto(albumId, owner, new Date());
    await addComment({ photoId: pending.photoId, authorId: likers[0]!, photoOwnerId: owner, body: 'early' });
    expect(await reapPendingPhoto(pending)).toBe('reaped');
    expect((await listPhotoPurges()).items.map((entry) => entry.photoId)).toEqual([pending.photoId]);

    const spent = await purge({ budget: createBudget({ maxMs: 0 }) });
    expect(spent).toMatchObject({ examined: 0, changed: 0, stoppedBy: 'budget' });
    expect(await partitionOf(pending.photoId)).toHaveLength(1);
    expect((await listPhotoPurges()).items).toHaveLength(1);

    const summary = await purge({ budget: noLimit() });
    expect(summary).toMatchObject({ examined: 1, changed: 1, photosPurged: 1, stoppedBy: 'done' });
    expect(await partitionOf(pending.photoId)).toEqual([]);
    expect((await listPhotoPurges()).items).toEqual([]);
  });

  it('keeps a photo queued while its bucket cannot be reached, and purges it on the next run', async () => {
    const photo = await seedPendingPhoto(albumId, owner, new Date());
    await putObject(photo.objectKey);
    await deletePhoto({ photoId: photo.photoId, albumId, ownerId: owner });
    // Nothing listens on port 9: the SDK's connection fails, as to an unreachable endpoint.
    const unreachable = new S3Client({
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      region: 'us-east-1',
      maxAttempts: 1,
    });
    const failed = await purgeDeletedPhotos({ s3: unreachable, bucket: bucketName, budget: noLimit() });
    expect(failed).toMatchObject({ examined: 1, failed: 1, photosPurged: 0, stoppedBy: 'done' });
    expect((await listPhotoPurges()).items.map((entry) => entry.photoId)).toEqual([photo.photoId]);
    expect(await listKeys('uploads/')).toContain(photo.objectKey);

    const summary = await purge({ budget: noLimit() });
    expect(summary).toMatchObject({ examined: 1, failed: 0, photosPurged: 1, stoppedBy: 'done' });
    expect(await listKeys('uploads/')).not.toContain(photo.objectKey);
    expect((await listPhotoPurges()).items).toEqual([]);
  });

  it('purges an entry queued without its owner (before objects were purged here) from the table only', async () => {
    const photo = await seedPendingPhoto(albumId, owner, new Date());
    await putObject(photo.objectKey);
    await deletePhoto({ photoId: photo.photoId, albumId, ownerId: owner });
    // The entry as the earlier deletion wrote it: no owner, so no object prefix.
    await docClient().send(
      new PutCommand({
        TableName: process.env.TABLE_NAME,
        Item: {
          pk: '$maintenance#photo-purge',
          sk: photo.photoId,
          photoId: photo.photoId,
          requestedAt: 'then',
        },
      }),
    );
    const summary = await purge({ budget: noLimit() });
    expect(summary).toMatchObject({ examined: 1, photosPurged: 1, objectKeysDeleted: 0, stoppedBy: 'done' });
    // Left for the orphan sweep, which finds no photo row for it.
    expect(await listKeys('uploads/')).toContain(photo.objectKey);
  });
});

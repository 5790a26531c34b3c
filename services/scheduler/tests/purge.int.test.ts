import { addComment, listPhotoComments } from '@gallery/core/access/comments';
import { likePhoto, listLikedPhotos } from '@gallery/core/access/likes';
import { listPhotoPurges, reapPendingPhoto } from '@gallery/core/access/maintenance';
import { deletePhoto, type Photo } from '@gallery/core/access/photos';
import { entities } from '@gallery/core/entities/service';
import { purgeDeletedPhotos } from '../src/jobs/purge-deleted-photos';
import { createBudget } from '../src/lib/budget';
import { noLimit, seedPendingPhoto, seedUserWithAlbum, uniqueUserId, useOwnTableAndBucket } from './int-env';

useOwnTableAndBucket('purge');

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

describe('purgeDeletedPhotos against DynamoDB Local', () => {
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
  });

  it('deleting a photo queues it; the job removes its comments and likes, and nothing else', async () => {
    expect(await partitionOf(deleted.photoId)).toHaveLength(1 + 3 + 2);
    await eventually(async () => expect(await likedPhotoIds(likers[1]!)).toEqual([deleted.photoId]));

    await deletePhoto({ photoId: deleted.photoId, albumId, ownerId: owner });
    // Same transaction as the deletion: queued, and the comments and likes still there.
    expect((await listPhotoPurges()).items.map((entry) => entry.photoId)).toEqual([deleted.photoId]);
    expect(await partitionOf(deleted.photoId)).toHaveLength(3 + 2);

    const progress: number[] = [];
    const summary = await purgeDeletedPhotos({
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
      stoppedBy: 'done',
    });
    expect(progress.at(-1)).toBe(5);
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
    const summary = await purgeDeletedPhotos({ budget: noLimit() });
    expect(summary).toMatchObject({ examined: 0, changed: 0, failed: 0, photosPurged: 0, stoppedBy: 'done' });
    expect(await partitionOf(kept.photoId)).toHaveLength(3);
  });

  it('a reaped upload is queued too, and a run out of time leaves it queued for the next', async () => {
    const pending = await seedPendingPhoto(albumId, owner, new Date());
    await addComment({ photoId: pending.photoId, authorId: likers[0]!, photoOwnerId: owner, body: 'early' });
    expect(await reapPendingPhoto(pending)).toBe('reaped');
    expect((await listPhotoPurges()).items.map((entry) => entry.photoId)).toEqual([pending.photoId]);

    const spent = await purgeDeletedPhotos({ budget: createBudget({ maxMs: 0 }) });
    expect(spent).toMatchObject({ examined: 0, changed: 0, stoppedBy: 'budget' });
    expect(await partitionOf(pending.photoId)).toHaveLength(1);
    expect((await listPhotoPurges()).items).toHaveLength(1);

    const summary = await purgeDeletedPhotos({ budget: noLimit() });
    expect(summary).toMatchObject({ examined: 1, changed: 1, photosPurged: 1, stoppedBy: 'done' });
    expect(await partitionOf(pending.photoId)).toEqual([]);
    expect((await listPhotoPurges()).items).toEqual([]);
  });
});

import { createAlbum, getAlbum } from '@gallery/core/access/albums';
import { likePhoto } from '@gallery/core/access/likes';
import { getCounter, setCounter, type CounterTarget } from '@gallery/core/access/counters';
import { listCounterRepairs } from '@gallery/core/access/counter-repairs';
import { getPhoto, markPhotoReady } from '@gallery/core/access/photos';
import { getUser } from '@gallery/core/access/users';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { docClient } from '@gallery/core/client';
import { entities } from '@gallery/core/entities/service';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { handler } from '../src/functions/repairCounters/handler';
import { repairCounters } from '../src/jobs/repair-counters';
import { noLimit, seedPendingPhoto, seedUserWithAlbum, uniqueUserId, useOwnTableAndBucket } from './int-env';

const table = useOwnTableAndBucket('repair', { streams: true });

const rendition = {
  name: 'thumb',
  key: 'thumbnails/x',
  width: 1,
  height: 1,
  contentType: 'image/webp',
  bytes: 1,
};

/** Overwrites a counter with no regard for the items it counts: the drift the job exists for. */
async function corrupt(target: CounterTarget, value: number): Promise<void> {
  const e = entities();
  if (target.kind === 'user') await e.users.patch({ userId: target.id }).set({ albumCount: value }).go();
  if (target.kind === 'album') await e.albums.patch({ albumId: target.id }).set({ photoCount: value }).go();
  if (target.kind === 'photo') await e.photos.patch({ photoId: target.id }).set({ likeCount: value }).go();
}

describe('repairCounters against DynamoDB Local', () => {
  let userId: string;
  let albumIds: string[];
  let photoIds: string[];

  beforeAll(async () => {
    const seeded = await seedUserWithAlbum();
    userId = seeded.userId;
    const second = await createAlbum({ ownerId: userId, title: 'Second', visibility: 'public' });
    albumIds = [seeded.album.albumId, second.albumId];
    const photos = [
      await seedPendingPhoto(albumIds[0]!, userId, new Date()),
      await seedPendingPhoto(albumIds[0]!, userId, new Date()),
      await seedPendingPhoto(albumIds[1]!, userId, new Date()),
    ];
    photoIds = photos.map((p) => p.photoId);
    for (const fan of ['fan-a', 'fan-b', 'fan-c']) {
      await likePhoto({ photoId: photoIds[0]!, userId: fan, photoOwnerId: userId });
    }
    await likePhoto({ photoId: photoIds[2]!, userId: 'fan-a', photoOwnerId: userId });
    // Counted from the stream: the counters are right before the test corrupts some of them.
    await table.streamsSettled();
  });

  it('restores deliberately corrupted counters from the items, and only those', async () => {
    await corrupt({ kind: 'user', id: userId }, 7);
    await corrupt({ kind: 'album', id: albumIds[0]! }, 0);
    await corrupt({ kind: 'photo', id: photoIds[0]! }, 11);
    const progress: number[] = [];

    const summary = await repairCounters({
      targets: [{ kind: 'user', id: userId }],
      deep: true,
      settleSeconds: 0,
      pageSize: 2,
      budget: noLimit(),
      onProgress: (p) => progress.push(p.examined),
    });

    // 1 user + 2 albums + 3 photos examined; three were wrong.
    expect(summary).toMatchObject({
      examined: 6,
      changed: 3,
      failed: 0,
      retryNextRun: 0,
      queued: 5,
      stoppedBy: 'done',
    });
    expect(summary.fixes).toEqual(
      expect.arrayContaining([
        { kind: 'user', id: userId, from: 7, to: 2 },
        { kind: 'album', id: albumIds[0], from: 0, to: 2, readyFrom: 0, readyTo: 0 },
        { kind: 'photo', id: photoIds[0], from: 11, to: 3 },
      ]),
    );
    expect(progress.at(-1)).toBe(6);
    expect((await getUser(userId)).albumCount).toBe(2);
    expect((await getAlbum(albumIds[0]!)).photoCount).toBe(2);
    expect((await getAlbum(albumIds[1]!)).photoCount).toBe(1);
    expect((await getPhoto(photoIds[0]!)).likeCount).toBe(3);
    expect((await getPhoto(photoIds[2]!)).likeCount).toBe(1);
    expect((await listCounterRepairs()).items).toEqual([]);
  });

  it('changes nothing when run again', async () => {
    const before = await getCounter({ kind: 'user', id: userId });
    const summary = await repairCounters({
      targets: [{ kind: 'user', id: userId }],
      deep: true,
      settleSeconds: 0,
      budget: noLimit(),
    });
    expect(summary).toMatchObject({ examined: 6, changed: 0, failed: 0, retryNextRun: 0, stoppedBy: 'done' });
    expect(summary.fixes).toEqual([]);
    // Not even a no-op write: updatedAt is untouched.
    expect(await getCounter({ kind: 'user', id: userId })).toEqual(before);
  });

  it('never overwrites a counter that changed after it was read', async () => {
    const target: CounterTarget = { kind: 'photo', id: photoIds[1]! };
    const stale = await getCounter(target);
    await likePhoto({ photoId: photoIds[1]!, userId: 'fan-late', photoOwnerId: userId });
    await table.streamsSettled();
    expect(await setCounter({ target, expected: stale!, value: 0 })).toBe('changed');
    expect((await getPhoto(photoIds[1]!)).likeCount).toBe(1);
  });

  it('leaves a counter whose item is still settling queued for the next run, then repairs it', async () => {
    await corrupt({ kind: 'album', id: albumIds[1]! }, 9);
    const early = await repairCounters({
      targets: [{ kind: 'album', id: albumIds[1]! }],
      settleSeconds: 3600,
      budget: noLimit(),
    });
    expect(early).toMatchObject({ examined: 1, changed: 0, retryNextRun: 1 });
    expect((await listCounterRepairs()).items).toMatchObject([{ kind: 'album', id: albumIds[1] }]);

    // A scheduled run drains the queue: no targets in its input.
    const later = await repairCounters({ settleSeconds: 0, budget: noLimit() });
    expect(later).toMatchObject({ examined: 1, changed: 1, retryNextRun: 0 });
    expect((await getAlbum(albumIds[1]!)).photoCount).toBe(1);
    expect((await listCounterRepairs()).items).toEqual([]);
  });

  it("recounts an album's ready photos too, and gives an album without the counter one", async () => {
    const albumId = albumIds[1]!;
    const photo = await getPhoto(photoIds[2]!);
    await markPhotoReady({ photoId: photo.photoId, albumId, width: 1, height: 1, renditions: [rendition] });
    expect(await getAlbum(albumId)).toMatchObject({ photoCount: 1, readyPhotoCount: 1 });
    // Drifted, then missing altogether (an album written before the counter existed).
    await entities().albums.patch({ albumId }).set({ readyPhotoCount: 5 }).go();
    let summary = await repairCounters({
      targets: [{ kind: 'album', id: albumId }],
      settleSeconds: 0,
      budget: noLimit(),
    });
    expect(summary.fixes).toEqual([{ kind: 'album', id: albumId, from: 1, to: 1, readyFrom: 5, readyTo: 1 }]);
    // ElectroDB refuses to remove a required attribute: the item as an older writer left it.
    const { Key } = entities().albums.get({ albumId }).params() as { Key: Record<string, unknown> };
    await docClient().send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME,
        Key,
        UpdateExpression: 'REMOVE readyPhotoCount',
      }),
    );
    summary = await repairCounters({
      targets: [{ kind: 'album', id: albumId }],
      settleSeconds: 0,
      budget: noLimit(),
    });
    expect(summary.fixes).toEqual([
      { kind: 'album', id: albumId, from: 1, to: 1, readyFrom: null, readyTo: 1 },
    ]);
    expect(await getAlbum(albumId)).toMatchObject({ photoCount: 1, readyPhotoCount: 1 });
  });

  it('drops requests for items that no longer exist', async () => {
    const summary = await repairCounters({
      targets: [{ kind: 'user', id: uniqueUserId() }],
      settleSeconds: 0,
      budget: noLimit(),
    });
    expect(summary).toMatchObject({ examined: 1, changed: 0, failed: 0 });
    expect((await listCounterRepairs()).items).toEqual([]);
  });

  it('runs through the handler; bad ids in the input are refused before anything is queued', async () => {
    const context = lambdaContext({ getRemainingTimeInMillis: () => 60_000 });
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await expect(handler({ albums: ['not-a-ulid'] }, context)).rejects.toThrow('invalid job input');
      expect((await listCounterRepairs()).items).toEqual([]);
      const summary = await handler({ photos: [photoIds[0]!], settleSeconds: 0 }, context);
      expect(summary).toMatchObject({ job: 'repairCounters', examined: 1, changed: 0, stoppedBy: 'done' });
    } finally {
      write.mockRestore();
    }
  });
});

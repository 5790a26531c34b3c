import { getAlbum } from '@gallery/core/access/albums';
import { listPhotoPurges } from '@gallery/core/access/photo-purges';
import { getPhoto, markPhotoReady, type Photo } from '@gallery/core/access/photos';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { captureStdout, loadObserved } from '@gallery/lambda/testing/capture';
import { purgeDeletedPhotos } from '../src/jobs/purge-deleted-photos';
import { reapPendingUploads } from '../src/jobs/reap-pending-uploads';
import { createBudget } from '../src/lib/budget';
import { s3Client } from '@gallery/lambda/s3';
import {
  listKeys,
  noLimit,
  putObject,
  seedPendingPhoto,
  seedUserWithAlbum,
  useOwnTableAndBucket,
} from './int-env';

const { bucketName } = useOwnTableAndBucket('reap');
const HOUR = 3_600_000;

async function exists(photoId: string): Promise<boolean> {
  return getPhoto(photoId).then(
    () => true,
    () => false,
  );
}

describe('reapPendingUploads against DynamoDB Local and s3rver', () => {
  let stale: Photo[];
  let fresh: Photo;
  let ready: Photo;
  let albumId: string;

  beforeAll(async () => {
    const { userId, album } = await seedUserWithAlbum();
    albumId = album.albumId;
    const twoHoursAgo = new Date(Date.now() - 2 * HOUR);
    stale = [
      await seedPendingPhoto(albumId, userId, twoHoursAgo),
      await seedPendingPhoto(albumId, userId, new Date(twoHoursAgo.getTime() + 1000)),
      await seedPendingPhoto(albumId, userId, new Date(twoHoursAgo.getTime() + 2000)),
    ];
    fresh = await seedPendingPhoto(albumId, userId, new Date(Date.now() - 5 * 60_000));
    // An old photo that made it: it left the pending index when it became ready.
    ready = await seedPendingPhoto(albumId, userId, new Date(twoHoursAgo.getTime() - HOUR));
    const rendition = {
      name: 'small',
      key: `thumbnails/${userId}/${ready.photoId}/small.webp`,
      width: 10,
      height: 10,
      contentType: 'image/webp',
      bytes: 100,
    };
    await markPhotoReady({ photoId: ready.photoId, albumId, width: 10, height: 10, renditions: [rendition] });
    // Stale uploads that did arrive (their event was lost) and a half-written rendition.
    await putObject(stale[0]!.objectKey);
    await putObject(stale[1]!.objectKey);
    await putObject(`thumbnails/${userId}/${stale[1]!.photoId}/small.webp`);
    await putObject(fresh.objectKey);
    await putObject(ready.objectKey);
    await putObject(`thumbnails/${userId}/${ready.photoId}/small.webp`);
  });

  it('removes exactly the stale pending photos, fixes the album count, and queues them for the purge', async () => {
    expect((await getAlbum(albumId)).photoCount).toBe(5);
    const progress: number[] = [];

    const objectsBefore = await listKeys();
    const summary = await reapPendingUploads({
      budget: noLimit(),
      pageSize: 2,
      onProgress: (p) => progress.push(p.examined),
    });

    expect(summary).toMatchObject({
      examined: 3,
      changed: 3,
      failed: 0,
      skipped: 0,
      stoppedBy: 'done',
    });
    expect(progress).toEqual([2, 3]);
    for (const photo of stale) expect(await exists(photo.photoId)).toBe(false);
    expect(await exists(fresh.photoId)).toBe(true);
    expect((await getPhoto(ready.photoId)).status).toBe('ready');
    expect((await getAlbum(albumId)).photoCount).toBe(2);
    // Objects are the purge job's: the reaper touches no S3.
    expect(await listKeys()).toEqual(objectsBefore);
    const queued = (await listPhotoPurges()).items;
    expect(queued.map((entry) => [entry.photoId, entry.ownerId]).sort()).toEqual(
      stale.map((photo) => [photo.photoId, photo.ownerId]).sort(),
    );
  });

  it("then the purge job deletes exactly the reaped photos' uploads and renditions", async () => {
    const summary = await purgeDeletedPhotos({ s3: s3Client(), bucket: bucketName, budget: noLimit() });
    expect(summary).toMatchObject({ examined: 3, photosPurged: 3, failed: 0, stoppedBy: 'done' });
    // Each reaped photo's upload key (whether or not it arrived) and the rendition found.
    expect(summary.objectKeysDeleted).toBe(4);
    expect(await listKeys()).toEqual(
      [fresh.objectKey, ready.objectKey, `thumbnails/${ready.ownerId}/${ready.photoId}/small.webp`].sort(),
    );
    expect((await listPhotoPurges()).items).toEqual([]);
  });

  it('changes nothing when run again', async () => {
    const before = await listKeys();
    const summary = await reapPendingUploads({ budget: noLimit() });
    expect(summary).toMatchObject({ examined: 0, changed: 0, failed: 0, stoppedBy: 'done', pages: 1 });
    expect((await getAlbum(albumId)).photoCount).toBe(2);
    expect(await listKeys()).toEqual(before);
  });

  it('stops on its budget before reading anything, and reports it', async () => {
    const summary = await reapPendingUploads({ budget: createBudget({ maxMs: 0 }) });
    expect(summary).toMatchObject({ pages: 0, stoppedBy: 'budget' });
  });

  it('runs from a schedule event through the handler, logs one summary line and its counts as metrics', async () => {
    // Test runs log nothing (jest.config.ts): this test loads the function as Lambda would run it.
    const observed = await loadObserved(
      () =>
        jest.requireActual<typeof import('../src/functions/reapPendingUploads/handler')>(
          '../src/functions/reapPendingUploads/handler',
        ),
      { LOG_LEVEL: 'INFO' },
    );
    const output = captureStdout();
    let result;
    try {
      // The fresh photo is 5 minutes old: a 1-minute deadline makes it stale.
      result = await observed.handler(
        { maxPendingAgeMinutes: 1 },
        lambdaContext({ awsRequestId: 'req-reap', getRemainingTimeInMillis: () => 60_000 }),
      );
    } finally {
      output.restore();
    }
    expect(result).toMatchObject({ job: 'reapPendingUploads', examined: 1, changed: 1, stoppedBy: 'done' });
    expect(await exists(fresh.photoId)).toBe(false);
    const logged = output.logs();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 'INFO',
      message: 'job finished',
      function_request_id: 'req-reap',
      correlation_id: 'req-reap',
      changed: 1,
    });
    expect(typeof logged[0]?.durationMs).toBe('number');
    expect(output.emf()).toContainEqual(
      expect.objectContaining({
        operation: 'reapPendingUploads',
        ItemsExamined: 1,
        ItemsChanged: 1,
        ItemsFailed: 0,
        Latency: expect.any(Number),
      }),
    );
  });
});

import { getCheckpoint } from '@gallery/core/access/checkpoints';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { handler } from '../src/functions/sweepOrphanObjects/handler';
import type { Budget } from '../src/lib/budget';
import { JOB, sweepOrphanObjects } from '../src/jobs/sweep-orphan-objects';
import { s3Client } from '@gallery/lambda/s3';
import {
  listKeys,
  noLimit,
  putObject,
  seedPendingPhoto,
  seedUserWithAlbum,
  useOwnTableAndBucket,
} from './int-env';

const { bucketName } = useOwnTableAndBucket('sweep');
const inTwoHours = () => new Date(Date.now() + 2 * 3_600_000);

/** A budget that allows `pages` pages of work, then runs out. */
function pagesBudget(pages: number): Budget {
  let checks = 0;
  return { remainingMs: () => (checks < pages ? 1 : 0), exhausted: () => checks++ >= pages };
}

describe('sweepOrphanObjects against DynamoDB Local and s3rver', () => {
  let referenced: string[];
  let orphans: string[];

  beforeAll(async () => {
    const { userId, album } = await seedUserWithAlbum();
    const photo = await seedPendingPhoto(album.albumId, userId, new Date());
    const other = await seedPendingPhoto(album.albumId, userId, new Date());
    const goneId = '01J9Z3K6Q0R4T8V2X6Z0B4D8F2';
    referenced = [
      photo.objectKey,
      `thumbnails/${userId}/${photo.photoId}/small.webp`,
      `thumbnails/${userId}/${photo.photoId}/large.webp`,
      other.objectKey,
    ];
    orphans = [
      // A photo row that no longer exists: its upload and a rendition.
      `uploads/${userId}/${goneId}`,
      `thumbnails/${userId}/${goneId}/small.webp`,
      // A row exists for this id, but it belongs to someone else.
      `uploads/someone-else/${photo.photoId}`,
      // Not a key the system writes.
      'uploads/junk.txt',
    ];
    for (const key of [...referenced, ...orphans]) await putObject(key);
  });

  it('leaves objects younger than the grace period alone', async () => {
    const summary = await sweepOrphanObjects({
      s3: s3Client(),
      bucket: bucketName,
      graceHours: 1,
      budget: noLimit(),
    });
    expect(summary).toMatchObject({ examined: 8, changed: 0, tooYoung: 8, stoppedBy: 'done' });
    expect(await listKeys()).toHaveLength(8);
  });

  it('resumes from its checkpoint when its budget runs out, and deletes exactly the orphans', async () => {
    const options = { s3: s3Client(), bucket: bucketName, graceHours: 1, pageSize: 2, now: inTwoHours };
    const first = await sweepOrphanObjects({ ...options, budget: pagesBudget(2) });
    // uploads/ holds 5 keys: two pages of two, then the budget is gone.
    expect(first).toMatchObject({ pages: 2, examined: 4, stoppedBy: 'budget', passesFinished: [] });
    expect(await getCheckpoint(JOB, 'uploads/')).not.toBeNull();

    const progress: string[] = [];
    const second = await sweepOrphanObjects({
      ...options,
      budget: noLimit(),
      onProgress: (p) => progress.push(p.at ?? ''),
    });
    expect(second).toMatchObject({
      examined: 4,
      stoppedBy: 'done',
      passesFinished: ['uploads/', 'thumbnails/'],
    });
    expect(first.changed + second.changed).toBe(orphans.length);
    expect(first.failed + second.failed).toBe(0);
    expect(progress).toContain('thumbnails/ (pass finished)');
    expect(await listKeys()).toEqual([...referenced].sort());
    expect(await getCheckpoint(JOB, 'uploads/')).toBeNull();
  });

  it('changes nothing when run again', async () => {
    const summary = await sweepOrphanObjects({
      s3: s3Client(),
      bucket: bucketName,
      graceHours: 1,
      now: inTwoHours,
      budget: noLimit(),
    });
    expect(summary).toMatchObject({ examined: 4, changed: 0, failed: 0, stoppedBy: 'done' });
    expect(await listKeys()).toEqual([...referenced].sort());
  });

  it('runs from a schedule event through the handler', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const summary = await handler(
        { graceHours: 24 },
        lambdaContext({ getRemainingTimeInMillis: () => 60_000 }),
      );
      expect(summary).toMatchObject({ job: 'sweepOrphanObjects', examined: 4, changed: 0, tooYoung: 4 });
    } finally {
      write.mockRestore();
    }
  });
});

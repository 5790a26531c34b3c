// Deletes media objects that no photo row refers to: uploads that arrived for a photo that was
// reaped or deleted, renditions of a photo deleted mid-processing, objects whose cleanup failed.
//
// Walks `uploads/` then `thumbnails/` with ListObjectsV2, 1000 keys a page, checkpointing the last
// key of each finished page (StartAfter) in the table, so a run cut short by its budget resumes
// where it stopped and a full pass can span many runs. For each page: objects younger than the
// grace period are left alone (an upload in flight, a thumbnail being written); the rest are
// matched to photo rows with BatchGetItem (100 ids a request, ids parsed from the keys); objects
// with no row, a row of another owner, or a key the system never writes are deleted with one
// DeleteObjects. Listing the bucket is the work itself here: the cost follows the number of
// objects, one read unit per photo checked, spread over as many runs as it takes.
import type { S3Client } from '@aws-sdk/client-s3';
import { clearCheckpoint, getCheckpoint, saveCheckpoint } from '@gallery/core/access/checkpoints';
import { BATCH_GET_LIMIT, getPhotoOwners } from '@gallery/core/access/photo-owners';
import * as z from '@gallery/core/zod';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import { Tally, commonInput, defineJob, type JobRunOptions, type JobSummary } from '../lib/job';
import { deleteObjects, listObjectPage } from '@gallery/lambda/s3-objects';
import { MEDIA_PREFIXES, parseMediaKey } from '@gallery/core/media-keys';
import { mapLimit } from '../lib/pool';

export const JOB = 'sweepOrphanObjects';

export const DEFAULT_GRACE_HOURS = 24;

export interface SweepOptions extends JobRunOptions {
  s3: S3Client;
  bucket: string;
  graceHours?: number;
  /** Keys per ListObjectsV2 page (1..1000). */
  pageSize?: number;
}

export interface SweepSummary extends JobSummary {
  /** Left alone: younger than the grace period. */
  tooYoung: number;
  /** Prefixes whose pass finished in this run (the next run starts them over). */
  passesFinished: string[];
}

interface Verdicts {
  orphans: string[];
  unverified: number;
}

/** Which of these (old enough) keys have no photo row. Unparseable keys are orphans. */
async function findOrphans(keys: string[]): Promise<Verdicts> {
  const refs = keys.map((key) => ({ key, ref: parseMediaKey(key) }));
  const ids = [...new Set(refs.flatMap(({ ref }) => (ref ? [ref.photoId] : [])))];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH_GET_LIMIT) chunks.push(ids.slice(i, i + BATCH_GET_LIMIT));
  const answers = await mapLimit(chunks, 4, (chunk) => getPhotoOwners(chunk));
  const owners = new Map<string, string>();
  const unknown = new Set<string>();
  for (const answer of answers) {
    for (const [photoId, { ownerId }] of answer.found) owners.set(photoId, ownerId);
    for (const id of answer.unprocessed) unknown.add(id);
  }
  const orphans: string[] = [];
  let unverified = 0;
  for (const { key, ref } of refs) {
    if (!ref) orphans.push(key);
    else if (unknown.has(ref.photoId)) unverified++;
    else if (owners.get(ref.photoId) !== ref.ownerId) orphans.push(key);
  }
  return { orphans, unverified };
}

export async function sweepOrphanObjects(options: SweepOptions): Promise<SweepSummary> {
  const now = (options.now ?? (() => new Date()))();
  const graceHours = options.graceHours ?? DEFAULT_GRACE_HOURS;
  if (!Number.isFinite(graceHours) || graceHours < 0) {
    throw new RangeError(`graceHours must be a non-negative number, got ${graceHours}`);
  }
  const notAfter = now.getTime() - graceHours * 3_600_000;
  const tally = new Tally(JOB);
  let tooYoung = 0;
  const passesFinished: string[] = [];

  try {
    prefixes: for (const prefix of MEDIA_PREFIXES) {
      let startAfter = (await getCheckpoint(JOB, prefix))?.position;
      for (;;) {
        if (options.budget.exhausted()) {
          tally.stoppedBy = 'budget';
          break prefixes;
        }
        const page = await listObjectPage(options.s3, options.bucket, prefix, {
          startAfter,
          maxKeys: options.pageSize ?? 1000,
        });
        tally.pages++;
        tally.examined += page.objects.length;
        const old = page.objects.filter((o) => o.lastModified && o.lastModified.getTime() <= notAfter);
        tooYoung += page.objects.length - old.length;
        const { orphans, unverified } = await findOrphans(old.map((o) => o.key));
        const deleted = await deleteObjects(options.s3, options.bucket, orphans);
        tally.changed += deleted.deleted.length;
        // Both kinds are seen again on the next pass; nothing is deleted without a verdict.
        tally.failed += deleted.failed.length + unverified;
        const last = page.objects.at(-1)?.key;
        if (page.truncated && last) {
          await saveCheckpoint(JOB, prefix, last, now);
          startAfter = last;
          options.onProgress?.(tally.progress(last));
        } else {
          await clearCheckpoint(JOB, prefix);
          passesFinished.push(prefix);
          options.onProgress?.(tally.progress(`${prefix} (pass finished)`));
          break;
        }
      }
    }
  } catch (err) {
    tally.fail(err);
  }
  return { ...tally.summary(), tooYoung, passesFinished };
}

export const sweepInput = z.extend(commonInput, {
  graceHours: z.optional(z.number().check(z.minimum(0))),
});

export const sweepOrphanObjectsJob = defineJob({
  input: sweepInput,
  run: (input, options) =>
    sweepOrphanObjects({
      ...options,
      s3: s3Client(),
      bucket: bucketName(),
      ...(input.graceHours === undefined ? {} : { graceHours: input.graceHours }),
    }),
});

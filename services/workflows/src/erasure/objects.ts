// Step 5: every object under the user's prefixes of the media bucket: originals (uploads/),
// renditions (thumbnails/) and export archives (exports/), 1000 per ListObjectsV2 page and
// DeleteObjects. Listing by prefix also finds objects no row points to (an upload that landed after
// its photo was reaped).
import { userPrefixes } from '@gallery/core/media-keys';
import { UnavailableError } from '@gallery/core/errors';
import * as z from '@gallery/core/zod';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import { deleteObjects, isRetryableDeleteCode, listObjectPage } from '@gallery/lambda/s3-objects';
import type { TaskContext } from '../lib/task';
import { countersFrom, recordStep } from './progress';
import { counter, erasureRef } from './schemas';

export const eraseObjectsInput = z.extend(erasureRef, {
  loop: z.object({
    done: z.boolean(),
    /** Index into the user's prefixes. */
    prefix: z.optional(z.number().check(z.int(), z.minimum(0))),
    objects: counter,
  }),
});

export interface ObjectsLoop {
  done: boolean;
  prefix: number;
  objects: number;
}

/** S3 refused some keys for good (not throttling): the step fails and records which code. */
export class ObjectDeleteRefusedError extends Error {
  constructor(code: string, count: number) {
    super(`S3 refused to delete ${count} objects (${code})`);
    this.name = 'ObjectDeleteRefusedError';
  }
}

export async function eraseObjectsStep(
  input: z.output<typeof eraseObjectsInput>,
  task: TaskContext,
): Promise<ObjectsLoop> {
  const counters = await countersFrom(input.erasureId, 'objects', ['objects'], input.loop);
  const prefixes = userPrefixes(input.userId);
  let index = input.loop.prefix ?? 0;
  // Deleted objects leave the listing, so every page is the first one under the prefix.
  while (index < prefixes.length && Date.now() < task.deadline) {
    const page = await listObjectPage(s3Client(), bucketName(), prefixes[index] as string);
    if (page.objects.length > 0) {
      const result = await deleteObjects(
        s3Client(),
        bucketName(),
        page.objects.map((o) => o.key),
        { deadline: task.deadline },
      );
      counters.objects += result.deleted.length;
      const [failed] = result.failed;
      if (failed) {
        if (isRetryableDeleteCode(failed.code)) {
          throw new UnavailableError(`S3 kept ${result.failed.length} objects (${failed.code})`);
        }
        throw new ObjectDeleteRefusedError(failed.code, result.failed.length);
      }
    }
    if (!page.truncated) index += 1;
  }
  await recordStep(input.erasureId, 'objects', counters);
  return { done: index >= prefixes.length, prefix: index, objects: counters.objects };
}

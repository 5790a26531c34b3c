// Every job by name, with the input its schedule (or a hand run) passes: what the Lambda handlers
// and `pnpm job <name>` both call, so a hand run does exactly what the schedule does.
import * as z from 'zod';
import { counterTargetSchema, type CounterTarget } from '@gallery/core/access/maintenance';
import { commonInput, type JobRunOptions, type JobSummary } from '../lib/job';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import { purgeDeletedPhotos } from './purge-deleted-photos';
import { reapPendingUploads } from './reap-pending-uploads';
import { repairCounters } from './repair-counters';
import { sweepOrphanObjects } from './sweep-orphan-objects';

export const reapInput = commonInput.extend({
  maxPendingAgeMinutes: z.number().positive().optional(),
});

export const repairInput = commonInput.extend({
  users: z.array(z.string()).max(1000).optional(),
  albums: z.array(z.string()).max(1000).optional(),
  photos: z.array(z.string()).max(1000).optional(),
  deep: z.boolean().optional(),
  settleSeconds: z.number().min(0).max(3600).optional(),
});

export const sweepInput = commonInput.extend({
  graceHours: z.number().min(0).optional(),
});

export const purgeInput = commonInput;

export function repairTargets(input: z.output<typeof repairInput>): CounterTarget[] {
  const targets = [
    ...(input.users ?? []).map((id) => ({ kind: 'user' as const, id })),
    ...(input.albums ?? []).map((id) => ({ kind: 'album' as const, id })),
    ...(input.photos ?? []).map((id) => ({ kind: 'photo' as const, id })),
  ];
  return targets.map((target) => {
    const parsed = counterTargetSchema.safeParse(target);
    if (!parsed.success)
      throw new RangeError(`invalid job input: not a valid ${target.kind} id: ${target.id}`);
    return parsed.data;
  });
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  input: S;
  run(input: z.output<S>, options: JobRunOptions): Promise<JobSummary>;
}

function define<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export const JOBS = {
  reapPendingUploads: define({
    input: reapInput,
    run: (input, options) =>
      reapPendingUploads({
        ...options,
        s3: s3Client(),
        bucket: bucketName(),
        ...(input.maxPendingAgeMinutes === undefined
          ? {}
          : { maxPendingAgeMinutes: input.maxPendingAgeMinutes }),
      }),
  }),
  repairCounters: define({
    input: repairInput,
    run: (input, options) =>
      repairCounters({
        ...options,
        targets: repairTargets(input),
        deep: input.deep ?? false,
        ...(input.settleSeconds === undefined ? {} : { settleSeconds: input.settleSeconds }),
      }),
  }),
  sweepOrphanObjects: define({
    input: sweepInput,
    run: (input, options) =>
      sweepOrphanObjects({
        ...options,
        s3: s3Client(),
        bucket: bucketName(),
        ...(input.graceHours === undefined ? {} : { graceHours: input.graceHours }),
      }),
  }),
  purgeDeletedPhotos: define({
    input: purgeInput,
    run: (_input, options) => purgeDeletedPhotos(options),
  }),
} as const;

export type JobName = keyof typeof JOBS;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

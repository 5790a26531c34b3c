// Every job by name, with the input its schedule (or a hand run) passes: what the Lambda handlers
// and `pnpm job <name>` both call, so a hand run does exactly what the schedule does.
import * as z from '@gallery/core/zod';
import { counterTargetSchema, type CounterTarget } from '@gallery/core/access/maintenance';
import { commonInput, type JobRunOptions, type JobSummary } from '../lib/job';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import { purgeDeletedPhotos } from './purge-deleted-photos';
import { reapPendingUploads } from './reap-pending-uploads';
import { repairCounters } from './repair-counters';
import { sweepOrphanObjects } from './sweep-orphan-objects';

export const reapInput = z.extend(commonInput, {
  maxPendingAgeMinutes: z.optional(z.number().check(z.positive())),
});

export const repairInput = z.extend(commonInput, {
  users: z.optional(z.array(z.string()).check(z.maxLength(1000))),
  albums: z.optional(z.array(z.string()).check(z.maxLength(1000))),
  photos: z.optional(z.array(z.string()).check(z.maxLength(1000))),
  deep: z.optional(z.boolean()),
  settleSeconds: z.optional(z.number().check(z.minimum(0), z.maximum(3600))),
});

export const sweepInput = z.extend(commonInput, {
  graceHours: z.optional(z.number().check(z.minimum(0))),
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

export interface JobDefinition<S extends z.ZodMiniType = z.ZodMiniType> {
  input: S;
  run(input: z.output<S>, options: JobRunOptions): Promise<JobSummary>;
}

function define<S extends z.ZodMiniType>(definition: JobDefinition<S>): JobDefinition<S> {
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

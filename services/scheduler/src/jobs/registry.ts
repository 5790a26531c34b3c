// Every job by name: what `pnpm job <name>` and the functions' shared tests look jobs up in. Each
// Lambda handler imports its own job's module instead, so a function's bundle holds only the code
// (and the clients) its job uses.
import { exportTableJob } from './export-table';
import { purgeDeletedPhotosJob } from './purge-deleted-photos';
import { reapPendingUploadsJob } from './reap-pending-uploads';
import { repairCountersJob } from './repair-counters';
import { sweepOrphanObjectsJob } from './sweep-orphan-objects';

export const JOBS = {
  reapPendingUploads: reapPendingUploadsJob,
  repairCounters: repairCountersJob,
  sweepOrphanObjects: sweepOrphanObjectsJob,
  purgeDeletedPhotos: purgeDeletedPhotosJob,
  exportTable: exportTableJob,
} as const;

export type JobName = keyof typeof JOBS;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

import { createLogger } from '@gallery/lambda/logger';
import type { Context } from 'aws-lambda';

/** Uploads pending for longer than this are considered abandoned. */
export const DEFAULT_MAX_PENDING_AGE_MINUTES = 60;

/** The `input` of the schedule event (see config.yml); also what a hand-run passes. */
export interface ReapPendingUploadsInput {
  maxPendingAgeMinutes?: number;
}

export interface ReapSummary {
  job: 'reapPendingUploads';
  tableName: string;
  /** Photos created before this instant and still pending are reaped. */
  cutoff: string;
  examined: number;
  reaped: number;
}

/** Pure: the instant before which a still-pending upload counts as abandoned. */
export function pendingCutoff(now: Date, maxPendingAgeMinutes: number): Date {
  if (!Number.isFinite(maxPendingAgeMinutes) || maxPendingAgeMinutes <= 0) {
    throw new RangeError(`maxPendingAgeMinutes must be a positive number, got ${maxPendingAgeMinutes}`);
  }
  return new Date(now.getTime() - maxPendingAgeMinutes * 60_000);
}

export function tableNameFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return tableName;
}

/**
 * Skeleton: computes the reaping window and reports it. Querying the sparse "pending photos" index
 * and failing the expired uploads comes with the scheduler issue; until then nothing is examined.
 */
export async function reapPendingUploads(
  input: ReapPendingUploadsInput | null | undefined,
  context: Context,
  now: () => Date = () => new Date(),
): Promise<ReapSummary> {
  const log = createLogger({ requestId: context.awsRequestId, function: context.functionName });
  const summary: ReapSummary = {
    job: 'reapPendingUploads',
    tableName: tableNameFromEnv(),
    cutoff: pendingCutoff(
      now(),
      input?.maxPendingAgeMinutes ?? DEFAULT_MAX_PENDING_AGE_MINUTES,
    ).toISOString(),
    examined: 0,
    reaped: 0,
  };
  log.info('job finished', { ...summary });
  return summary;
}

export const handler = (
  input: ReapPendingUploadsInput | null | undefined,
  context: Context,
): Promise<ReapSummary> => reapPendingUploads(input, context);

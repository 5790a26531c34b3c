// What every job shares: the options a run gets (budget, clock, progress), the summary it returns
// and logs, and the Lambda wrapper that turns a schedule event into a run.
import type { Context } from 'aws-lambda';
import { logger } from '@gallery/lambda/logger';
import { MetricUnit, metrics } from '@gallery/lambda/metrics';
import * as z from '@gallery/core/zod';
import { createBudget, type Budget } from './budget';

export interface JobRunOptions {
  budget: Budget;
  now?: () => Date;
  /** Called after every page of work (the `pnpm job` runner prints it). */
  onProgress?: (progress: JobProgress) => void;
}

export interface JobProgress {
  job: string;
  pages: number;
  examined: number;
  changed: number;
  failed: number;
  /** What the page was about (a prefix, a cursor position...). */
  at?: string;
}

export type StoppedBy = 'done' | 'budget' | 'error';

export interface JobSummary {
  job: string;
  /** Items looked at (pending photos, counters, objects). */
  examined: number;
  /** Items this run changed (reaped, repaired, deleted). */
  changed: number;
  /** Items that could not be handled this run; the next run tries them again. */
  failed: number;
  durationMs: number;
  /** Pages (Query or List calls) walked. */
  pages: number;
  /** `done`: nothing left; `budget`: time ran out, the next run resumes; `error`: see `error`. */
  stoppedBy: StoppedBy;
  error?: string;
}

/** Counts of a run, shared by the jobs; `summary()` adds the timing. */
export class Tally {
  examined = 0;
  changed = 0;
  failed = 0;
  pages = 0;
  stoppedBy: StoppedBy = 'done';
  error: string | undefined;
  private readonly started = Date.now();

  constructor(readonly job: string) {}

  progress(at?: string): JobProgress {
    return {
      job: this.job,
      pages: this.pages,
      examined: this.examined,
      changed: this.changed,
      failed: this.failed,
      ...(at === undefined ? {} : { at }),
    };
  }

  /** Records an unexpected failure: the run stops, keeping everything already done. */
  fail(err: unknown): void {
    this.stoppedBy = 'error';
    this.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }

  summary(): JobSummary {
    return {
      job: this.job,
      examined: this.examined,
      changed: this.changed,
      failed: this.failed,
      durationMs: Date.now() - this.started,
      pages: this.pages,
      stoppedBy: this.stoppedBy,
      ...(this.error === undefined ? {} : { error: this.error }),
    };
  }
}

/** Thrown by a handler whose run stopped on an error, after its summary was logged. */
export class JobFailedError extends Error {
  constructor(
    readonly summary: JobSummary,
    options?: { cause?: unknown },
  ) {
    super(`${summary.job} stopped on an error: ${summary.error ?? 'unknown'}`, options);
    this.name = 'JobFailedError';
  }
}

/** Input every job accepts besides its own. */
export const commonInput = z.object({
  /** Stop starting new work after this long (the Lambda timeout minus a margin bounds it anyway). */
  maxDurationSeconds: z.optional(z.number().check(z.positive(), z.maximum(900))),
});

/** A job as its Lambda handler and `pnpm job` run it: the input it takes, and the run. */
export interface JobDefinition<S extends z.ZodMiniType = z.ZodMiniType> {
  input: S;
  run(input: z.output<S>, options: JobRunOptions): Promise<JobSummary>;
}

export function defineJob<S extends z.ZodMiniType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** Parses a schedule event's `input` (an EventBridge event without input is treated as `{}`). */
export function parseJobInput<S extends z.ZodMiniType>(schema: S, event: unknown): z.output<S> {
  const candidate =
    event && typeof event === 'object' && (event as { source?: unknown }).source === 'aws.events'
      ? {}
      : event;
  const result = schema.safeParse(candidate ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new RangeError(`invalid job input: ${issues.join('; ')}`);
  }
  return result.data;
}

/**
 * The Lambda side of a job: a budget from the function's remaining time, one structured summary
 * line and its counts as metrics (ItemsExamined, ItemsChanged, ItemsFailed), and a failed invocation when the run stopped on an error (its work so far is kept: every
 * job commits item by item and resumes from its checkpoint or by idempotent re-run).
 */
export async function runScheduledJob<S extends JobSummary>(
  context: Context,
  input: { maxDurationSeconds?: number | undefined },
  run: (options: JobRunOptions) => Promise<S>,
): Promise<S> {
  const budget = createBudget({
    remainingMs: context.getRemainingTimeInMillis(),
    ...(input.maxDurationSeconds === undefined ? {} : { maxMs: input.maxDurationSeconds * 1000 }),
  });
  const summary = await run({ budget });
  const fields: Record<string, unknown> = { ...(summary as JobSummary) };
  metrics.addMetric('ItemsExamined', MetricUnit.Count, summary.examined);
  metrics.addMetric('ItemsChanged', MetricUnit.Count, summary.changed);
  metrics.addMetric('ItemsFailed', MetricUnit.Count, summary.failed);
  if (summary.stoppedBy === 'error') {
    logger.error('job stopped on an error', fields);
    throw new JobFailedError(summary);
  }
  logger.info('job finished', fields);
  return summary;
}

// The plumbing of every Task function: the observability chain (correlation id = the erasure's or
// the export's id in the state's input, so one query finds a workflow's every step), validate the
// input, give the step a time slice to work in, and make failures say what kind they are. Step
// Functions retries a Task by the name of the error it throws (the state machines' Retry lists
// `UnavailableError`), so every throttled or unreachable dependency, DynamoDB, S3 or Cognito, is
// thrown as UnavailableError (classified by the SDK's own rules, @gallery/core/retry); anything else
// is a failure the state machine records and stops on.
import type { Context } from 'aws-lambda';
import { UnavailableError } from '@gallery/core/errors';
import { isRetryableError } from '@gallery/core/retry';
import { parseInput } from '@gallery/core/validation';
import type * as z from '@gallery/core/zod';
import { logger, type Logger } from '@gallery/lambda/logger';
import { observe } from '@gallery/lambda/observe';

/** A step stops starting new work this long before its function's timeout. */
export const SAFETY_MARGIN_MS = 20_000;
/** A step hands back a cursor after at most this long, so one invocation never holds much work. */
export const WORK_SLICE_MS = 60_000;

export interface TaskContext {
  log: Logger;
  /** Epoch ms: start no new batch after it, hand back a cursor instead. */
  deadline: number;
}

/** The error a Task throws for `err`: UnavailableError for anything worth retrying later. */
export function toTaskError(err: unknown): unknown {
  if (err instanceof UnavailableError) return err;
  if (isRetryableError(err))
    return new UnavailableError('A dependency is unavailable, try again', { cause: err });
  return err;
}

export function sliceDeadline(context: Pick<Context, 'getRemainingTimeInMillis'>, now = Date.now()): number {
  return now + Math.max(0, Math.min(context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS, WORK_SLICE_MS));
}

/** The workflow a state's input belongs to: its erasure's or export's id. */
export function workflowCorrelationId(event: unknown): string | undefined {
  const input = event as { erasureId?: unknown; exportId?: unknown } | null;
  if (typeof input?.erasureId === 'string') return input.erasureId;
  if (typeof input?.exportId === 'string') return input.exportId;
  return undefined;
}

/**
 * A Task function: `run` gets the validated input and returns the state's result. A failure is
 * logged once by the chain ('invocation failed', the original error as the thrown one's cause).
 */
export function taskHandler<S extends z.ZodMiniType, R>(
  name: string,
  schema: S,
  run: (input: z.output<S>, task: TaskContext) => Promise<R>,
): (event: unknown, context: Context) => Promise<R> {
  return observe<unknown, R>(
    async (event, context) => {
      const started = Date.now();
      try {
        const input = parseInput(schema, event);
        return await run(input, { log: logger, deadline: sliceDeadline(context, started) });
      } catch (err) {
        throw toTaskError(err);
      }
    },
    { operation: name, correlationId: workflowCorrelationId },
  );
}

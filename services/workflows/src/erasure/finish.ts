// The last steps, and the one that records a failure: the Cognito user goes once nothing else of
// the account is left; the record then says completed and forgets the user's id.
import { completeErasure, recordErasureFailure } from '@gallery/core/access/erasures';
import * as z from '@gallery/core/zod';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import { deleteLogin } from '../lib/cognito-admin';
import type { TaskContext } from '../lib/task';
import { recordStep } from './progress';
import { erasureIdSchema, erasureRef, usernameSchema } from './schemas';

export const deleteLoginInput = z.object({ erasureId: erasureIdSchema, username: usernameSchema });

export async function deleteLoginStep(
  input: z.output<typeof deleteLoginInput>,
  task: TaskContext,
): Promise<{ login: 'done' | 'missing' }> {
  await recordStep(input.erasureId, 'login');
  const login = await deleteLogin(input.username);
  task.log.info('login deleted', { login });
  return { login };
}

export const completeErasureInput = erasureRef;

export async function completeErasureStep(
  input: z.output<typeof completeErasureInput>,
): Promise<{ completed: true }> {
  await completeErasure(input.erasureId, input.userId);
  countEvent(BusinessMetric.ErasuresCompleted);
  return { completed: true };
}

/** What a Catch hands on: the error's name and its cause (Step Functions' JSON of the Lambda error). */
export const failureSchema = z.object({ Error: z.string(), Cause: z.optional(z.string()) });

export const recordErasureFailureInput = z.object({ erasureId: erasureIdSchema, error: failureSchema });

export async function recordErasureFailureStep(
  input: z.output<typeof recordErasureFailureInput>,
  task: TaskContext,
): Promise<{ recorded: boolean }> {
  const failure = { error: input.error.Error, cause: input.error.Cause ?? '' };
  const recorded = await recordErasureFailure(input.erasureId, failure);
  task.log.warn('erasure failed', { error: failure.error, recorded });
  countEvent(BusinessMetric.ErasuresFailed);
  return { recorded };
}

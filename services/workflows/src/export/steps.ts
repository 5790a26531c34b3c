// The export state machine's two Task steps: write the archive and mark the export ready, or
// record why it failed.
import { completeExport, failExport } from '@gallery/core/access/exports';
import { ulidSchema, userIdSchema } from '@gallery/core/validation';
import * as z from '@gallery/core/zod';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import type { TaskContext } from '../lib/task';
import { writeExportArchive } from './archive';

export const buildExportInput = z.object({ exportId: ulidSchema, userId: userIdSchema });

export async function buildExportStep(
  input: z.output<typeof buildExportInput>,
  task: TaskContext,
): Promise<{ objectKey: string; bytes: number }> {
  const archive = await writeExportArchive(input.userId, input.exportId);
  await completeExport(input.userId, input.exportId, archive);
  task.log.info('export written', {
    bytes: archive.bytes,
    ...archive.counts,
    missing: archive.missingOriginals,
  });
  countEvent(BusinessMetric.ExportsReady);
  return { objectKey: archive.objectKey, bytes: archive.bytes };
}

export const recordExportFailureInput = z.object({
  exportId: ulidSchema,
  userId: userIdSchema,
  error: z.object({ Error: z.string(), Cause: z.optional(z.string()) }),
});

export async function recordExportFailureStep(
  input: z.output<typeof recordExportFailureInput>,
  task: TaskContext,
): Promise<{ recorded: true }> {
  await failExport(input.userId, input.exportId, {
    error: input.error.Error,
    cause: input.error.Cause ?? '',
  });
  task.log.warn('export failed', { error: input.error.Error });
  countEvent(BusinessMetric.ExportsFailed);
  return { recorded: true };
}

// Starts the daily export of the table to the data stack's exports bucket, for analytics (Athena,
// Glue) that must never read the live table. The export runs inside DynamoDB from point-in-time
// recovery; the job asks for it once and logs the export's ARN (see @gallery/core/access/table-export).
// `pnpm job exportTable` fails locally: DynamoDB Local has no export API.
import { startTableExport, type TableExportTarget } from '@gallery/core/access/table-export';
import { Tally, commonInput, defineJob, type JobRunOptions, type JobSummary } from '../lib/job';

export const JOB = 'exportTable';

export interface ExportSummary extends JobSummary {
  exportArn?: string;
  exportStatus?: string;
}

export function exportTargetFromEnv(env: NodeJS.ProcessEnv = process.env): TableExportTarget {
  return { tableArn: env.TABLE_ARN ?? '', bucket: env.EXPORTS_BUCKET_NAME ?? '' };
}

export async function exportTable(
  target: TableExportTarget,
  options: Pick<JobRunOptions, 'now'>,
): Promise<ExportSummary> {
  const tally = new Tally(JOB);
  let started: Awaited<ReturnType<typeof startTableExport>> | undefined;
  try {
    tally.examined = 1;
    started = await startTableExport(target, (options.now ?? (() => new Date()))());
    tally.changed = 1;
  } catch (err) {
    tally.fail(err);
  }
  return {
    ...tally.summary(),
    ...(started?.exportArn ? { exportArn: started.exportArn } : {}),
    ...(started?.status ? { exportStatus: started.status } : {}),
  };
}

export const exportTableJob = defineJob({
  input: commonInput,
  run: (_input, options) => exportTable(exportTargetFromEnv(), options),
});

import type { Context } from 'aws-lambda';
import { parseJobInput, runScheduledJob } from '../../lib/job';
import { exportTableJob as job } from '../../jobs/export-table';

/** EventBridge schedule → start today's export of the table to S3 (its `input` is in config.yml). */
export async function handler(event: unknown, context: Context) {
  const input = parseJobInput(job.input, event);
  return runScheduledJob(context, input, (options) => job.run(input, options));
}

import { scheduleHandler } from '@gallery/lambda/events';
import { parseJobInput, runScheduledJob } from '../../lib/job';
import { exportTableJob as job } from '../../jobs/export-table';

/** EventBridge schedule → start today's export of the table to S3 (its `input` is in config.yml). */
export const handler = scheduleHandler('exportTable', async (event: unknown, context) => {
  const input = parseJobInput(job.input, event);
  return runScheduledJob(context, input, (options) => job.run(input, options));
});

import type { Context } from 'aws-lambda';
import { parseJobInput, runScheduledJob } from '../../lib/job';
import { repairCountersJob as job } from '../../jobs/repair-counters';

/** EventBridge schedule → one bounded run of the job (its `input` is in config.yml). */
export async function handler(event: unknown, context: Context) {
  const input = parseJobInput(job.input, event);
  return runScheduledJob(context, input, (options) => job.run(input, options));
}

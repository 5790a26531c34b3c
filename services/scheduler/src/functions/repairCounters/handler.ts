import { scheduleHandler } from '@gallery/lambda/events';
import { parseJobInput, runScheduledJob } from '../../lib/job';
import { repairCountersJob as job } from '../../jobs/repair-counters';

/** EventBridge schedule → one bounded run of the job (its `input` is in config.yml). */
export const handler = scheduleHandler('repairCounters', async (event: unknown, context) => {
  const input = parseJobInput(job.input, event);
  return runScheduledJob(context, input, (options) => job.run(input, options));
});

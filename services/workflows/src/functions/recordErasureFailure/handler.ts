import { recordErasureFailureInput, recordErasureFailureStep } from '../../erasure/finish';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `RecordFailure` (src/state-machines/erasure.yml). */
export const handler = taskHandler(
  'recordErasureFailure',
  recordErasureFailureInput,
  recordErasureFailureStep,
);

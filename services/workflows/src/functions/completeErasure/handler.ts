import { completeErasureInput, completeErasureStep } from '../../erasure/finish';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `CompleteErasure` (src/state-machines/erasure.yml). */
export const handler = taskHandler('completeErasure', completeErasureInput, completeErasureStep);

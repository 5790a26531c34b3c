import { verifyErasureInput, verifyErasureStep } from '../../erasure/verify';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `VerifyErasure` (src/state-machines/erasure.yml). */
export const handler = taskHandler('verifyErasure', verifyErasureInput, verifyErasureStep);

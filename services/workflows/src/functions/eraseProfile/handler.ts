import { eraseProfileInput, eraseProfileStep } from '../../erasure/profile';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `EraseProfile` (src/state-machines/erasure.yml). */
export const handler = taskHandler('eraseProfile', eraseProfileInput, eraseProfileStep);

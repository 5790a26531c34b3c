import { deleteLoginInput, deleteLoginStep } from '../../erasure/finish';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `DeleteLogin` (src/state-machines/erasure.yml). */
export const handler = taskHandler('deleteLogin', deleteLoginInput, deleteLoginStep);

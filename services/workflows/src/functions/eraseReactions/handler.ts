import { eraseReactionsInput, eraseReactionsStep } from '../../erasure/reactions';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `EraseReactions` (src/state-machines/erasure.yml). */
export const handler = taskHandler('eraseReactions', eraseReactionsInput, eraseReactionsStep);

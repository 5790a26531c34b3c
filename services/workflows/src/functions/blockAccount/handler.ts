import { blockAccountInput, blockAccountStep } from '../../erasure/block';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `BlockAccount` (src/state-machines/erasure.yml). */
export const handler = taskHandler('blockAccount', blockAccountInput, blockAccountStep);

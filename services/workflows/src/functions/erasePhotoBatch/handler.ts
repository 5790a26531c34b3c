import { erasePhotoBatchInput, erasePhotoBatchStep } from '../../erasure/photos';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `ErasePhotoBatch` (src/state-machines/erasure.yml). */
export const handler = taskHandler('erasePhotoBatch', erasePhotoBatchInput, erasePhotoBatchStep);

import { eraseObjectsInput, eraseObjectsStep } from '../../erasure/objects';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `EraseObjects` (src/state-machines/erasure.yml). */
export const handler = taskHandler('eraseObjects', eraseObjectsInput, eraseObjectsStep);

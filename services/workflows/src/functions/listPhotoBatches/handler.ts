import { listPhotoBatchesInput, listPhotoBatchesStep } from '../../erasure/photos';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `ListPhotoBatches` (src/state-machines/erasure.yml). */
export const handler = taskHandler('listPhotoBatches', listPhotoBatchesInput, listPhotoBatchesStep);

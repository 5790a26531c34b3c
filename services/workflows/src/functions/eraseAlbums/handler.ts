import { eraseAlbumsInput, eraseAlbumsStep } from '../../erasure/albums';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `EraseAlbums` (src/state-machines/erasure.yml). */
export const handler = taskHandler('eraseAlbums', eraseAlbumsInput, eraseAlbumsStep);

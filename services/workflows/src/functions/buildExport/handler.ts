import { buildExportInput, buildExportStep } from '../../export/steps';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `BuildArchive` (src/state-machines/export.yml). */
export const handler = taskHandler('buildExport', buildExportInput, buildExportStep);

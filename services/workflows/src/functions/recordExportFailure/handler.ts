import { recordExportFailureInput, recordExportFailureStep } from '../../export/steps';
import { taskHandler } from '../../lib/task';

/** Step Functions Task `RecordFailure` (src/state-machines/export.yml). */
export const handler = taskHandler('recordExportFailure', recordExportFailureInput, recordExportFailureStep);

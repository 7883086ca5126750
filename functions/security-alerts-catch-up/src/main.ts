/** Appwrite Function `security-alerts-catch-up`: the thin entry around its job (server/jobs/security-alerts.ts). */
import { functionEntry } from '../../../server/jobs/function-entry';
import { securityAlertsCatchUpJob } from '../../../server/jobs/security-alerts';

export default functionEntry(securityAlertsCatchUpJob);

/** Appwrite Function `security-alerts`: the thin entry around its job (server/jobs/security-alerts.ts). */
import { functionEntry } from '../../../server/jobs/function-entry';
import { securityAlertsJob } from '../../../server/jobs/security-alerts';

export default functionEntry(securityAlertsJob);

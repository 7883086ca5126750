/** Appwrite Function `enrollment-catch-up`: the thin entry around its job (server/jobs/enrollment-catch-up.ts). */
import { functionEntry } from '../../../server/jobs/function-entry';
import { enrollmentCatchUpJob } from '../../../server/jobs/enrollment-catch-up';

export default functionEntry(enrollmentCatchUpJob);

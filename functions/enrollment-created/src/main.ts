/** Appwrite Function `enrollment-created`: the thin entry around its job (server/jobs/enrollment-created.ts). */
import { functionEntry } from '../../../server/jobs/function-entry';
import { enrollmentCreatedJob } from '../../../server/jobs/enrollment-created';

export default functionEntry(enrollmentCreatedJob);

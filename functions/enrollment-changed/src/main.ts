/** Appwrite Function `enrollment-changed`: the thin entry around its job (server/jobs/enrollment-changed.ts). */
import { functionEntry } from '../../../server/jobs/function-entry';
import { enrollmentChangedJob } from '../../../server/jobs/enrollment-changed';

export default functionEntry(enrollmentChangedJob);

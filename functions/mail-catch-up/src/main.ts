/** Appwrite Function `mail-catch-up`: the thin entry around its job (server/jobs/mail-delivery.ts). */
import { functionEntry } from '../../../server/jobs/function-entry';
import { mailCatchUpJob } from '../../../server/jobs/mail-delivery';

export default functionEntry(mailCatchUpJob);

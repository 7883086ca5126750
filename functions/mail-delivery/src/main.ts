/** Appwrite Function `mail-delivery`: the thin entry around its job (server/jobs/mail-delivery.ts). */
import { functionEntry } from '../../../server/jobs/function-entry';
import { mailDeliveryJob } from '../../../server/jobs/mail-delivery';

export default functionEntry(mailDeliveryJob);

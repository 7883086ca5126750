/** Appwrite Function `sweeper`: the thin entry around its job (server/jobs/sweeper.ts). */
import { functionEntry } from '../../../server/jobs/function-entry';
import { sweeperJob } from '../../../server/jobs/sweeper';

export default functionEntry(sweeperJob);

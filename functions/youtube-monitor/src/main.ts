/** Appwrite Function `youtube-monitor`: the thin entry around its job (server/jobs/youtube-monitor.ts). */
import { functionEntry } from '../../../server/jobs/function-entry';
import { youtubeMonitorJob } from '../../../server/jobs/youtube-monitor';

export default functionEntry(youtubeMonitorJob);

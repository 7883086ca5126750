/**
 * Re-encrypts every lesson's video ID with the newest key (the first one in
 * VIDEO_ENCRYPTION_KEYS), so older keys can then be removed from the list:
 *
 *   VIDEO_ENCRYPTION_KEYS="v2:<new>,v1:<old>" npx tsx scripts/rotate-video-keys.ts
 *
 * Safe to run while Aurora serves requests, and again after a partial run. Prints
 * counts only (never a video ID); exits 1 when some lesson decrypts with no configured
 * key, in which case the old key must stay until those lessons are fixed.
 */
import { openBackend } from '../server/backend/index';
import { loadEnv } from '../server/env';
import { reencryptLessonVideos } from '../server/services/video/rotate-keys';

async function main(): Promise<number> {
  const env = loadEnv();
  const { backend } = await openBackend(env);
  try {
    const keys = env.videoEncryptionKeys;
    const report = await reencryptLessonVideos(backend, keys);
    console.log(
      `Lessons with a video: ${report.checked}; re-encrypted with key "${keys[0]?.id}": ${report.reencrypted}; ` +
        `not decryptable with the configured keys: ${report.failed.length}.`,
    );
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await backend.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('Key rotation stopped:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);

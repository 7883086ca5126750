import { randomBytes } from 'node:crypto';
import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../../tests/helpers/services';
import type { Backend } from '../../backend/port';
import { LESSONS } from '../tables';
import { reencryptLessonVideos } from './rotate-keys';
import { decryptVideoId, encryptVideoId, videoKeyIdOf, type VideoKey } from './video-crypto';

const oldKey: VideoKey = { id: 'old', key: randomBytes(32) };
const newKey: VideoKey = { id: 'new', key: randomBytes(32) };
const KEYS = [newKey, oldKey];
const COURSE_ID = 'course_rotation';

let services: TestServices;

beforeEach(async () => {
  services = await createTestServices();
});

afterEach(async () => {
  await services.cleanup();
});

/** An 11-character video ID unique to `n`. */
const videoIdOf = (n: number) => `vid${String(n).padStart(8, '0')}`;

async function createLesson(rowId: string, order: number, encryptedVideoData: string | null) {
  const now = new Date().toISOString();
  await services.backend.tables.create({
    ...LESSONS,
    rowId,
    data: {
      courseId: COURSE_ID,
      title: `Lesson ${order}`,
      order,
      createdAt: now,
      updatedAt: now,
      encryptedVideoData,
    },
  });
}

async function storedData(rowId: string): Promise<unknown> {
  return (await services.backend.tables.get({ ...LESSONS, rowId })).encryptedVideoData;
}

describe('reencryptLessonVideos', () => {
  it('moves old rows onto the newest key, page after page, leaving the rest alone', async () => {
    const OLD_ROWS = 120;
    for (let n = 0; n < OLD_ROWS; n += 1) {
      await createLesson(`old_${n}`, n, encryptVideoId([oldKey], `old_${n}`, videoIdOf(n)));
    }
    const alreadyNew = encryptVideoId(KEYS, 'new_0', videoIdOf(1000));
    await createLesson('new_0', 1000, alreadyNew);
    await createLesson('no_video', 1001, null);
    // Another lesson's ciphertext, as if copied across: it does not authenticate here.
    const misplaced = encryptVideoId([oldKey], 'old_0', videoIdOf(0));
    await createLesson('tampered', 1002, misplaced);

    const { backend } = services;
    let pages = 0;
    const counting: Backend = {
      ...backend,
      tables: { ...backend.tables, list: (ref) => ((pages += 1), backend.tables.list(ref)) },
    };
    const report = await reencryptLessonVideos(counting, KEYS);
    expect(report).toEqual({ checked: OLD_ROWS + 2, reencrypted: OLD_ROWS, failed: ['tampered'] });
    expect(pages).toBe(2);

    for (let n = 0; n < OLD_ROWS; n += 1) {
      const data = String(await storedData(`old_${n}`));
      expect(videoKeyIdOf(data)).toBe('new');
      // Readable without the old key: it can now be retired.
      expect(decryptVideoId([newKey], `old_${n}`, data)).toBe(videoIdOf(n));
    }
    expect(await storedData('new_0')).toBe(alreadyNew);
    expect(await storedData('tampered')).toBe(misplaced);
    expect(await storedData('no_video')).toBeNull();

    // A second run has nothing left to do.
    expect(await reencryptLessonVideos(services.backend, KEYS)).toEqual({
      checked: OLD_ROWS + 2,
      reencrypted: 0,
      failed: ['tampered'],
    });
  });

  it('reports rows under a key no longer configured, without touching them', async () => {
    const retired: VideoKey = { id: 'retired', key: randomBytes(32) };
    const data = encryptVideoId([retired], 'lesson_r', videoIdOf(1));
    await createLesson('lesson_r', 0, data);
    expect(await reencryptLessonVideos(services.backend, KEYS)).toEqual({
      checked: 1,
      reencrypted: 0,
      failed: ['lesson_r'],
    });
    expect(await storedData('lesson_r')).toBe(data);
  });

  it('lets a video changed during the rotation win', async () => {
    await createLesson('racing', 0, encryptVideoId([oldKey], 'racing', videoIdOf(1)));
    const changed = encryptVideoId(KEYS, 'racing', videoIdOf(2));
    const { backend } = services;
    // An instructor sets another video between the rotation's read and its write.
    const racing: Backend = {
      ...backend,
      tables: {
        ...backend.tables,
        updateIf: async (ref) => {
          await backend.tables.update({ ...LESSONS, rowId: 'racing', data: { encryptedVideoData: changed } });
          return backend.tables.updateIf(ref);
        },
      },
    };
    expect(await reencryptLessonVideos(racing, KEYS)).toEqual({ checked: 1, reencrypted: 0, failed: [] });
    expect(await storedData('racing')).toBe(changed);
  });

  it('keeps paging when the last lesson of a page loses its video or is deleted meanwhile', async () => {
    const ROWS = 205;
    for (let n = 0; n < ROWS; n += 1) {
      const rowId = `l_${String(n).padStart(3, '0')}`;
      await createLesson(rowId, n, encryptVideoId([oldKey], rowId, videoIdOf(n)));
    }
    const { backend } = services;
    let pages = 0;
    // Between pages an instructor removes the video of page 1's last lesson (l_099) and
    // deletes page 2's last lesson (l_199): neither may stop the rotation.
    const meddling: Backend = {
      ...backend,
      tables: {
        ...backend.tables,
        list: async (ref) => {
          pages += 1;
          if (pages === 2) {
            await backend.tables.update({ ...LESSONS, rowId: 'l_099', data: { encryptedVideoData: null } });
          }
          if (pages === 3) await backend.tables.delete({ ...LESSONS, rowId: 'l_199' });
          return backend.tables.list(ref);
        },
      },
    };
    expect(await reencryptLessonVideos(meddling, KEYS)).toEqual({
      checked: ROWS,
      reencrypted: ROWS,
      failed: [],
    });
    expect(pages).toBe(3);
    expect(videoKeyIdOf(String(await storedData('l_204')))).toBe('new');
  });

  it('only lists lessons that have a video', async () => {
    await createLesson('plain', 0, null);
    const listed = await services.backend.tables.list({
      ...LESSONS,
      queries: [Query.isNotNull('encryptedVideoData')],
    });
    expect(listed.total).toBe(0);
    expect(await reencryptLessonVideos(services.backend, KEYS)).toEqual({
      checked: 0,
      reencrypted: 0,
      failed: [],
    });
  });
});

/**
 * The platform's settings (decision 0040): one row of `settings`, id `platform`, a column
 * per setting, read in one call. A missing row, or a column it lacks, reads as the
 * default, so a new install and one from before a setting existed need no backfill.
 * Only the Owner changes them (`settings.manage`, at the procedure); each change is a
 * security-log row naming who made it.
 */
import { z } from 'zod';
import { isBackendError } from '../../backend/errors';
import type { Backend } from '../../backend/port';
import { writeSecurityLog } from '../audit/security-log';
import { getRowOrNull, rowDatetime } from '../rows';
import { requestOrJob, type SignedInScope } from '../scope';
import { SETTINGS } from '../tables';

const PLATFORM_ROW = 'platform';

const settingsRowSchema = z.object({
  /** Publishing goes through review (draft → in review → approved → published) for every course. */
  reviewBeforePublishing: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  updatedBy: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  updatedAt: rowDatetime.nullish().transform((value) => value ?? null),
});

export type PlatformSettings = z.output<typeof settingsRowSchema>;

/** What `settings.update` may change; each field is optional (only the given ones change). */
export const settingsChangesSchema = z
  .object({ reviewBeforePublishing: z.boolean({ error: 'Say true or false.' }).optional() })
  .strict();
export type SettingsChanges = z.output<typeof settingsChangesSchema>;
const SETTING_KEYS = settingsChangesSchema.keyof().options;

/** The platform's settings, defaults where nothing was stored: one backend call. */
export async function getSettings(backend: Backend): Promise<PlatformSettings> {
  return settingsRowSchema.parse((await getRowOrNull(backend, SETTINGS, PLATFORM_ROW)) ?? {});
}

export async function updateSettings(
  scope: SignedInScope,
  changes: SettingsChanges,
): Promise<PlatformSettings> {
  const { backend, actor } = scope;
  const now = scope.now();
  const before = await getSettings(backend);
  const data = { ...changes, updatedBy: actor.id, updatedAt: now.toISOString() };
  let row;
  try {
    row = await backend.tables.update({ ...SETTINGS, rowId: PLATFORM_ROW, data });
  } catch (error) {
    if (!isBackendError(error, 'not_found')) throw error;
    row = await backend.tables.create({ ...SETTINGS, rowId: PLATFORM_ROW, data });
  }
  const after = settingsRowSchema.parse(row);
  const changed = SETTING_KEYS.filter((key) => changes[key] !== undefined && before[key] !== after[key]);
  if (changed.length > 0) {
    const what = changed.map((key) => `${key} = ${String(after[key])}`).join(', ');
    await writeSecurityLog(
      backend,
      {
        userId: actor.id,
        action: 'settings_changed',
        reason: `platform settings: ${what}`,
        request: requestOrJob(scope),
      },
      now,
    );
  }
  return after;
}

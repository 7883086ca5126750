/** The platform's settings (decision 0040): the Owner's, `settings.manage`. */
import { getSettings, settingsChangesSchema, updateSettings } from '../../services/settings/settings';
import { permissionProcedure, router } from '../init';

const settingsProcedure = permissionProcedure('settings.manage');

export const settingsRouter = router({
  get: settingsProcedure.query(({ ctx }) => getSettings(ctx.backend)),

  /** Only the given settings change; each change is a security-log row naming who made it. */
  update: settingsProcedure
    .input(settingsChangesSchema)
    .mutation(({ ctx, input }) => updateSettings(ctx.scope, input)),
});

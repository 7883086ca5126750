/**
 * Video playback (DESIGN §6): one-time embed tokens, watch-time reports, and the audit
 * trail. Record-level rules (enrolled, preview, owner, admin; published) are decided in
 * server/services/video/access.ts with the policy module.
 */
import { z } from 'zod';
import { lessonIdInput } from '../../services/courses/schemas';
import { idSchema } from '../../../shared/fields/ids';
import { ID_MAX_LENGTH, PEOPLE_LIMITS, VIDEO_MAX_SECONDS } from '../../../shared/fields/limits';
import { pageSchema } from '../../services/identity/schemas';
import { requestVideoAccess, revokeVideoAccess, validateVideoAccess } from '../../services/video/access';
import { reportVideoProgress } from '../../services/video/progress';
import { listSecurityLog } from '../../services/video/security-log';
import { authedProcedure, permissionProcedure, publicProcedure, router } from '../init';

const when = z.iso.datetime({
  offset: true,
  local: true,
  error: 'Give a date and time, e.g. 2026-11-29T09:00.',
});

/** Times without an offset (a `datetime-local` field) are UTC, as the security log shows them. */
const asUtc = (value: string): Date => new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);

export const videoRouter = router({
  /** A 5-minute, one-time embed URL for the lesson's video: `{ embedUrl, expiresIn, tokenId }`. */
  requestAccess: authedProcedure
    .input(lessonIdInput)
    .mutation(({ ctx, input }) => requestVideoAccess(ctx.scope, { lessonId: input.lessonId })),

  /**
   * Whether the lesson's player would play now, and if not, why:
   * `{ allowed, reason, message, savesProgress }`. Open to visitors, who may watch free
   * previews through the player route (requestAccess itself stays for signed-in callers).
   */
  validateAccess: publicProcedure
    .input(lessonIdInput)
    .query(({ ctx, input }) => validateVideoAccess(ctx.scope, input.lessonId)),

  /** Watch time from the embed page, with the progress token that page was given. */
  progress: authedProcedure
    .input(
      z.object({
        progressToken: z.string().min(1).max(2048),
        watchedSeconds: z.number().min(0, 'Watch time cannot be negative.').max(VIDEO_MAX_SECONDS),
        totalSeconds: z.number().min(0, 'A video cannot be shorter than nothing.').max(VIDEO_MAX_SECONDS),
      }),
    )
    .mutation(({ ctx, input }) => reportVideoProgress(ctx.scope, input)),

  /**
   * Ends outstanding tokens: one (`tokenId`) or all of a person's (`userId`, optionally
   * for one `lessonId`). Everyone may revoke their own; admins anyone's.
   */
  revokeAccess: authedProcedure
    .input(
      z.union([
        z.object({ tokenId: idSchema }).strict(),
        z.object({ userId: idSchema, lessonId: idSchema.optional() }).strict(),
      ]),
    )
    .mutation(({ ctx, input }) => revokeVideoAccess(ctx.scope, input)),

  /**
   * `security_logs`, newest first; filter by user (id or email), action and time. What
   * happened to people's accounts is for those who manage people (`users.manage`).
   */
  securityLog: permissionProcedure('users.manage')
    .input(
      pageSchema
        .extend({
          cursor: z.string().max(ID_MAX_LENGTH).optional(),
          userId: idSchema.optional(),
          userEmail: z.string().trim().max(PEOPLE_LIMITS.email).optional(),
          action: z.string().trim().max(64).optional(),
          from: when.optional(),
          to: when.optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => {
      const { from, to, ...rest } = input ?? { limit: 20 };
      return listSecurityLog(ctx.backend, {
        ...rest,
        userEmail: rest.userEmail || undefined,
        action: rest.action || undefined,
        from: from ? asUtc(from) : undefined,
        to: to ? asUtc(to) : undefined,
        limit: rest.limit ?? 20,
      });
    }),
});

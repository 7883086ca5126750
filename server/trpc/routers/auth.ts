/** Accounts and sessions: register, sign in and out, who am I, my profile; plus my API tokens. */
import { TRPCError } from '@trpc/server';
import { z, ZodRealError } from 'zod';
import { accountTokenSchema } from '../../services/identity/account-tokens';
import { MAX_AVATAR_BASE64_LENGTH } from '../../services/identity/avatars';
import { setPasswordWithLink } from '../../services/identity/password-links';
import { requestPasswordReset } from '../../services/identity/password-reset';
import { updateProfile } from '../../services/identity/profile-update';
import {
  bioSchema,
  changePasswordSchema,
  emailSchema,
  newPasswordSchema,
  passwordAttemptSchema,
  personNameSchema,
} from '../../../shared/fields/people';
import { register, signIn, signOut } from '../../services/identity/sign-in';
import { changePassword, WRONG_CURRENT_PASSWORD } from '../../services/identity/password-change';
import { ServiceError } from '../../services/errors';
import { orgPermissionList } from '../../services/permissions/access';
import type { Permission } from '../../../shared/permissions';
import { viewerOf, type Viewer } from '../../services/identity/viewer';
import { authedProcedure, publicProcedure, router } from '../init';
import { apiTokenProcedures } from './api-tokens';

const avatarSchema = z.object({
  fileName: z.string().min(1).max(255),
  mimeType: z.string().max(255),
  base64: z.string().max(MAX_AVATAR_BASE64_LENGTH + 1024, 'Avatars may be at most 2 MiB.'),
});

export const authRouter = router({
  register: publicProcedure
    .input(z.object({ email: emailSchema, password: newPasswordSchema, name: personNameSchema }))
    .mutation(async ({ ctx, input }): Promise<Viewer> => {
      const user = await register(ctx.scope, input);
      return viewerOf(ctx.backend, user);
    }),

  login: publicProcedure
    .input(z.object({ email: emailSchema, password: passwordAttemptSchema }))
    .mutation(async ({ ctx, input }): Promise<Viewer> => {
      const user = await signIn(ctx.scope, input);
      return viewerOf(ctx.backend, user);
    }),

  /** Open to visitors too: signing out twice, or with a stale cookie, is not an error. */
  logout: publicProcedure
    .input(z.object({ everywhere: z.boolean().optional() }).optional())
    .mutation(async ({ ctx, input }) => {
      await signOut(ctx.scope, { everywhere: input?.everywhere ?? false });
      return { ok: true as const };
    }),

  /** The signed-in user, or null for a visitor. */
  me: publicProcedure.query(({ ctx }): Promise<Viewer> | null =>
    ctx.user ? viewerOf(ctx.backend, ctx.user) : null,
  ),

  /**
   * What the viewer may do across the organization, sorted (none for a visitor): pages
   * decide what to offer from this, never from a role. Per course, they ask the course.
   */
  permissions: publicProcedure.query(({ ctx }): Permission[] => orgPermissionList(ctx.scope.access)),

  updateProfile: authedProcedure
    .input(
      z.object({
        name: personNameSchema.optional(),
        bio: bioSchema.optional(),
        avatar: avatarSchema.nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateProfile(ctx.scope, input)),

  /**
   * Sets a password with a one-time link (an invitation; later "Forgot password?") and
   * signs the person in; the link ends (decision 0022).
   */
  resetPassword: publicProcedure
    .input(z.object({ token: accountTokenSchema, password: newPasswordSchema }))
    .mutation(async ({ ctx, input }): Promise<Viewer> => {
      const user = await setPasswordWithLink(ctx.scope, input);
      return viewerOf(ctx.backend, user);
    }),

  /**
   * Needs the current password and a browser session: an API token, which a script may
   * hold unattended, cannot take over the account (decision 0042). Ends every other
   * session; this browser gets a fresh one.
   */
  changePassword: authedProcedure
    .input(changePasswordSchema)
    .mutation(async ({ ctx, input }): Promise<Viewer> => {
      if (ctx.auth.method !== 'session')
        throw new TRPCError({ code: 'FORBIDDEN', message: NEEDS_BROWSER_SESSION });
      try {
        return await viewerOf(ctx.backend, await changePassword(ctx.scope, input));
      } catch (error) {
        if (error instanceof ServiceError && error.message === WRONG_CURRENT_PASSWORD)
          throw fieldRefusal('currentPassword', WRONG_CURRENT_PASSWORD);
        throw error;
      }
    }),

  /**
   * "Forgot password?": mails a one-time link if an account uses the address; the same
   * answer, in about the same time, either way (decision 0041).
   */
  requestPasswordReset: publicProcedure
    .input(z.object({ email: emailSchema }))
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.scope, input)),

  ...apiTokenProcedures,
});

const NEEDS_BROWSER_SESSION =
  'Changing your password needs you signed in in a browser: an API token cannot do it. Use the account page.';

/** A refusal about one field, shaped as input validation is, so forms show it beside that field. */
function fieldRefusal(field: string, message: string): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message,
    cause: new ZodRealError([{ code: 'custom', path: [field], message, input: undefined }]),
  });
}

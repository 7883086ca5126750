/** `auth.createApiToken`, `auth.listApiTokens`, `auth.revokeApiToken`: a person's own tokens only. */
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/identity/api-tokens';
import { idSchema } from '../../../shared/fields/ids';
import { apiTokenNameSchema } from '../../../shared/fields/people';
import { DEFAULT_PAGE_SIZE, pageSchema } from '../../services/identity/schemas';
import { authedProcedure } from '../init';

export const apiTokenProcedures = {
  /** The token is in this answer and nowhere else, ever. */
  createApiToken: authedProcedure
    .input(z.object({ name: apiTokenNameSchema }))
    .mutation(({ ctx, input }) => createApiToken(ctx.scope, input)),

  listApiTokens: authedProcedure
    .input(pageSchema.optional())
    .query(({ ctx, input }) => listApiTokens(ctx.scope, input ?? { limit: DEFAULT_PAGE_SIZE })),

  revokeApiToken: authedProcedure.input(z.object({ tokenId: idSchema })).mutation(async ({ ctx, input }) => {
    await revokeApiToken(ctx.scope, input.tokenId);
    return { ok: true as const };
  }),
};

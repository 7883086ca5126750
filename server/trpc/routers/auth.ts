import { publicProcedure, router } from '../init';

export const authRouter = router({
  /** The signed-in user, or null for a visitor. */
  me: publicProcedure.query(({ ctx }) => {
    if (!ctx.user) return null;
    const { id, email, name, role } = ctx.user;
    return { id, email, name, role };
  }),
});

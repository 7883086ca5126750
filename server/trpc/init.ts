/**
 * tRPC's one initialisation: transformer, error format and the base procedures every
 * router builds on. Authorization starts here (who is signed in, which permission they
 * hold across the organization, from the request's `Access`); what a user may do with a
 * particular record is decided in server/services/policy.ts.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { BackendError } from '../backend/errors';
import { PERMISSION_DESCRIPTIONS, type Permission } from '../../shared/permissions';
import { ServiceError } from '../services/errors';
import { holds } from '../services/permissions/access';
import { SIGN_IN_TO_CONTINUE, type CookieScope, type SignedInScope } from '../services/scope';
import type { Context } from './context';
import { serviceErrorToTRPCError, toTRPCError } from './errors';
import { isCrossSiteMutation } from './origin-guard';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodIssues = error.cause instanceof ZodError ? error.cause.issues : null;
    return {
      ...shape,
      // Validation messages are written for people; the first one is the headline.
      message: zodIssues?.[0]
        ? `${zodIssues[0].path.join('.') || 'input'}: ${zodIssues[0].message}`
        : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodIssues,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Domain errors become tRPC errors. A limit's refusal also says, as `Retry-After`, when
 * to come back: on /api/trpc the handler copies `responseHeaders` onto the answer, and
 * for pages they are the Node response's own (NodeResponseHeaders).
 */
const mapDomainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof BackendError) throw toTRPCError(cause);
    if (cause instanceof ServiceError) {
      if (cause.kind === 'too_many_requests' && cause.retryAfterSeconds !== undefined)
        ctx.responseHeaders.set('Retry-After', String(cause.retryAfterSeconds));
      throw serviceErrorToTRPCError(cause);
    }
  }
  return result;
});

/** Refusals that hold for every procedure, before any of them runs. */
const guardRequest = t.middleware(({ ctx, type, next }) => {
  if (ctx.auth.method === 'rejected-token') {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message:
        'This API token is not valid: it may have been revoked. Create a new one on your profile page.',
    });
  }
  // Pages' form actions reach mutations through createCaller, so they are covered too.
  if (type === 'mutation' && isCrossSiteMutation(ctx.request, ctx.env.allowedOrigins)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Cross-site request refused.' });
  }
  return next();
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapDomainErrors).use(guardRequest);

/** A signed-in user; `ctx.user` is non-null and `ctx.scope` a `SignedInScope` from here on. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  const { user } = ctx;
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: SIGN_IN_TO_CONTINUE });
  const scope: CookieScope & SignedInScope = { ...ctx.scope, actor: user };
  return next({ ctx: { ...ctx, user, scope } });
});

/** A signed-in user holding `permission` across the whole organization. */
export function permissionProcedure(permission: Permission) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!holds(ctx.scope.access, permission)) {
      const what = PERMISSION_DESCRIPTIONS[permission].toLowerCase();
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `Your account may not ${what}: this needs the ${permission} permission.`,
      });
    }
    return next();
  });
}

/**
 * For those who may create courses: creating one, and the lists of one's own courses.
 * Procedures on one course (its lessons, videos, roster) are `authedProcedure`: the
 * policy decides per course, so a team member who is not an instructor may edit their
 * team's courses, and a draft stays NOT_FOUND to whoever may not see it.
 */
export const authoringProcedure = permissionProcedure('courses.create');

/** People, and the mail that reaches them: for those who manage people (`users.manage`: admins). */
export const managingPeopleProcedure = permissionProcedure('users.manage');

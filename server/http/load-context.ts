/**
 * What Remix loaders and actions receive as `context`: a tRPC caller bound to the
 * request (same procedures and authorization as /api/trpc, without the HTTP hop), the
 * CSP nonce for rendering, the headers procedures asked for (e.g. Set-Cookie), and the
 * page-view records only the learner-facing pages make (decision 0026).
 */
import type { AppLoadContext } from '@remix-run/node';
import type { IncomingMessage } from 'node:http';
import { actingAs } from '../services/scope';
import type { Context } from '../trpc/context';
import { recordCourseView, recordLessonOpened } from '../services/courses/page-views';
import { createCaller, type Caller } from '../trpc/root';
import { nonceOf } from './request-nonce';

// The one place Remix's context type is widened; app/ sees it through the type alone.
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    trpc: Caller;
    cspNonce: string;
    /** See NodeResponseHeaders: set here to replace a default header, e.g. a route's own CSP. */
    responseHeaders: Headers;
    /** Called once by the course page and the lesson page after they have loaded. */
    pageViews: PageViews;
    /** Whether the request carries a live session or token: pages shared with visitors ask. */
    signedIn: boolean;
  }
}

/**
 * A page view is written here, not by `course.get` / `lesson.get`, which editors,
 * exports and scripts also call; and not through a mutation, which the cross-site guard
 * rightly refuses on a GET that arrived from a link elsewhere. Visitors are not counted
 * (user_activity needs a user).
 */
export interface PageViews {
  course(courseId: string): Promise<void>;
  lesson(lessonId: string): Promise<void>;
}

export function pageViewsOf(ctx: Context): PageViews {
  const { user } = ctx;
  if (!user) return { course: async () => {}, lesson: async () => {} };
  const scope = actingAs(ctx.scope, user);
  // Bookkeeping: a page that has loaded is shown even if its view could not be written.
  const noted = (what: string) => (error: unknown) => console.error(`could not record ${what}:`, error);
  return {
    course: (courseId) => recordCourseView(scope, courseId).catch(noted(`a view of course ${courseId}`)),
    lesson: (lessonId) =>
      recordLessonOpened(scope, lessonId).catch(noted(`the opening of lesson ${lessonId}`)),
  };
}

/** `ctx` was built with a NodeResponseHeaders for this request's response. */
export function loadContextOf(ctx: Context, req: IncomingMessage): AppLoadContext {
  return {
    trpc: createCaller(ctx),
    cspNonce: nonceOf(req),
    responseHeaders: ctx.responseHeaders,
    pageViews: pageViewsOf(ctx),
    signedIn: ctx.user !== null,
  };
}

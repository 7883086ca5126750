/**
 * The API surface: every procedure the pages and developers call. `AppRouter` is the
 * type `@trpc/client` users import; `createCaller` is how Remix loaders and actions
 * call procedures in-process (same authorization, no HTTP hop).
 */
import { createCallerFactory, router } from './init';
import { authRouter } from './routers/auth';
import { courseRouter } from './routers/course';
import { enrollmentRouter } from './routers/enrollment';
import { healthProcedure } from './routers/health';
import { jobsRouter } from './routers/jobs';
import { lessonRouter } from './routers/lesson';
import { mailRouter } from './routers/mail';
import { settingsRouter } from './routers/settings';
import { teamRouter } from './routers/team';
import { usersRouter } from './routers/users';
import { videoRouter } from './routers/video';

export const appRouter = router({
  health: healthProcedure,
  auth: authRouter,
  users: usersRouter,
  team: teamRouter,
  course: courseRouter,
  lesson: lessonRouter,
  enrollment: enrollmentRouter,
  video: videoRouter,
  jobs: jobsRouter,
  mail: mailRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

/** Background jobs, for admins: what runs, when it last ran and what failed (/admin/jobs). */
import { isEventJob } from '../../jobs/job';
import { jobs } from '../../jobs/index';
import { jobHealth, type JobDescription } from '../../services/jobs/health';
import { permissionProcedure, router } from '../init';

const descriptions: JobDescription[] = jobs.map((job) => ({
  name: job.name,
  description: job.description,
  trigger: isEventJob(job)
    ? { kind: 'event', events: [...job.events] }
    : { kind: 'schedule', schedule: job.schedule },
}));

export const jobsRouter = router({
  /**
   * Every job with its trigger and latest run, and the most recent failures, newest first.
   * An admin's page: `settings.manage` is the Owner's alone, so `users.manage` gates it.
   */
  status: permissionProcedure('users.manage').query(async ({ ctx }) => ({
    ...(await jobHealth(ctx.scope, descriptions)),
    /** Where jobs run: in this process (embedded) or as Appwrite Functions. */
    runsIn: ctx.backend.kind === 'embedded' ? ('process' as const) : ('functions' as const),
  })),
});

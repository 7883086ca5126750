/**
 * Test support: two small jobs that exercise the Function entry end to end without
 * depending on the real jobs. The event job counts a new course in course_analytics (an
 * increment, whose bounds come from appwrite.json: the bundle must carry the schema); the
 * scheduled one does nothing but be run once per slot.
 */
import { z } from 'zod';
import { COURSE_ANALYTICS } from '../services/tables';
import type { EventJob, ScheduledJob } from './job';

export const probeScheduledJob: ScheduledJob<Record<string, never>> = {
  name: 'probe-nightly',
  description: 'test: nightly no-op',
  schedule: '0 3 * * *',
  payload: z.object({}).strict(),
  handle: async (_payload, context, run) => {
    context.logger.info('probe nightly ran', { run: run.trigger });
  },
};

export const probeEventJob: EventJob<{ $id: string; title: string }> = {
  name: 'probe-course-created',
  description: 'test: counts a created course',
  events: ['databases.aurora_main.tables.courses.rows.*.create'],
  catchUp: probeScheduledJob.name,
  payload: z.object({ $id: z.string().min(1), title: z.string().min(1) }).loose(),
  async handle(course, context) {
    await context.backend.tables.increment({
      ...COURSE_ANALYTICS,
      rowId: course.$id,
      column: 'totalEnrollments',
      by: 1,
    });
  },
};

/**
 * The students of a course as a CSV download. Pages through enrollment.students (the
 * procedure decides who may see them: the course's instructor and admins) in the order
 * the students page shows.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { refusal } from '~/lib/course-errors.server';
import { csvRow } from '~/lib/csv';
import { studentsQueryOf } from '~/lib/enrollment';
import { isoDate } from '~/lib/format';

const PAGE_SIZE = 100;
/** A guard against a cursor that never ends; 500 pages of 100 is far beyond any course. */
const MAX_PAGES = 500;

const HEADER = [
  'Name',
  'Email',
  'Progress (%)',
  'Completed lessons',
  'Lessons',
  'Enrolled',
  'Completed',
  'Last activity',
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const courseId = params.courseId ?? '';
  const { sort, order } = studentsQueryOf(new URL(request.url));
  try {
    const course = await context.trpc.course.get({ courseId });
    const lines = [csvRow(HEADER)];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await context.trpc.enrollment.students({
        courseId,
        sort,
        order,
        cursor,
        limit: PAGE_SIZE,
      });
      for (const row of result.items) {
        lines.push(
          csvRow([
            row.user.name,
            row.user.email,
            row.progress,
            row.completedLessonCount,
            row.lessonCount,
            isoDate(row.enrolledAt),
            isoDate(row.completedAt),
            isoDate(row.lastActivityAt),
          ]),
        );
      }
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    // A byte-order mark so spreadsheet programs read the names as UTF-8.
    const body = `\uFEFF${lines.join('\r\n')}\r\n`;
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileNameOf(course.title)}"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    return refusal(request, error);
  }
}

/** "photosynthesis-from-scratch-students.csv": ASCII only, safe inside the quoted header. */
function fileNameOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'course'}-students.csv`;
}

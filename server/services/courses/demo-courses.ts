/**
 * Demo courses for a brand-new install with demo accounts (bootstrap.ts): three
 * published courses by the demo instructor, each with a preview lesson, and one draft,
 * so the catalog, course pages and the editor have something real-looking to show —
 * and the two demo learners part-way through them, with one access request waiting, so
 * "My learning" and the Students pages are not empty either. Written through the same
 * services as the pages, so content is sanitized and progress counted as usual.
 */
import type { AuthUser } from '../../backend/port';
import { actingAs, type ServiceScope, type SignedInScope } from '../scope';
import { decideAccess, requestAccess } from '../enrollments/access-requests';
import { completeLesson } from '../enrollments/learning';
import { enroll } from '../enrollments/membership';
import { ServiceError } from '../errors';
import { setLessonVideo } from '../video/lesson-video';
import { createCourse, publishCourse } from './courses';
import { createLesson } from './lessons';
import { courseFieldsSchema, lessonFieldsSchema } from './schemas';

interface DemoLesson {
  title: string;
  description: string;
  content: string;
  isPreview?: boolean;
  /** Length entered by hand, as an instructor without a YouTube API key would. */
  video?: { youtubeUrl: string; seconds: number };
}

/**
 * The sample video of YouTube's own IFrame Player API documentation ("YouTube Developers
 * Live: Embedded Web Player Customization", Google Developers, 2013): public and
 * embeddable, so demo players work wherever YouTube is reachable. Its length is 22:24 —
 * `contentDetails.duration` "PT22M24S" in the YouTube Data API's `videos.list` answer for
 * M7lc1UVf-VE — so the length shown beside it is the one the player shows.
 */
export const DEMO_VIDEO = { youtubeUrl: 'https://www.youtube.com/watch?v=M7lc1UVf-VE', seconds: 1344 };

interface DemoCourse {
  fields: Record<string, unknown>;
  lessons: DemoLesson[];
  publish: boolean;
}

const DEMO_COURSES: DemoCourse[] = [
  {
    publish: true,
    fields: {
      title: 'Web Development Foundations',
      description:
        'Build and publish your first website with semantic HTML, modern CSS and a sprinkle of JavaScript. ' +
        'Every lesson ends with a small, working page you can keep.',
      category: 'Web development',
      difficulty: 'beginner',
      // Three lessons of about half an hour each (one with the 22-minute video).
      duration: 1.5,
      price: 0,
      tags: ['html', 'css', 'javascript'],
    },
    lessons: [
      {
        title: 'How the web works',
        description: 'Browsers, servers and what happens when you press Enter.',
        isPreview: true,
        video: DEMO_VIDEO,
        content:
          '<h2>From a URL to a page</h2><p>When you type an address, your browser asks a <strong>DNS</strong> server ' +
          'where the site lives, opens a connection and requests a document.</p><ol><li>Resolve the name</li>' +
          '<li>Request the HTML</li><li>Fetch styles, scripts and images</li><li>Render</li></ol>' +
          '<blockquote>Everything else in this course builds on these four steps.</blockquote>',
      },
      {
        title: 'Semantic HTML',
        description: 'Headings, landmarks and why they matter for everyone.',
        content:
          '<h2>Say what things are</h2><p>Use <code>&lt;nav&gt;</code>, <code>&lt;main&gt;</code> and ' +
          '<code>&lt;article&gt;</code> so assistive technology can find its way.</p>' +
          '<pre><code>&lt;main&gt;\n  &lt;h1&gt;My first page&lt;/h1&gt;\n&lt;/main&gt;</code></pre>',
      },
      {
        title: 'Layouts with Flexbox and Grid',
        description: 'Two tools, one rule of thumb.',
        content:
          '<h2>One dimension or two?</h2><p>Flexbox lines things up in a row <em>or</em> a column; Grid places ' +
          'them in rows <em>and</em> columns.</p><table><thead><tr><th>Need</th><th>Use</th></tr></thead>' +
          '<tbody><tr><td>A toolbar</td><td>Flexbox</td></tr><tr><td>A page layout</td><td>Grid</td></tr></tbody></table>',
      },
    ],
  },
  {
    publish: true,
    fields: {
      title: 'Data Literacy with SQL',
      description:
        'Ask real questions of real data. Learn SELECT, joins, grouping and window functions on a public ' +
        'dataset, and learn to spot a misleading chart.',
      category: 'Data',
      difficulty: 'intermediate',
      duration: 1,
      price: 29,
      tags: ['sql', 'data', 'analytics'],
    },
    lessons: [
      {
        title: 'Your first query',
        description: 'SELECT, FROM and WHERE.',
        isPreview: true,
        video: DEMO_VIDEO,
        content:
          '<h2>Asking a table a question</h2><pre><code>SELECT title, year\nFROM films\nWHERE year &gt;= 2000;</code></pre>' +
          '<p>Read it aloud: <em>show me the title and year of films from 2000 on</em>.</p>',
      },
      {
        title: 'Joins without fear',
        description: 'Combining tables, one key at a time.',
        content:
          '<h2>Inner and left joins</h2><ul><li><strong>INNER JOIN</strong> keeps matches only.</li>' +
          '<li><strong>LEFT JOIN</strong> keeps every row on the left.</li></ul>' +
          '<p>See the <a href="https://www.sqlite.org/lang_select.html">SQLite documentation</a> for the full grammar.</p>',
      },
    ],
  },
  {
    publish: true,
    fields: {
      title: 'Designing Accessible Interfaces',
      description:
        'Colour contrast, keyboard navigation, screen readers and forms that everyone can complete. ' +
        'Practical checklists you can apply on Monday.',
      category: 'Design',
      difficulty: 'advanced',
      duration: 2,
      price: 49,
      tags: ['accessibility', 'ux', 'design'],
    },
    lessons: [
      {
        title: 'Why accessibility is quality',
        description: 'Who benefits, and how to test in five minutes.',
        isPreview: true,
        video: DEMO_VIDEO,
        content:
          '<h2>Five-minute check</h2><ol><li>Unplug the mouse and use Tab.</li><li>Zoom to 200%.</li>' +
          '<li>Turn on a screen reader for one page.</li></ol><p>Most problems show up right away.</p>',
      },
      {
        title: 'Contrast and colour',
        description: 'Meeting WCAG without a grey palette.',
        content:
          '<h2>Ratios that matter</h2><p>Body text needs a contrast of at least <strong>4.5:1</strong>; large text 3:1.</p><hr />' +
          '<p>Never let colour be the only signal: add an icon or a word.</p>',
      },
      {
        title: 'Forms everyone can finish',
        description: 'Labels, errors and focus.',
        content:
          '<h2>Labels first</h2><p>Every field has a visible label, errors say how to fix them, and focus moves to the first error.</p>',
      },
      {
        title: 'Testing with real people',
        description: 'Recruiting, tasks and what to measure.',
        content: '<h2>Watch, do not ask</h2><p>Give a task, stay quiet, and note where people hesitate.</p>',
      },
    ],
  },
  {
    publish: false,
    fields: {
      title: 'Python for Data Analysis (draft)',
      description: 'pandas, notebooks and clean, reproducible analyses. Work in progress.',
      category: 'Data',
      difficulty: 'intermediate',
      duration: 0.5,
      price: 0,
      tags: ['python', 'pandas'],
    },
    lessons: [
      {
        title: 'Setting up a notebook',
        description: 'A clean environment in ten minutes.',
        content: '<h2>Outline</h2><ul><li>Install Python</li><li>Create a virtual environment</li></ul>',
      },
    ],
  },
];

/** `person` acting at `when`: the demo's history is written as it would have happened. */
function actingAt(scope: ServiceScope, person: AuthUser, when: Date): SignedInScope {
  return { ...actingAs(scope, person), now: () => when };
}

/** A demo course as made: what `seedDemoLearning` needs to find its way in it. */
export interface SeededDemoCourse {
  courseId: string;
  title: string;
  lessonIds: string[];
  published: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/**
 * Creates the demo courses for `instructor` (dated three weeks back, so the learning
 * below has happened since); returns them in the order above.
 */
export async function seedDemoCourses(
  scope: ServiceScope,
  input: { instructor: AuthUser; today: Date },
): Promise<SeededDemoCourse[]> {
  const teacher = actingAt(scope, input.instructor, daysBefore(input.today, 21));
  const made: SeededDemoCourse[] = [];
  for (const demo of DEMO_COURSES) {
    const course = await createCourse(teacher, courseFieldsSchema.parse(demo.fields));
    const lessonIds: string[] = [];
    for (const lesson of demo.lessons) {
      const created = await createLesson(teacher, {
        ...lessonFieldsSchema.parse(lesson),
        courseId: course.id,
      });
      lessonIds.push(created.id);
      if (!lesson.video) continue;
      const video = {
        lessonId: created.id,
        youtubeUrl: lesson.video.youtubeUrl,
        videoDuration: lesson.video.seconds,
      };
      await setLessonVideo(teacher, video).catch((error: unknown) => {
        // With a YouTube API key and no way to reach YouTube, the demo goes without its videos.
        if (!(error instanceof ServiceError)) throw error;
        console.warn(`demo video skipped: ${error.message}`);
      });
    }
    if (demo.publish) await publishCourse(teacher, course.id);
    made.push({ courseId: course.id, title: course.title, lessonIds, published: demo.publish });
  }
  return made;
}

/**
 * The demo learners' last two weeks, through the real services (so progress, analytics
 * and the instructor's lists are what they would be): on "Web Development Foundations"
 * (free) Ada has done 2 of 3 lessons and Grace 1; Ada asked to join "Data Literacy with
 * SQL" (paid), Maya approved, and Ada has done 1 of 2; Grace has asked to join "Designing
 * Accessible Interfaces" (paid) and waits — the request on its Students page.
 * A fixed number of writes, whatever the catalog holds.
 */
export async function seedDemoLearning(
  scope: ServiceScope,
  input: {
    people: { instructor: AuthUser; ada: AuthUser | null; grace: AuthUser | null };
    courses: readonly SeededDemoCourse[];
    today: Date;
  },
): Promise<void> {
  const { people, courses, today } = input;
  const at = (person: AuthUser, days: number) => actingAt(scope, person, daysBefore(today, days));
  const [web, sql, design] = courses;
  if (!web || !sql || !design) return;
  const { instructor, ada, grace } = people;
  const lesson = (course: SeededDemoCourse, index: number) => course.lessonIds[index] ?? '';
  if (ada) {
    await enroll(at(ada, 14), { courseId: web.courseId });
    await completeLesson(at(ada, 13), lesson(web, 0));
    await completeLesson(at(ada, 6), lesson(web, 1));
    const asked = await requestAccess(at(ada, 5), sql.courseId);
    await decideAccess(at(instructor, 4), { requestId: asked.id, decision: 'approve' });
    await completeLesson(at(ada, 1), lesson(sql, 0));
  }
  if (grace) {
    await enroll(at(grace, 9), { courseId: web.courseId });
    await completeLesson(at(grace, 2), lesson(web, 0));
    await requestAccess(at(grace, 1), design.courseId);
  }
}

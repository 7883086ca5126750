/** The welcome mail a learner gets when they enrol in a course (issue 12 §4). */
import type { RenderedMail } from '../rendered';
import { renderMail, type MailSite } from './layout';

export interface WelcomeMailInput {
  learnerName: string;
  courseTitle: string;
  instructorName: string;
  /** Null when the course has no lessons yet: the button opens the course instead. */
  firstLessonUrl: string | null;
  courseUrl: string;
}

export function welcomeMail(input: WelcomeMailInput, site: MailSite): RenderedMail {
  const greeting = input.learnerName.trim() ? `Hi ${input.learnerName.trim()},` : 'Hi,';
  return renderMail(
    {
      subject: `Welcome to ${input.courseTitle}`,
      preheader: input.firstLessonUrl
        ? `You are enrolled in ${input.courseTitle}. Your first lesson is ready.`
        : `You are enrolled in ${input.courseTitle}.`,
      heading: `Welcome to ${input.courseTitle}`,
      paragraphs: [
        greeting,
        `You are now enrolled in ${input.courseTitle}, taught by ${input.instructorName}.`,
        input.firstLessonUrl
          ? 'Your first lesson is ready whenever you are. Your progress is saved as you go, so you can stop and come back at any time.'
          : 'The first lessons are on their way. Open the course to see what it covers; we will keep your place once you start.',
        `The course page always shows where you left off: ${input.courseUrl}`,
      ],
      action: input.firstLessonUrl
        ? { label: 'Start the first lesson', url: input.firstLessonUrl }
        : { label: 'Open the course', url: input.courseUrl },
      footer: `You get this email because you enrolled in ${input.courseTitle} on ${site.name ?? 'Aurora'}.`,
    },
    site,
  );
}

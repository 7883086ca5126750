/**
 * The mail an instructor gets when the daily YouTube check finds that a lesson's video
 * can no longer be played by students (private, deleted or not embeddable). Sent once
 * per lesson and problem; the lesson editor shows the same flag until it is fixed.
 */
import type { RenderedMail } from '../rendered';
import { renderMail, type MailSite } from './layout';

export type VideoIssue = 'private' | 'deleted' | 'not_embeddable';

export interface VideoUnavailableMailInput {
  instructorName: string;
  courseTitle: string;
  lessonTitle: string;
  issue: VideoIssue;
  lessonEditorUrl: string;
}

/** What happened and what the instructor can do about it, per issue. */
export const VIDEO_ISSUE_ADVICE: Record<VideoIssue, { what: string; fix: string }> = {
  private: {
    what: 'has been made private on YouTube',
    fix: 'In YouTube Studio, set its visibility to Unlisted or Public, or attach another video to the lesson.',
  },
  deleted: {
    what: 'no longer exists on YouTube (it was deleted or removed)',
    fix: 'Attach another video to the lesson, or remove the video so students are not shown a broken player.',
  },
  not_embeddable: {
    what: 'may no longer be played outside YouTube (embedding was turned off)',
    fix: 'In YouTube Studio, open the video’s details and allow embedding, or attach another video.',
  },
};

export function videoUnavailableMail(input: VideoUnavailableMailInput, site: MailSite): RenderedMail {
  const greeting = input.instructorName.trim() ? `Hi ${input.instructorName.trim()},` : 'Hi,';
  const advice = VIDEO_ISSUE_ADVICE[input.issue];
  return renderMail(
    {
      subject: `A video in ${input.courseTitle} cannot be played`,
      preheader: `The video of “${input.lessonTitle}” ${advice.what}.`,
      heading: 'A lesson video cannot be played',
      paragraphs: [
        greeting,
        `The video of the lesson “${input.lessonTitle}” in ${input.courseTitle} ${advice.what}, so your students cannot watch it.`,
        advice.fix,
        'Aurora checks every lesson video once a day; the warning in the lesson editor goes away by itself once the video plays again.',
      ],
      action: { label: 'Open the lesson', url: input.lessonEditorUrl },
      footer: `You get this email because you teach ${input.courseTitle} on ${site.name ?? 'Aurora'}.`,
    },
    site,
  );
}

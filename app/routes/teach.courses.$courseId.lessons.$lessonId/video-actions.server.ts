/**
 * The lesson editor's video forms: check a link (or the current video), save a link,
 * remove the video with a confirmation. The link is only ever echoed back before it is
 * saved; after saving the server keeps the ID to itself and so does this page.
 */
import { data, type AppLoadContext } from '@remix-run/node';
import { LESSON_LIMITS } from '../../../shared/fields/limits';
import { callerFailure } from '~/lib/forms.server';
import { parseDuration } from '~/lib/video';

export type VideoField = 'youtubeUrl' | 'length';

export interface VideoFormResult {
  intent: 'check-video' | 'save-video';
  videoValues: Record<VideoField, string>;
  videoErrors?: Partial<Record<VideoField | 'form', string>>;
  check?: VideoCheck;
}

export interface VideoCheck {
  valid: boolean;
  reason: string | null;
  title: string | null;
  durationSeconds: number | null;
  checkedWithYouTube: boolean;
}

/** Refusals about who may do it or which lesson are the page's business, not the form's. */
const PAGE_CODES = ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'];

function valuesOf(form: FormData): Record<VideoField, string> {
  const text = (name: VideoField) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.slice(0, LESSON_LIMITS.videoLink) : '';
  };
  return { youtubeUrl: text('youtubeUrl').trim(), length: text('length').trim() };
}

export async function videoAction(
  intent: 'check-video' | 'save-video' | 'check-current-video',
  form: FormData,
  context: AppLoadContext,
  lessonId: string,
  flash: (text: string) => Promise<Response>,
) {
  if (intent === 'check-current-video') {
    try {
      const check = await context.trpc.lesson.validateVideo({ lessonId });
      return data({ intent, currentCheck: check });
    } catch (error) {
      const failure = callerFailure(error);
      if (!failure || PAGE_CODES.includes(failure.code)) throw error;
      return data({ intent, currentCheckError: failure.message }, 400);
    }
  }

  const videoValues = valuesOf(form);
  const result = (extra: Omit<VideoFormResult, 'intent' | 'videoValues'>, status = 200) =>
    data({ intent, videoValues, ...extra } satisfies VideoFormResult, status);
  if (!videoValues.youtubeUrl)
    return result({ videoErrors: { youtubeUrl: 'Paste the link of a YouTube video.' } }, 400);
  const length = parseDuration(videoValues.length);
  if (!length.ok) return result({ videoErrors: { length: length.message } }, 400);

  try {
    if (intent === 'check-video') {
      const check = await context.trpc.lesson.validateVideo({ lessonId, youtubeUrl: videoValues.youtubeUrl });
      return result({ check });
    }
    await context.trpc.lesson.setVideo({
      lessonId,
      youtubeUrl: videoValues.youtubeUrl,
      videoDuration: length.seconds ?? undefined,
    });
    return await flash('The video is saved. Learners see it on the lesson page.');
  } catch (error) {
    const failure = callerFailure(error, ['youtubeUrl', 'videoDuration']);
    if (!failure || PAGE_CODES.includes(failure.code)) throw error;
    const { youtubeUrl, videoDuration } = failure.fieldErrors;
    // Without a YouTube API key the length is the one thing the server cannot find out.
    const aboutLength = Boolean(videoDuration) || /\blength\b|\bduration\b/i.test(failure.message);
    const videoErrors =
      youtubeUrl || videoDuration
        ? { youtubeUrl, length: videoDuration }
        : failure.code === 'BAD_REQUEST'
          ? aboutLength
            ? { length: failure.message }
            : { youtubeUrl: failure.message }
          : { form: failure.message };
    return result({ videoErrors }, 400);
  }
}

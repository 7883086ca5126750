import { Form, useLocation } from '@remix-run/react';
import { Alert } from '../forms/Alert';
import { ConfirmPanel } from '../forms/ConfirmPanel';
import { TextField } from '../forms/FormField';
import { SubmitButton } from '../forms/SubmitButton';
import { LESSON_LIMITS } from '../../../shared/fields/limits';
import { formatDuration, spokenDuration } from '~/lib/video';
import { VIDEO_ISSUE_TEXT, type VideoIssue } from '~/lib/video-issues';

export interface VideoCheckResult {
  valid: boolean;
  reason: string | null;
  title: string | null;
  durationSeconds: number | null;
  checkedWithYouTube: boolean;
}

export interface VideoFormState {
  intent: 'check-video' | 'save-video';
  videoValues: { youtubeUrl: string; length: string };
  videoErrors?: { youtubeUrl?: string; length?: string; form?: string };
  check?: VideoCheckResult;
}

/**
 * A lesson's YouTube video: set it from a link, check a link or the saved video, replace
 * or remove it. Once saved, the link is never shown again (the server does not return it).
 */
export function VideoEditor({
  video,
  here,
  form,
  currentCheck,
  currentCheckError,
  confirmRemove,
}: {
  video: { durationSeconds: number | null; thumbnailUrl: string | null; issue?: VideoIssue | null } | null;
  here: string;
  form?: VideoFormState;
  currentCheck?: VideoCheckResult;
  currentCheckError?: string;
  confirmRemove?: boolean;
}) {
  // A new location (after a save, a removal or Cancel) starts the form afresh: a saved
  // link must not linger in the field.
  const { key } = useLocation();
  return (
    <div className="form-stack video-editor">
      {video ? (
        <>
          {confirmRemove ? (
            <ConfirmPanel
              title="Remove this lesson’s video?"
              fields={{ intent: 'remove-video' }}
              confirmLabel="Remove video"
              pendingLabel="Removing…"
              cancelTo={here}
            >
              <p>Learners no longer see it, and their saved positions in it are forgotten.</p>
            </ConfirmPanel>
          ) : null}
          {video.issue ? (
            <Alert tone="error" title={VIDEO_ISSUE_TEXT[video.issue].title}>
              <p>
                {VIDEO_ISSUE_TEXT[video.issue].fix} Aurora checks every video once a day; this warning goes
                away by itself once the video plays again.
              </p>
            </Alert>
          ) : null}
          <div className="video-editor__current">
            {video.thumbnailUrl ? (
              <img src={video.thumbnailUrl} alt="" className="video-editor__thumb" />
            ) : (
              <span className="video-editor__thumb video-editor__thumb--none" aria-hidden="true">
                <svg width="36" height="36" viewBox="0 0 56 56" focusable="false">
                  <circle cx="28" cy="28" r="27" />
                  <path d="M23 19l15 9-15 9z" />
                </svg>
              </span>
            )}
            <div className="video-editor__facts">
              <p className="video-editor__status">This lesson has a video</p>
              <p className="muted small">
                {video.durationSeconds ? (
                  <>
                    Length{' '}
                    <time
                      dateTime={`PT${video.durationSeconds}S`}
                      aria-label={spokenDuration(video.durationSeconds)}
                    >
                      {formatDuration(video.durationSeconds)}
                    </time>
                  </>
                ) : (
                  'Length unknown'
                )}
                {' · '}the link stays private to Aurora.
              </p>
            </div>
          </div>
          <div className="form-actions">
            <Form method="post" preventScrollReset>
              <SubmitButton
                name="intent"
                value="check-current-video"
                tone="secondary"
                className="button--small"
                pendingLabel="Checking…"
                pendingWhen={{ intent: 'check-current-video' }}
              >
                Check video
              </SubmitButton>
            </Form>
            <Form method="post" preventScrollReset>
              <SubmitButton
                name="intent"
                value="remove-video"
                tone="quiet"
                className="button--small button--danger-text"
                pendingLabel="…"
                pendingWhen={{ intent: 'remove-video', confirmed: null }}
              >
                Remove video…
              </SubmitButton>
            </Form>
          </div>
          {currentCheck ? <CheckResult check={currentCheck} subject="The saved video" /> : null}
          {currentCheckError ? (
            <Alert tone="error" title="The video could not be checked">
              <p>{currentCheckError}</p>
            </Alert>
          ) : null}
        </>
      ) : (
        <p className="empty-note">No video yet. Add one from YouTube; learners watch it above the notes.</p>
      )}

      <Form
        key={key}
        method="post"
        noValidate
        preventScrollReset
        className="form-stack form-stack--tight video-form"
      >
        {video ? <h3 className="video-form__title">Replace the video</h3> : null}
        <TextField
          id="video-link"
          label="YouTube link"
          name="youtubeUrl"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://youtu.be/…"
          maxLength={LESSON_LIMITS.videoLink}
          defaultValue={form?.videoValues.youtubeUrl ?? ''}
          hint="A youtube.com or youtu.be link to one video. It is stored encrypted and never shown again."
          error={form?.videoErrors?.youtubeUrl}
          autoFocus={Boolean(form?.videoErrors?.youtubeUrl)}
        />
        <TextField
          id="video-length"
          label="Length"
          name="length"
          optional
          autoComplete="off"
          placeholder="m:ss"
          maxLength={12}
          className="video-form__length"
          defaultValue={form?.videoValues.length ?? ''}
          hint="m:ss, h:mm:ss or seconds. Needed when Aurora has no YouTube API key to look it up."
          error={form?.videoErrors?.length}
          autoFocus={Boolean(form?.videoErrors?.length && !form.videoErrors.youtubeUrl)}
        />
        {form?.videoErrors?.form ? (
          <Alert tone="error" title="That didn’t work">
            <p>{form.videoErrors.form}</p>
          </Alert>
        ) : null}
        {form?.check ? <CheckResult check={form.check} subject="This link" /> : null}
        <div className="form-actions">
          <SubmitButton
            name="intent"
            value="save-video"
            pendingLabel="Saving…"
            pendingWhen={{ intent: 'save-video' }}
          >
            {video ? 'Replace video' : 'Save video'}
          </SubmitButton>
          <SubmitButton
            name="intent"
            value="check-video"
            tone="secondary"
            pendingLabel="Checking…"
            pendingWhen={{ intent: 'check-video' }}
          >
            Check link
          </SubmitButton>
        </div>
      </Form>
    </div>
  );
}

function CheckResult({ check, subject }: { check: VideoCheckResult; subject: string }) {
  if (!check.valid) {
    return (
      <Alert tone="warning" title={`${subject} can’t be used`}>
        <p>{check.reason ?? 'YouTube did not accept it.'}</p>
      </Alert>
    );
  }
  const facts = [
    check.title ? `“${check.title}”` : null,
    check.durationSeconds ? `Length ${formatDuration(check.durationSeconds)}` : null,
  ].filter(Boolean);
  return (
    <Alert tone="success" title={`${subject} looks good`}>
      {facts.length > 0 ? <p>{facts.join(' · ')}</p> : null}
      <p>
        {check.checkedWithYouTube
          ? 'YouTube confirmed the video can be embedded.'
          : 'Only the link’s form was checked: Aurora has no YouTube API key, so enter the length yourself.'}
      </p>
    </Alert>
  );
}

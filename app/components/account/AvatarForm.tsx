import { Form } from '@remix-run/react';
import { useState, type ChangeEvent } from 'react';
import { Avatar } from '../Avatar';
import { FormField } from '../forms/FormField';
import { SubmitButton } from '../forms/SubmitButton';
import { UPLOAD_MAX_BYTES } from '../../../shared/fields/limits';
import { AVATAR_TYPES, avatarProblem } from '~/lib/avatar';

/**
 * The profile picture: what it is now, a new one (multipart upload, works without
 * JavaScript) and a way to go back to initials. With JavaScript a chosen file is
 * checked and previewed before it is sent, so a too-large photo fails at once.
 */
export function AvatarForm({
  name,
  avatarUrl,
  error,
}: {
  name: string;
  avatarUrl: string | null;
  error: string | undefined;
}) {
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    setPreview(null);
    const found = file ? avatarProblem({ size: file.size, type: file.type }) : null;
    setProblem(found);
    if (!file || found) return;
    // A data: URL, because the Content-Security-Policy allows data: images but not blob: ones.
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      if (typeof reader.result === 'string') setPreview(reader.result);
    });
    reader.readAsDataURL(file);
  }

  return (
    <div className="avatar-editor">
      <div className="avatar-editor__picture">
        <Avatar name={name} url={preview ?? avatarUrl} size="xl" />
        {preview ? <span className="badge">Preview</span> : null}
      </div>
      <Form
        method="post"
        encType="multipart/form-data"
        noValidate
        className="avatar-editor__form form-stack form-stack--tight"
        onSubmit={(event) => {
          // Only an upload needs a good file; "Remove picture" goes through whatever is chosen.
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          if (problem && submitter?.getAttribute('value') === 'avatar') event.preventDefault();
        }}
      >
        <FormField
          id="avatar-file"
          label="Profile picture"
          hint={`PNG, JPEG, GIF or WebP, up to ${UPLOAD_MAX_BYTES.avatar / 1024 / 1024} MB. A square picture looks best.`}
          error={problem ?? error}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              name="avatar"
              accept={AVATAR_TYPES.join(',')}
              className="file-input"
              onChange={choose}
              autoFocus={Boolean(error)}
            />
          )}
        </FormField>
        {/* The clicked button names the intent; Upload comes first, so Enter means upload. */}
        <div className="form-actions">
          <SubmitButton
            name="intent"
            value="avatar"
            pendingLabel="Uploading…"
            pendingWhen={{ intent: 'avatar' }}
            tone="secondary"
          >
            Upload picture
          </SubmitButton>
          {avatarUrl ? (
            <SubmitButton
              name="intent"
              value="remove-avatar"
              pendingLabel="Removing…"
              pendingWhen={{ intent: 'remove-avatar' }}
              tone="quiet"
              className="button--muted"
            >
              Remove picture
            </SubmitButton>
          ) : null}
        </div>
      </Form>
    </div>
  );
}

import { Form } from '@remix-run/react';
import { useState, type ChangeEvent } from 'react';
import { CourseThumb } from '../courses/CourseThumb';
import { FormField } from '../forms/FormField';
import { SubmitButton } from '../forms/SubmitButton';
import { UPLOAD_MAX_BYTES } from '../../../shared/fields/limits';
import { THUMBNAIL_TYPES } from '~/lib/courses';

function thumbnailProblem(file: File): string | null {
  if (!(THUMBNAIL_TYPES as readonly string[]).includes(file.type))
    return 'Choose a PNG, JPEG or WebP picture.';
  if (file.size > UPLOAD_MAX_BYTES.thumbnail)
    return 'That picture is larger than 1 MB. Export it smaller and try again.';
  return null;
}

/**
 * The course's cover picture: multipart, so it works without JavaScript; with it, the
 * chosen file is checked and previewed before it is sent.
 */
export function ThumbnailForm({
  title,
  category,
  thumbnailUrl,
  error,
}: {
  title: string;
  category: string;
  thumbnailUrl: string | null;
  error?: string;
}) {
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    setPreview(null);
    const found = file ? thumbnailProblem(file) : null;
    setProblem(found);
    if (!file || found) return;
    // A data: URL: the Content-Security-Policy allows data: images, not blob: ones.
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      if (typeof reader.result === 'string') setPreview(reader.result);
    });
    reader.readAsDataURL(file);
  }

  return (
    <div className="thumb-editor">
      <CourseThumb title={title} category={category} thumbnailUrl={preview ?? thumbnailUrl} size="hero" />
      <Form
        method="post"
        encType="multipart/form-data"
        noValidate
        className="form-stack form-stack--tight"
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          if (problem && submitter?.getAttribute('value') === 'thumbnail') event.preventDefault();
        }}
      >
        <FormField
          id="thumbnail-file"
          label="Cover picture"
          hint="PNG, JPEG or WebP, up to 1 MB and 1920×1080. 16:9 looks best."
          error={problem ?? error}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              name="thumbnail"
              accept={THUMBNAIL_TYPES.join(',')}
              className="file-input"
              onChange={choose}
              autoFocus={Boolean(error)}
            />
          )}
        </FormField>
        <div className="form-actions">
          <SubmitButton
            name="intent"
            value="thumbnail"
            tone="secondary"
            pendingLabel="Uploading…"
            pendingWhen={{ intent: 'thumbnail' }}
          >
            Upload picture
          </SubmitButton>
          {thumbnailUrl ? (
            <SubmitButton
              name="intent"
              value="remove-thumbnail"
              tone="quiet"
              className="button--muted"
              pendingLabel="Removing…"
              pendingWhen={{ intent: 'remove-thumbnail' }}
            >
              Remove picture
            </SubmitButton>
          ) : null}
        </div>
      </Form>
    </div>
  );
}

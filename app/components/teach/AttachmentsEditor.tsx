import { Form, Link } from '@remix-run/react';
import { useState, type ChangeEvent } from 'react';
import { ConfirmPanel } from '../forms/ConfirmPanel';
import { FormField } from '../forms/FormField';
import { SubmitButton } from '../forms/SubmitButton';
import { UPLOAD_MAX_BYTES } from '../../../shared/fields/limits';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_MB,
  ATTACHMENT_TOO_LARGE,
  fileBadge,
  fileKind,
  formatBytes,
} from '~/lib/courses';
import { formatDate, isoDate } from '~/lib/format';

export interface EditableAttachment {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  version: number;
  uploadedAt: string;
  url: string;
  /** The one-time key of this file's "Replace" form. */
  uploadKey: string;
  history: { version: number; name: string; size: number; uploadedAt: string }[];
}

function sizeProblem(event: ChangeEvent<HTMLInputElement>): string | null {
  const file = event.currentTarget.files?.[0];
  return file && file.size > UPLOAD_MAX_BYTES.attachment ? ATTACHMENT_TOO_LARGE : null;
}

/**
 * A lesson's files: add, replace (a new version), remove with confirmation, see history.
 * Each upload form posts its one-time `uploadKey`, so a resent submission stores nothing
 * twice; the forms are keyed by it, so a new key (after a success) gives an empty picker.
 */
export function AttachmentsEditor({
  attachments,
  uploadKey,
  error,
  confirmRemove,
  here,
}: {
  attachments: readonly EditableAttachment[];
  /** The one-time key of the "Add a file" form. */
  uploadKey: string;
  error?: { attachmentId: string | null; message: string };
  confirmRemove?: { attachmentId: string; name: string };
  here: string;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="form-stack">
      {confirmRemove ? (
        <ConfirmPanel
          title={`Remove “${confirmRemove.name}”?`}
          fields={{
            intent: 'remove-attachment',
            attachmentId: confirmRemove.attachmentId,
            name: confirmRemove.name,
          }}
          confirmLabel="Remove file"
          pendingLabel="Removing…"
          cancelTo={here}
        >
          <p>Learners can no longer download it, and its earlier versions are removed too.</p>
        </ConfirmPanel>
      ) : null}
      {attachments.length > 0 ? (
        <ul className="attachments attachments--editor">
          {attachments.map((file) => (
            <li key={file.id} className="attachment attachment--editor">
              <span className="attachment__icon" aria-hidden="true">
                {fileBadge(file.mimeType, file.name)}
              </span>
              <span className="attachment__text">
                <a href={file.url} download={file.name} className="attachment__name">
                  {file.name}
                </a>
                <span className="attachment__meta">
                  {fileKind(file.mimeType, file.name)} · {formatBytes(file.size)} · version {file.version} ·{' '}
                  <time dateTime={isoDate(file.uploadedAt)}>{formatDate(file.uploadedAt)}</time>
                </span>
                {file.history.length > 1 ? (
                  <details className="history">
                    <summary>Version history ({file.history.length})</summary>
                    <ol reversed className="history__list">
                      {file.history.map((entry) => (
                        <li key={entry.version}>
                          v{entry.version} · {entry.name} · {formatBytes(entry.size)} ·{' '}
                          <time dateTime={isoDate(entry.uploadedAt)}>{formatDate(entry.uploadedAt)}</time>
                        </li>
                      ))}
                    </ol>
                  </details>
                ) : null}
              </span>
              <span className="attachment__tools">
                <Form
                  key={file.uploadKey}
                  method="post"
                  encType="multipart/form-data"
                  className="replace-form"
                >
                  <input type="hidden" name="attachmentId" value={file.id} />
                  <input type="hidden" name="uploadKey" value={file.uploadKey} />
                  <label className="visually-hidden" htmlFor={`replace-${file.id}`}>
                    New version of {file.name}
                  </label>
                  <input
                    id={`replace-${file.id}`}
                    type="file"
                    name="file"
                    accept={ATTACHMENT_ACCEPT}
                    className="file-input file-input--compact"
                  />
                  <SubmitButton
                    name="intent"
                    value="replace-attachment"
                    tone="secondary"
                    className="button--small"
                    pendingLabel="Uploading…"
                    pendingWhen={{ intent: 'replace-attachment', attachmentId: file.id }}
                    aria-label={`Replace ${file.name}`}
                  >
                    Replace
                  </SubmitButton>
                </Form>
                <Form method="post">
                  <input type="hidden" name="attachmentId" value={file.id} />
                  <input type="hidden" name="name" value={file.name} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove-attachment"
                    className="button button--quiet button--small button--danger-text"
                    aria-label={`Remove ${file.name}`}
                  >
                    Remove
                  </button>
                </Form>
                {error?.attachmentId === file.id ? (
                  <p className="field__error" role="alert">
                    {error.message}
                  </p>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-note">No files yet. Add slides, worksheets or readings for this lesson.</p>
      )}
      <Form
        key={uploadKey}
        method="post"
        encType="multipart/form-data"
        noValidate
        className="form-stack form-stack--tight add-file"
        onSubmit={(event) => {
          if (problem) event.preventDefault();
        }}
      >
        <input type="hidden" name="uploadKey" value={uploadKey} />
        <FormField
          id="attachment-file"
          label="Add a file"
          hint={`PDF, Office or OpenDocument files, CSV, text, Markdown, ZIP, images or audio; up to ${ATTACHMENT_MAX_MB} MB.`}
          error={problem ?? (error && !error.attachmentId ? error.message : undefined)}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              name="file"
              accept={ATTACHMENT_ACCEPT}
              className="file-input"
              onChange={(event) => setProblem(sizeProblem(event))}
              autoFocus={Boolean(error && !error.attachmentId)}
            />
          )}
        </FormField>
        <div className="form-actions">
          <SubmitButton
            name="intent"
            value="add-attachment"
            tone="secondary"
            pendingLabel="Uploading…"
            pendingWhen={{ intent: 'add-attachment' }}
          >
            Upload file
          </SubmitButton>
        </div>
      </Form>
      <p className="muted small">
        <Link to={here.replace(/\/teach\/courses\/([^/]+)\/lessons\//, '/courses/$1/lessons/')}>
          See the lesson as learners do
        </Link>
      </p>
    </div>
  );
}

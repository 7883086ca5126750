import { fileBadge, fileKind, formatBytes } from '~/lib/courses';

export interface AttachmentItem {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  url: string;
}

/** A lesson's files, each a download link that the server checks on every request. */
export function AttachmentList({ attachments }: { attachments: readonly AttachmentItem[] }) {
  return (
    <ul className="attachments">
      {attachments.map((file) => (
        <li key={file.id} className="attachment">
          <span className="attachment__icon" aria-hidden="true">
            {fileBadge(file.mimeType, file.name)}
          </span>
          <span className="attachment__text">
            <a href={file.url} download={file.name} className="attachment__name">
              {file.name}
            </a>
            <span className="attachment__meta">
              {fileKind(file.mimeType, file.name)} · {formatBytes(file.size)}
            </span>
          </span>
          <a
            href={file.url}
            download={file.name}
            className="button button--quiet button--small"
            aria-hidden="true"
            tabIndex={-1}
          >
            Download
          </a>
        </li>
      ))}
    </ul>
  );
}

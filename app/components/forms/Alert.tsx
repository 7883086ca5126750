import type { ReactNode } from 'react';

type Tone = 'success' | 'error' | 'info' | 'warning';

const ICON_PATH: Record<Tone, string> = {
  success: 'M5 10.5l3.2 3.2L15 7',
  error: 'M10 6v5M10 14v.01',
  warning: 'M10 6v5M10 14v.01',
  info: 'M10 9v5M10 6v.01',
};

/**
 * A message box. Errors use role="alert" so they are announced at once; the rest are
 * polite status messages.
 */
export function Alert({
  tone,
  title,
  children,
  id,
}: {
  tone: Tone;
  title?: ReactNode;
  children?: ReactNode;
  id?: string;
}) {
  return (
    <div id={id} className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <svg className="alert__icon" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
        <circle cx="10" cy="10" r="9" />
        <path d={ICON_PATH[tone]} />
      </svg>
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children}
      </div>
    </div>
  );
}

/**
 * A course's progress as a bar people can read and assistive technology can announce
 * (role=progressbar with aria-valuenow). The number is always shown in words too, so
 * the colour of the bar is never the only signal.
 */
export function ProgressBar({
  value,
  label,
  showValue = true,
  size = 'md',
  className,
  valueText,
}: {
  /** 0–100; anything outside is clamped and rounded. */
  value: number;
  /** What the bar measures, e.g. "Progress in Photosynthesis". */
  label: string;
  showValue?: boolean;
  size?: 'sm' | 'md';
  className?: string;
  /** What a screen reader says for the value; "N% complete" by default. */
  valueText?: string;
}) {
  const percent = clampPercent(value);
  return (
    <div className={['progress-meter', `progress-meter--${size}`, className ?? ''].filter(Boolean).join(' ')}>
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={valueText ?? `${percent}% complete`}
      >
        {/* The CSP forbids style attributes, so an SVG attribute draws the bar: the track is
            the gradient and this rectangle covers the part not done yet. */}
        <svg className="progress__svg" aria-hidden="true" focusable="false" preserveAspectRatio="none">
          <rect
            className="progress__rest"
            x={`${percent}%`}
            y="0"
            width={`${100 - percent}%`}
            height="100%"
          />
        </svg>
      </div>
      {showValue ? (
        <span className="progress-meter__value" aria-hidden="true">
          {percent}%
        </span>
      ) : null}
    </div>
  );
}

export function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, Math.round(value)));
}

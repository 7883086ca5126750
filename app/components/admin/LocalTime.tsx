import { useHydrated } from '~/lib/hydrated';

const UTC_DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const UTC_CLOCK = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** The browser's own time zone (no `timeZone`): only ever used after hydration. */
function localParts(date: Date): [string, string] {
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  const clock = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  });
  return [day.format(date), clock.format(date)];
}

/**
 * An instant in the viewer's time zone, with UTC on hover. The server cannot know the
 * zone, so it renders UTC, and so does the browser while hydrating (the same markup, no
 * mismatch); right after hydration it re-renders in local time. Without JavaScript the
 * page simply stays in UTC, which it says.
 */
export function LocalTime({ value, className }: { value: string; className?: string }) {
  const hydrated = useHydrated();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span className={className}>{value}</span>;
  const utc: [string, string] = [UTC_DAY.format(date), `${UTC_CLOCK.format(date)} UTC`];
  const [day, clock] = hydrated ? localParts(date) : utc;
  return (
    <time dateTime={date.toISOString()} title={utc.join(' ')} className={className}>
      <span className="local-time__day">{day}</span> <span className="local-time__clock">{clock}</span>
    </time>
  );
}

import { useId } from 'react';

/** Aurora's mark: three arcs of northern light over a horizon. Decorative; the link names it. */
export function Logo({ size = 32 }: { size?: number }) {
  // useId keeps gradient ids unique when the mark appears twice (header and footer).
  const id = `aurora-${useId().replace(/:/g, '')}`;
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" className="logo">
      <defs>
        <linearGradient id={id} x1="0" y1="1" x2="1" y2="0">
          <stop offset="0" stopColor="#0f9d8a" />
          <stop offset="0.55" stopColor="#4f7be8" />
          <stop offset="1" stopColor="#8b5cf6" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="9" fill={`url(#${id})`} />
      <path
        d="M6 23c3-8 7-12 10-12s7 4 10 12"
        fill="none"
        stroke="#fff"
        strokeWidth="2.6"
        strokeLinecap="round"
      />
      <path
        d="M10 23c2-5 4-7.5 6-7.5s4 2.5 6 7.5"
        fill="none"
        stroke="#fff"
        strokeOpacity=".7"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
      <circle cx="16" cy="23" r="1.8" fill="#fff" />
    </svg>
  );
}

import type { ReactNode } from 'react';

interface Point {
  title: string;
  text: string;
  icon: ReactNode;
}

const POINTS: Point[] = [
  {
    title: 'Built for how people learn',
    text: 'Video lessons that remember where you stopped, clear progress on every course, and assignments and discussions in the same place. Learners always know what comes next.',
    icon: <path d="M4 19V6a2 2 0 0 1 2-2h12v15H6a2 2 0 0 0-2 2Zm0 0a2 2 0 0 0 2 2h12M9 8h5" />,
  },
  {
    title: 'Effortless for teachers',
    text: 'Write courses in simple forms, add videos and materials, publish when you are ready, and see at a glance who is flying and who needs a hand.',
    icon: <path d="M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />,
  },
  {
    title: 'Yours to run, safe by design',
    text: 'Open source, on your own server with one command, or on Appwrite when you outgrow it. Videos are access-controlled and audited, and your data never leaves your hands.',
    icon: <path d="M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6Zm-3 9 2 2 4-4" />,
  },
];

export function ValuePoints() {
  return (
    <section className="values" aria-labelledby="values-title">
      <div className="container">
        <div className="section-heading">
          <p className="eyebrow">Why Aurora</p>
          <h2 id="values-title">Everything a school needs, nothing it doesn’t</h2>
        </div>
        <ul className="values__grid">
          {POINTS.map((point) => (
            <li key={point.title} className="card values__item">
              <span className="values__icon">
                <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  {point.icon}
                </svg>
              </span>
              <h3>{point.title}</h3>
              <p>{point.text}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

const LESSONS = [
  { title: 'What is a cell?', minutes: 8, state: 'done' },
  { title: 'Inside the nucleus', minutes: 12, state: 'done' },
  { title: 'Mitochondria at work', minutes: 10, state: 'current' },
  { title: 'How cells divide', minutes: 14, state: 'next' },
] as const;

/** A picture of Aurora's course view, drawn in HTML so it stays crisp, light and themeable. */
export function CourseMock() {
  return (
    <figure
      className="course-mock"
      role="img"
      aria-label="A course in Aurora: progress, lessons and a graded assignment"
    >
      <div className="course-mock__card" aria-hidden="true">
        <div className="course-mock__head">
          <div className="course-mock__thumb" />
          <div>
            <p className="course-mock__title">Biology 101: Cells and life</p>
            <p className="course-mock__meta">Ms. Rivera · 12 lessons</p>
          </div>
        </div>
        <div className="course-mock__progress">
          <div className="course-mock__progress-label">
            <span>Your progress</span>
            <strong>68%</strong>
          </div>
          <div className="progress">
            <div className="progress__bar course-mock__progress-bar" />
          </div>
        </div>
        <ol className="course-mock__lessons">
          {LESSONS.map((lesson) => (
            <li key={lesson.title} className={`course-mock__lesson course-mock__lesson--${lesson.state}`}>
              <span className="course-mock__dot" />
              <span className="course-mock__lesson-title">{lesson.title}</span>
              <span className="course-mock__lesson-time">
                {lesson.state === 'current' ? 'Continue' : `${lesson.minutes} min`}
              </span>
            </li>
          ))}
        </ol>
      </div>
      <div className="course-mock__chip" aria-hidden="true">
        <span className="course-mock__chip-mark">✓</span>
        Assignment graded · 9/10
      </div>
    </figure>
  );
}

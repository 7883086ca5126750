const STEPS = [
  {
    title: 'Install in minutes',
    text: 'One command starts Aurora with its own database. No cloud account, no licence keys.',
  },
  {
    title: 'Invite your teachers',
    text: 'Give colleagues the instructor role and they can build their first course the same day.',
  },
  {
    title: 'Open the doors',
    text: 'Publish courses to the catalog; learners enroll, watch, hand in work and track their progress.',
  },
];

export function Steps() {
  return (
    <section className="steps" aria-labelledby="steps-title">
      <div className="container">
        <div className="section-heading">
          <p className="eyebrow">How it works</p>
          <h2 id="steps-title">From download to first lesson in an afternoon</h2>
        </div>
        <ol className="steps__list">
          {STEPS.map((step) => (
            <li key={step.title} className="steps__item">
              <h3>{step.title}</h3>
              <p>{step.text}</p>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

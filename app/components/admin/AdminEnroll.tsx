import { Form, Link } from '@remix-run/react';
import { useEffect, useId, useRef } from 'react';
import { SubmitButton } from '../forms/SubmitButton';

export interface EnrollChoice {
  userId: string;
  name: string;
  courses: { id: string; title: string }[];
}

/**
 * The second step of "Enroll in a course…": pick one of the published courses. An
 * admin may enroll anyone in any published course, paid ones included.
 */
export function AdminEnroll({ choice, cancelTo }: { choice: EnrollChoice; cancelTo: string }) {
  const titleId = useId();
  const selectId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="confirm confirm--primary" aria-labelledby={titleId}>
      <h2 id={titleId} className="confirm__title" tabIndex={-1} ref={headingRef} autoFocus>
        Enroll {choice.name} in a course
      </h2>
      {choice.courses.length === 0 ? (
        <div className="confirm__body">
          <p>There are no published courses yet. Publish a course first, then enroll people in it.</p>
          <div className="actions">
            <Link to={cancelTo} className="button button--secondary" preventScrollReset>
              Close
            </Link>
          </div>
        </div>
      ) : (
        <Form method="post" className="form-stack form-stack--tight">
          <input type="hidden" name="intent" value="enroll" />
          <input type="hidden" name="userId" value={choice.userId} />
          <input type="hidden" name="name" value={choice.name} />
          <input type="hidden" name="confirmed" value="yes" />
          <div className="field">
            <label htmlFor={selectId} className="field__label">
              Course
            </label>
            <select id={selectId} name="courseId" className="input select" required>
              {choice.courses.map((course) => (
                <option key={course.id} value={course.id}>
                  {course.title}
                </option>
              ))}
            </select>
            <p className="field__hint">
              They can open every lesson at once, including in paid courses. They can leave the course
              themselves.
            </p>
          </div>
          <div className="actions">
            <SubmitButton
              pendingLabel="Enrolling…"
              pendingWhen={{ intent: 'enroll', userId: choice.userId, confirmed: 'yes' }}
            >
              Enroll
            </SubmitButton>
            <Link to={cancelTo} className="button button--secondary" preventScrollReset>
              Cancel
            </Link>
          </div>
        </Form>
      )}
    </section>
  );
}

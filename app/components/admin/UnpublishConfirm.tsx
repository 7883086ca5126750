import { Form, Link } from '@remix-run/react';
import { useEffect, useId, useRef } from 'react';
import { SubmitButton } from '../forms/SubmitButton';
import { COURSE_LIMITS } from '../../../shared/fields/limits';

export interface PendingUnpublish {
  courseId: string;
  title: string;
  /** The instructor's name, for the sentence; the course id decides what changes. */
  instructor: string;
}

/**
 * The second step of "Unpublish…" on someone's course: it says what happens and takes
 * an optional reason, which goes into the security log with the act.
 */
export function UnpublishConfirm({ pending, cancelTo }: { pending: PendingUnpublish; cancelTo: string }) {
  const titleId = useId();
  const reasonId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="confirm confirm--danger" aria-labelledby={titleId}>
      {/* autoFocus serves the no-JavaScript page; React ignores it on headings when mounting. */}
      <h2 id={titleId} className="confirm__title" tabIndex={-1} ref={headingRef} autoFocus>
        Unpublish “{pending.title}”?
      </h2>
      <div className="confirm__body">
        <ul className="consequences">
          <li>It leaves the catalog at once; nobody new can enroll.</li>
          <li>People already enrolled keep their access and progress.</li>
          <li>
            {pending.instructor} can publish it again. The security log records that you unpublished it.
          </li>
        </ul>
      </div>
      <Form method="post" className="form-stack form-stack--tight">
        <input type="hidden" name="intent" value="unpublish" />
        <input type="hidden" name="courseId" value={pending.courseId} />
        <input type="hidden" name="title" value={pending.title} />
        <input type="hidden" name="instructor" value={pending.instructor} />
        <input type="hidden" name="confirmed" value="yes" />
        <div className="field">
          <label htmlFor={reasonId} className="field__label">
            Reason <span className="field__optional">(optional)</span>
          </label>
          <input
            id={reasonId}
            name="reason"
            className="input"
            maxLength={COURSE_LIMITS.unpublishReason}
            autoComplete="off"
          />
        </div>
        <div className="actions">
          <SubmitButton
            tone="danger"
            pendingLabel="Unpublishing…"
            pendingWhen={{ intent: 'unpublish', courseId: pending.courseId, confirmed: 'yes' }}
          >
            Unpublish
          </SubmitButton>
          <Link to={cancelTo} className="button button--secondary" preventScrollReset>
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}

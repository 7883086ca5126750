import type { ReactNode } from 'react';
import { Logo } from '../Logo';

/** The frame of the sign-in, sign-up and sign-out pages: one focused card on a soft aurora glow. */
export function AuthLayout({
  title,
  lead,
  children,
  footer,
}: {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  /** Below the card: the way to the other form ("New to Aurora? Create an account"). */
  footer?: ReactNode;
}) {
  return (
    <div className="auth">
      <div className="auth__inner container">
        <section className="auth__card" aria-labelledby="auth-title">
          <Logo size={40} />
          <h1 id="auth-title" className="auth__title">
            {title}
          </h1>
          {lead ? <div className="auth__lead">{lead}</div> : null}
          {children}
        </section>
        {footer ? <div className="auth__footer">{footer}</div> : null}
      </div>
    </div>
  );
}

import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { CourseMock } from '~/components/home/CourseMock';
import { Steps } from '~/components/home/Steps';
import { ValuePoints } from '~/components/home/ValuePoints';
import homeStylesUrl from '~/styles/home.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: homeStylesUrl }];

export const meta: MetaFunction = () => [
  { title: 'Aurora — the learning platform your school owns' },
  {
    name: 'description',
    content:
      'Courses, video lessons, assignments and progress in one fast, friendly place. Open source, on your own server.',
  },
];

export default function Home() {
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero__inner container">
          <div className="hero__copy">
            <p className="eyebrow">Open-source learning platform</p>
            <h1 id="hero-title" className="hero__title">
              The learning platform your school owns,{' '}
              <span className="hero__highlight">and students enjoy</span>.
            </h1>
            <p className="hero__lead">
              Aurora brings courses, video lessons, assignments and progress together in one fast, friendly
              place. Start on a single server today and grow to a cluster tomorrow, without changing a thing
              for your teachers.
            </p>
            <div className="actions">
              <Link to="/sign-up" className="button button--primary button--large">
                Get started free
              </Link>
              <Link to="/catalog" className="button button--secondary button--large">
                Browse the catalog
              </Link>
            </div>
            <ul className="hero__assurances">
              <li>No per-seat fees</li>
              <li>Works on any device</li>
              <li>Your data stays yours</li>
            </ul>
          </div>
          <CourseMock />
        </div>
      </section>

      <ValuePoints />
      <Steps />

      <section className="cta-band" aria-labelledby="cta-title">
        <div className="container">
          <div className="cta-band__panel">
            <div>
              <h2 id="cta-title">Bring Aurora to your school</h2>
              <p>Set it up in an afternoon. Your teachers will feel at home by the end of the week.</p>
            </div>
            <div className="actions">
              <Link to="/sign-up" className="button button--inverse button--large">
                Get started free
              </Link>
            </div>
          </div>
        </div>
      </section>
    </>
  );
}

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { rememberingMatchRoutes } from './route-matching';

type MatchRoutes = Parameters<typeof rememberingMatchRoutes>[0];
const { matchRoutes } = createRequire(import.meta.url)('@remix-run/router') as { matchRoutes: MatchRoutes };

/** A tree shaped like Aurora's: a root, index routes, params, a splat; new objects per call. */
function routeTree() {
  return [
    {
      id: 'root',
      path: '',
      children: [
        { id: 'routes/_index', index: true },
        { id: 'routes/catalog', path: 'catalog' },
        { id: 'routes/courses.$courseId._index', path: 'courses/:courseId', index: false },
        {
          id: 'routes/courses.$courseId.lessons.$lessonId',
          path: 'courses/:courseId/lessons/:lessonId',
        },
        {
          id: 'routes/teach',
          path: 'teach',
          children: [
            { id: 'routes/teach._index', index: true },
            { id: 'routes/teach.courses.$courseId', path: 'courses/:courseId' },
          ],
        },
        { id: 'routes/$', path: '*' },
      ],
    },
  ];
}

const PATHS = [
  '/',
  '/catalog',
  '/catalog?q=design#top',
  '/courses/abc',
  '/courses/abc/lessons/l%20one',
  '/teach',
  '/teach/courses/c1',
  '/no/such/page',
  '/Catalog',
];

describe('remembered route matches', () => {
  it('answers exactly as React Router does, first time and after', () => {
    const remembering = rememberingMatchRoutes(matchRoutes);
    for (let round = 0; round < 2; round++) {
      for (const path of PATHS) {
        const routes = routeTree();
        expect(remembering(routes, path), `${path} (round ${round})`).toEqual(matchRoutes(routes, path));
      }
    }
  });

  it('gives back the caller’s own route objects and a fresh params object', () => {
    const remembering = rememberingMatchRoutes(matchRoutes);
    remembering(routeTree(), '/courses/abc/lessons/l1');
    const routes = routeTree();
    const matches = remembering(routes, '/courses/abc/lessons/l1') ?? [];
    expect(matches.map((match) => match.route)).toEqual([routes[0], routes[0]?.children[3]]);
    expect(matches[0]?.route).toBe(routes[0]);
    expect(matches[0]?.params).toBe(matches[1]?.params);
    (matches[0]?.params ?? {}).lessonId = 'changed';
    expect(remembering(routes, '/courses/abc/lessons/l1')?.[0]?.params.lessonId).toBe('l1');
  });

  it('keeps trees of other shapes apart, and honours the basename and location objects', () => {
    const remembering = rememberingMatchRoutes(matchRoutes);
    const other = [{ id: 'root', path: '', children: [{ id: 'routes/catalog', path: 'shop' }] }];
    expect(remembering(routeTree(), '/catalog')).not.toBeNull();
    expect(remembering(other, '/catalog')).toBeNull();
    expect(remembering(other, '/shop')).toEqual(matchRoutes(other, '/shop'));
    expect(remembering(routeTree(), '/app/catalog', '/app')).toEqual(
      matchRoutes(routeTree(), '/app/catalog', '/app'),
    );
    expect(remembering(routeTree(), { pathname: '/teach' })).toEqual(
      matchRoutes(routeTree(), { pathname: '/teach' }),
    );
  });

  it('leaves trees without unique route ids to React Router', () => {
    let calls = 0;
    const counting: MatchRoutes = (routes, location, basename) => {
      calls += 1;
      return matchRoutes(routes, location, basename);
    };
    const remembering = rememberingMatchRoutes(counting);
    const unnamed = [{ path: 'a' }, { path: 'b' }];
    remembering(unnamed, '/a');
    remembering(unnamed, '/a');
    expect(calls).toBe(2);
    remembering(routeTree(), '/catalog');
    remembering(routeTree(), '/catalog');
    expect(calls).toBe(3);
  });
});

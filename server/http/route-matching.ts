/**
 * Remix matches the URL against the route tree about eight times per page (the server
 * runtime, the data router, the manifest sent to the browser for each parent path, the
 * rendered router), and React Router's `matchRoutes` flattens, ranks and compiles every
 * route of the tree each time: on a lesson page that was a tenth of the server's CPU.
 * The tree is fixed for a build, so the answer for a path is too: this remembers it.
 *
 * The callers build new route objects per request, so answers are remembered by the
 * tree's shape (route ids and paths) and given back with the caller's own route
 * objects. Installed once over the `matchRoutes` export every Remix and React Router
 * module calls through (decision 0036 records why this is worth patching a library for).
 */
import { createRequire } from 'node:module';

interface RouteLike {
  id?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteLike[];
}
interface Match {
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
  route: RouteLike;
}
type MatchRoutes = (
  routes: RouteLike[],
  location: string | { pathname?: string },
  basename?: string,
) => Match[] | null;

interface RememberedMatch {
  routeId: string;
  pathname: string;
  pathnameBase: string;
}
interface Remembered {
  params: Record<string, string | undefined>;
  matches: RememberedMatch[];
}

/** Paths remembered per route tree: ids make paths unbounded, so the oldest go. */
const PATHS_PER_TREE = 2000;

interface Tree {
  shape: string;
  byId: Map<string, RouteLike>;
}

function treeOf(routes: RouteLike[], trees: WeakMap<RouteLike[], Tree | null>): Tree | null {
  const known = trees.get(routes);
  if (known !== undefined) return known;
  const byId = new Map<string, RouteLike>();
  const parts: string[] = [];
  let complete = true;
  const walk = (list: RouteLike[]) => {
    parts.push('[');
    for (const route of list) {
      if (typeof route.id !== 'string' || byId.has(route.id)) complete = false;
      else byId.set(route.id, route);
      parts.push(
        `${route.id ?? ''}|${route.path ?? ''}|${route.index ? 1 : 0}|${route.caseSensitive ? 1 : 0}`,
      );
      if (route.children) walk(route.children);
    }
    parts.push(']');
  };
  walk(routes);
  // Routes without unique ids cannot be given back by id: those are matched as before.
  const tree = complete ? { shape: parts.join(','), byId } : null;
  trees.set(routes, tree);
  return tree;
}

function pathnameOf(location: string | { pathname?: string }): string {
  const path = typeof location === 'string' ? location : (location.pathname ?? '/');
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

export function rememberingMatchRoutes(match: MatchRoutes): MatchRoutes {
  const trees = new WeakMap<RouteLike[], Tree | null>();
  const answers = new Map<string, Map<string, Remembered | null>>();

  return (routes, location, basename = '/') => {
    const tree = treeOf(routes, trees);
    if (!tree) return match(routes, location, basename);
    let byPath = answers.get(tree.shape);
    if (!byPath) {
      byPath = new Map();
      answers.set(tree.shape, byPath);
    }
    const key = `${basename}\n${pathnameOf(location)}`;
    let remembered = byPath.get(key);
    if (remembered === undefined) {
      const found = match(routes, location, basename);
      remembered = found && {
        params: { ...found[0]?.params },
        matches: found.map((item) => ({
          routeId: item.route.id ?? '',
          pathname: item.pathname,
          pathnameBase: item.pathnameBase,
        })),
      };
      if (byPath.size >= PATHS_PER_TREE) {
        const oldest = byPath.keys().next();
        if (!oldest.done) byPath.delete(oldest.value);
      }
      byPath.set(key, remembered);
    }
    if (!remembered) return null;
    // One params object shared by every match, as React Router gives it.
    const params = { ...remembered.params };
    const result: Match[] = [];
    for (const item of remembered.matches) {
      const route = tree.byId.get(item.routeId);
      if (!route) return match(routes, location, basename);
      result.push({ params, pathname: item.pathname, pathnameBase: item.pathnameBase, route });
    }
    return result;
  };
}

let installed = false;

/** Puts the remembering `matchRoutes` in place of React Router's, once per process. */
export function rememberRouteMatches(): void {
  if (installed) return;
  installed = true;
  const router = createRequire(import.meta.url)('@remix-run/router') as { matchRoutes: MatchRoutes };
  router.matchRoutes = rememberingMatchRoutes(router.matchRoutes);
}

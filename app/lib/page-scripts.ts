/**
 * Which pages a visitor gets without JavaScript. A route that works entirely with links
 * and GET forms (the catalog) says so in its `handle`; the root layout then leaves out
 * Remix's scripts for visitors, so the page costs them no JavaScript at all. Signed-in
 * people keep the hydrated page, and a document that is already running (hydrated on
 * another page) keeps its scripts whatever page it moves to: a client-side navigation
 * into the catalog stays client-side, with scroll restoration.
 */

/** The `handle` of a route whose page needs no scripts for visitors. */
export interface PageScriptsHandle {
  scripts: 'signed-in-only';
}

export const SCRIPTS_FOR_SIGNED_IN_ONLY: PageScriptsHandle = { scripts: 'signed-in-only' };

function isSignedInOnly(handle: unknown): boolean {
  return (
    typeof handle === 'object' &&
    handle !== null &&
    'scripts' in handle &&
    (handle as { scripts: unknown }).scripts === 'signed-in-only'
  );
}

export interface ScriptsDecision {
  /** The matched routes, as useMatches lists them. */
  matches: readonly { handle?: unknown }[];
  signedIn: boolean;
  /** True once this document runs React (see useHydrated). */
  hydrated: boolean;
}

/** Whether the page renders <Scripts/> and <ScrollRestoration/>. */
export function pageHasScripts({ matches, signedIn, hydrated }: ScriptsDecision): boolean {
  if (hydrated || signedIn) return true;
  return !matches.some((match) => isSignedInOnly(match.handle));
}

import { test as base, expect, type Page } from '@playwright/test';

export interface PageProblems {
  consoleErrors: string[];
  cspViolations: string[];
}

/**
 * A page that records console errors, uncaught exceptions and Content-Security-Policy
 * violations, so a test can assert that a page is clean, not merely that it rendered.
 */
export const test = base.extend<{ problems: PageProblems }>({
  problems: async ({ page }, provide) => {
    const problems: PageProblems = { consoleErrors: [], cspViolations: [] };
    page.on('console', (message) => {
      if (message.type() === 'error') problems.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
    await page.exposeFunction('__reportCspViolation', (text: string) => problems.cspViolations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __reportCspViolation: (text: string) => void })
          .__reportCspViolation;
        report(
          `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
        );
      });
    });
    await provide(problems);
  },
});

export { expect };

/** Resolves once React has hydrated the document, i.e. the page's scripts ran under the CSP. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const root = document as unknown as Record<string, unknown>;
    return Object.keys(root).some((key) => key.startsWith('__reactContainer'));
  });
}

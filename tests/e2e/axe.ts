/**
 * Accessibility on every page a journey visits: axe-core's WCAG 2.x A/AA rules (and the
 * label-in-name check), and a
 * failure for any violation of impact "serious" or "critical", listed with the rule,
 * its help text and the offending elements, so the report says what to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);

/**
 * `exclude`: selectors axe leaves out. A frame whose document may run no script (a
 * sandboxed mail preview) must be excluded, or axe waits for it forever; such a document
 * is checked on its own instead.
 */
export async function expectAccessible(
  page: Page,
  label = page.url(),
  options: { exclude?: string[] } = {},
): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const blocking = results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
  expect(blocking, `axe on ${label}`).toEqual([]);
}

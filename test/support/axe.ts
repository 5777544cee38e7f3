import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | undefined;
/** axe-core's browser bundle, read once. */
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** A finding to leave out: one axe rule on the elements one CSS selector matches, with the reason. */
export interface AxeExclusion {
  rule: string;
  selector: string;
  why: string;
}

interface AxeResult {
  id: string;
  impact: string | null;
  nodes: { target: unknown[]; failureSummary?: string; impact?: string | null }[];
}

/**
 * The serious and critical WCAG 2.0-2.2 A/AA violations axe-core finds on the page as it is now, one line each:
 * "rule-id: target (summary)"; an empty list when there are none. An exclusion applies to a finding whose target
 * is one element of the page itself (not inside a frame or a shadow root) that its selector matches.
 *
 * The console's Content-Security-Policy allows only same-origin scripts, so axe cannot come in as an inline
 * <script> (page.addScriptTag({ content }) is refused). Playwright's page.evaluate runs over the DevTools
 * protocol, which a page's CSP does not govern, so the source is evaluated there; the page's own policy
 * stays as served, and what is checked is exactly what a staff member's browser shows.
 */
export async function axeFindings(page: Page, exclusions: readonly AxeExclusion[] = []): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource());
  const violations = await page.evaluate(async (excluded) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    // No named function in here: tsx's loader would wrap it in a helper (__name) the page does not have.
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes
        .filter((n) => {
          const el = n.target.length === 1 && typeof n.target[0] === 'string' ? document.querySelector(n.target[0]) : null;
          return !excluded.some((x) => x.rule === v.id && el !== null && el.matches(x.selector));
        })
        .map((n) => ({ target: n.target, failureSummary: n.failureSummary, impact: n.impact })),
    }));
  }, exclusions);
  const findings: string[] = [];
  for (const v of violations)
    for (const n of v.nodes) {
      const impact = n.impact ?? v.impact;
      if (impact !== 'serious' && impact !== 'critical') continue;
      const summary = (n.failureSummary ?? '').replace(/\s+/g, ' ').replace(/^Fix (any|all) of the following: /, '');
      findings.push(`${v.id}: ${n.target.map(String).join(' > ')} (${summary})`);
    }
  return findings;
}

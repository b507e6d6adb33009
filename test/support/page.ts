// Helpers for the browser tests of the chat page: axe-core run inside the page,
// screenshots kept as test artifacts, keyboard navigation.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core's WCAG 2 A/AA rules (2.0 and 2.1) on the page as it is now.
 * Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const alreadyThere = await page.evaluate(() => 'axe' in window);
  if (!alreadyThere) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

export function seriousOrCritical(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');
}

/** A screenshot kept under test-results/e2e/ (git-ignored), named by what it shows. */
export async function keepScreenshot(target: Page | Locator, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage: true });
  else await target.screenshot({ path });
  return path;
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
export async function tabTo(page: Page, selector: string, { limit = 40, backwards = false } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`no focus on ${selector} after ${limit} Tab presses; focus is on ${focused}`);
}

/** The outline the focused element shows (the page's :focus-visible ring). */
export async function focusRing(page: Page): Promise<{ style: string; widthPx: number }> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return { style: style.outlineStyle, widthPx: parseFloat(style.outlineWidth) };
  });
}

/** Wider than the viewport means a sideways scroll. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

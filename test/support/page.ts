// Helpers for the browser tests of the chat page: a tab that records what went
// wrong, a send that waits for its answer, axe-core run inside the page,
// screenshots kept as test artifacts, keyboard navigation.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors, console errors and answers of 400 or more (a failed request logs one). */
  problems: string[];
}

/** A new tab (own cookies) on the service's page, once the page has drawn its intro. */
export async function openTab(
  { browser, service }: { browser: Browser; service: { url: string } },
  { width = 1280, colorScheme = 'light' }: { width?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} ${message.location().url}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(service.url);
  await page.waitForSelector('#intro');
  return { context, page, problems };
}

/** Does `send` and waits for its answer: one more message in the list and the page no longer busy. */
export async function untilAnswered(page: Page, send: () => Promise<unknown>): Promise<void> {
  const before = await page.locator('#messages > li').count();
  await send();
  await page.waitForFunction((n) => document.querySelectorAll('#messages > li').length > n && !document.body.hasAttribute('data-busy'), before);
}

/** Types `text` into the composer, sends it with Enter and waits for the answer. */
export async function paste(page: Page, text: string): Promise<void> {
  await untilAnswered(page, async () => {
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
  });
}

/** The conversation the page shows (its `?c=` id). */
export const conversationOf = (page: Page): string => new URL(page.url()).searchParams.get('c') as string;

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

/** No axe-core violation at all on the page as it is now; `view` names it in the failure. */
export async function assertNoViolations(page: Page, view: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${view}:\n${describeViolations(violations)}`);
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

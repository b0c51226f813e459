/**
 * Real headless Chromium (Debian's package) for page tests, with axe checks.
 * Skipped with a message when Chromium is not installed, unless
 * JOINERY_REQUIRE_BROWSER=1 (CI), when its absence is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
export const chromiumPath = CANDIDATES.find((p) => existsSync(p));

if (!chromiumPath) {
  if (process.env.JOINERY_REQUIRE_BROWSER)
    throw new Error('Chromium is required (JOINERY_REQUIRE_BROWSER=1) but not installed: apt-get install chromium');
  console.warn('Browser tests skipped: Chromium is not installed (apt-get install chromium)');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Clicks, then waits for the page the click leads to to finish loading. Playwright's click
 * returns once a navigation has begun; a long page read before it is parsed reads as only
 * its first part (a flaky failure on a slow machine).
 */
export async function clickAndLoad(target: Locator): Promise<void> {
  await target.click();
  await target.page().waitForLoadState('load');
}

/** Every WCAG 2.2 A and AA rule axe has; returns the violations (empty when clean). */
export async function accessibilityViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    // Every rule still runs; only the violations are gathered in full (axe's own speed-up).
    .options({ resultTypes: ['violations'] })
    // Our pages have no frames: axe runs in the page itself rather than through a second blank page.
    .setLegacyMode(true)
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
}

export const SCREENSHOTS = 'test-results/screenshots';
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}/${name}.png`;
}

/** Photographs the page (for people to look at) and expects no accessibility violations. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  expect(await accessibilityViolations(page)).toEqual([]);
}

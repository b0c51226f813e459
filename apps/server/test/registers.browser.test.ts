/**
 * The registers in a real browser, as the demo's users meet them: the Wessex demo started
 * as `npm start` starts it (source systems loaded, person index built), a caseworker gives
 * a reason, finds a person, opens the single view and decides a pair in the review queue;
 * every page checked with axe and photographed.
 */
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '@joinery/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.ts';
import { accessibilityViolations, chromiumPath, launchBrowser, screenshotPath } from './browser.ts';

describe.skipIf(!chromiumPath)('the registers in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let password = '';

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'joinery-registers-'));
    server = await startServer(
      { ...DEFAULT_CONFIG, host: '127.0.0.1', port: 0, dataDir, demoScale: 0.02, logLevel: 'silent', signInAttemptsPerMinute: 1000 },
      { log: (line) => (password = /with the password (\S+);/.exec(line)?.[1] ?? password) },
    );
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function check(name: string) {
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
  }

  async function signIn(username: string) {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
  }

  it('a caseworker gives a reason, finds a person and opens the single view', async () => {
    await signIn('budmouth.caseworker');
    await page.goto(`${base}/persons`);
    expect(await page.locator('h1').textContent()).toContain('Person index');
    await check('persons-index');

    await page.goto(`${base}/persons/search`);
    expect(page.url()).toContain('/persons/reason');
    await check('persons-reason');
    await page.locator('#reason').fill('Housing referral 42: checking the applicant’s records');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(page.url()).toContain('/persons/search');
    await check('persons-search');

    await page.goto(`${base}/persons/review`);
    await check('persons-review');
    const firstPair = page.locator('main a[href^="/persons/review/"]').first();
    const pairHref = (await firstPair.getAttribute('href'))!;
    await firstPair.click();
    await check('persons-review-pair');
    const personHref = (await page.locator('main a[href^="/persons/P"]').first().getAttribute('href'))!;
    const systemKey = (await page.locator('main thead th').nth(1).textContent())!.trim().split(' ')[0]!;
    await page.getByLabel('Different people').check();
    await page.locator('#reason').fill('Different dates of birth and middle names');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForURL(`${base}/persons/review`);
    expect(await page.locator(`main a[href="${pairHref}"]`).count()).toBe(0);

    await page.goto(`${base}${personHref}`);
    expect(await page.locator('h1').textContent()).toContain(personHref.split('/').pop());
    expect(await page.locator('main').textContent()).toContain(systemKey);
    await check('person-single-view');
  });

  it('a viewer without personal-data rights is refused the person pages', async () => {
    await page.context().clearCookies();
    await signIn('casterbridge.admin');
    const response = await page.goto(`${base}/persons/search`);
    expect(response?.status()).toBe(403);
    await check('persons-refused');
  });
});

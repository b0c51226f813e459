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
import { copyPgliteTemplate } from '@joinery/core/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.ts';
import { chromiumPath, clickAndLoad, expectAccessible, launchBrowser } from './browser.ts';

describe.skipIf(!chromiumPath)('the registers in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let password = '';

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'joinery-registers-'));
    // An empty database initialised once per test run, rather than by initdb here.
    await copyPgliteTemplate(dataDir);
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

  const check = (name: string) => expectAccessible(page, name);

  async function signIn(username: string) {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
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
    await clickAndLoad(page.getByRole('button', { name: 'Continue' }));
    expect(page.url()).toContain('/persons/search');
    await check('persons-search');

    await page.goto(`${base}/persons/review`);
    await check('persons-review');
    const firstPair = page.locator('main a[href^="/persons/review/"]').first();
    const pairHref = (await firstPair.getAttribute('href'))!;
    await clickAndLoad(firstPair);
    await check('persons-review-pair');
    const personHref = (await page.locator('main a[href^="/persons/P"]').first().getAttribute('href'))!;
    const systemKey = (await page.locator('main thead th').nth(1).textContent())!.trim().split(' ')[0]!;
    await page.getByLabel('Different people').check();
    await page.locator('#reason').fill('Different dates of birth and middle names');
    await clickAndLoad(page.getByRole('button', { name: 'Save decision' }));
    await page.waitForURL(`${base}/persons/review`);
    expect(await page.locator(`main a[href="${pairHref}"]`).count()).toBe(0);

    await page.goto(`${base}${personHref}`);
    expect(await page.locator('h1').textContent()).toContain(personHref.split('/').pop());
    expect(await page.locator('main').textContent()).toContain(systemKey);
    await check('person-single-view');

    // The records' addresses were matched to UPRNs as they loaded: the property page says which systems hold records there.
    const property = page.locator('main a[href^="/addresses/"]').first();
    expect(await property.count()).toBe(1);
    await clickAndLoad(property);
    const holdings = page.locator('main table').filter({ hasText: 'Records' });
    expect(await holdings.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await holdings.textContent()).toContain(systemKey.split('/')[1]);
    await check('address-property-holdings');
  });

  it('an administrator searches the address register, opens a property, sees the conflicts and the gazetteers', async () => {
    await page.context().clearCookies();
    await signIn('casterbridge.admin');
    await page.goto(`${base}/addresses`);
    await page.getByLabel(/search by postcode/i).fill('high street');
    await clickAndLoad(page.getByRole('button', { name: 'Search' }));
    expect(await page.locator('main h2').first().textContent()).toMatch(/\d+ addresses matching “high street”/);
    await check('addresses-search');
    const first = page.locator('main table a[href^="/addresses/"]').first();
    const line = (await first.textContent())!;
    await clickAndLoad(first);
    expect(await page.locator('h1').textContent()).toBe(line);
    expect(await page.locator('main').textContent()).toContain('Gazetteers holding this UPRN');
    expect(await page.locator('main').textContent()).toContain('shown only to caseworkers and information governance');
    await check('address-property');
    await page.goto(`${base}/address-conflicts`);
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await check('address-conflicts');
    await page.goto(`${base}/gazetteers`);
    expect(await page.locator('main table tbody tr').count()).toBe(5);
    await check('gazetteers');
  });

  it('an administrator rebuilds the person index: only what changed, or every record', async () => {
    await page.context().clearCookies();
    await signIn('casterbridge.admin');
    await page.goto(`${base}/persons`);
    expect(await page.locator('main').textContent()).toContain('every record re-linked');
    await check('persons-index-admin');
    await clickAndLoad(page.getByRole('button', { name: 'Build the index' }));
    expect(await page.locator('h1').textContent()).toBe('Person index built');
    // Only what changed since the demo's build: nothing, or the pair a caseworker decided before.
    expect(await page.locator('main dl').textContent()).toMatch(
      /Re-linked\s*(none: nothing changed since the last build|\d+: the \d+ changed since the last build)/,
    );
    await check('persons-built-incremental');
    await page.goto(`${base}/persons`);
    await page.getByLabel('Re-link every record').check();
    await clickAndLoad(page.getByRole('button', { name: 'Build the index' }));
    expect(await page.locator('main dl').textContent()).toContain('every record (a full build)');
  });

  it('matches one address with an explanation, and a file with a review list and a download', async () => {
    await page.goto(`${base}/address-matching`);
    await check('address-matching');
    // An address from the register, written as a clerk would: lower case, abbreviated, no postcode.
    const property = await page.request.get(`${base}/api/addresses?q=high%20street&limit=1`).then((r) => r.json());
    const target = property.addresses[0] as { uprn: string; singleLine: string };
    const typed = target.singleLine
      .toLowerCase()
      .replace('street', 'st')
      .replace(/, wx\d+ \d\w\w$/, '');
    await page.locator('#address').fill(typed);
    await clickAndLoad(page.getByRole('button', { name: 'Match', exact: true }));
    expect(await page.locator('main .govuk-summary-card').first().textContent()).toContain(`UPRN ${target.uprn}`);
    expect(await page.locator('main .govuk-summary-card table').first().textContent()).toContain('house number');
    await check('address-matching-result');

    const csv = ['ref,address,postcode', `A1,"${typed}",`, 'A2,"somewhere that is not here",', 'A3,"high street",'].join('\r\n');
    await page.locator('#file').setInputFiles({ name: 'clerk.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await clickAndLoad(page.getByRole('button', { name: 'Match the file' }));
    await page.waitForURL(/\/address-matching\/runs\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe('clerk.csv');
    await check('address-match-run');
    const download = await page.request.get(`${page.url()}/results.csv`);
    const rows = (await download.text()).trim().split(/\r?\n/);
    expect(rows).toHaveLength(4); // header and every input row, none dropped
    expect(rows[1]).toContain(`,matched,${target.uprn},`);
  });

  it('a viewer without personal-data rights is refused the person pages', async () => {
    await page.context().clearCookies();
    await signIn('casterbridge.admin');
    const response = await page.goto(`${base}/persons/search`);
    expect(response?.status()).toBe(403);
    await check('persons-refused');
  });
});

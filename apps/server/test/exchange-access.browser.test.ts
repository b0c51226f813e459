/**
 * The exchange's services, access rights and operations in a real browser, on the demo's data
 * exchange: Wessex Council's administrator registers a service by uploading its OpenAPI file (a
 * mistake first); Casterbridge's asks for access to it (a mistake first) and sees no decision
 * buttons; the provider approves; Casterbridge proposes a change, and the page shows both, the
 * approved one still in force; the operator reads the operations page, its chart, warnings and
 * CSV. Every page checked with axe and photographed (under the system's temporary folder).
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, chromiumPath, clickAndLoad, launchBrowser } from './browser.ts';
import { PASSWORD, startExchangeTestServer, type ExchangeTestServer } from './exchange-access-setup.ts';

const SHOTS = join(tmpdir(), 'joinery-exchange-access');
async function expectAccessible(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  expect(await accessibilityViolations(page)).toEqual([]);
}

const dayAfter = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const HISTORY_API = {
  openapi: '3.1.0',
  info: {
    title: 'Address history',
    version: '1.0.0',
    description: 'Past addresses of a property, from the predecessor councils’ gazetteers.',
  },
  paths: {
    '/properties/{uprn}/history': { get: { operationId: 'getHistory', summary: 'A property’s past addresses' } },
    '/properties/{uprn}/changes': { get: { summary: 'Changes since a date' } },
  },
};

describe.skipIf(!chromiumPath)('the exchange’s services, access rights and operations in a real browser', () => {
  let t: ExchangeTestServer;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
    return page;
  }

  beforeAll(async () => {
    t = await startExchangeTestServer();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  it('a provider registers a service by uploading its OpenAPI file', async () => {
    const page = await signedIn('wessex-council.admin');
    await page.goto(`${base}/exchange/federations/wessex/services`);
    expect(await page.locator('h1').textContent()).toBe('Services');
    expect(await page.locator('main table tbody tr').count()).toBe(2);
    await expectAccessible(page, 'services-list');

    await page.getByLabel('Subsystem that provides it').selectOption('addresses');
    await page.getByLabel('Service code').fill('address history');
    await page.getByLabel('Gateway that serves it').selectOption('gw1');
    await page.getByLabel('Title', { exact: true }).fill('Address history');
    await page.getByLabel('OpenAPI 3.1 document').setInputFiles({
      name: 'address-history.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(HISTORY_API, null, 2)),
    });
    await clickAndLoad(page.getByRole('button', { name: 'Register service' }));
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('The service code must be 1 to 63 letters');
    await clickAndLoad(summary.getByRole('link').first());
    expect(await page.locator('#register-serviceCode').evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
    await expectAccessible(page, 'services-register-error');

    // A refused form keeps what was typed, and the uploaded document in the paste box (a browser forgets a chosen file).
    expect(JSON.parse(await page.getByLabel('Or paste the document (JSON)').inputValue())).toEqual(HISTORY_API);
    await page.getByLabel('Service code').fill('address-history');
    await clickAndLoad(page.getByRole('button', { name: 'Register service' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Service registered');
    expect(await page.locator('h1').textContent()).toBe('Address history');
    const main = await page.locator('main').textContent();
    expect(main).toContain('wessex/GOV/wessex-council/addresses/address-history');
    expect(main).toContain(
      '1 operation has no operationId in the document, so Joinery named it <method>-<path>: get-properties-uprn-changes',
    );
    const operations = page.locator('main table').first().locator('tbody tr');
    expect(await operations.allTextContents()).toEqual([
      expect.stringMatching(
        /GET\s*\/properties\/\{uprn\}\/changes\s*get-properties-uprn-changes \(named by Joinery\)\s*Changes since a date/,
      ),
      expect.stringMatching(/GET\s*\/properties\/\{uprn\}\/history\s*getHistory\s*A property’s past addresses/),
    ]);
    const openApi = await page.request.get(
      await page
        .getByRole('link', { name: /\/openapi$/ })
        .getAttribute('href')
        .then((h) => `${base}${h}`),
    );
    expect((await openApi.json()).info.title).toBe('Address history');
    await expectAccessible(page, 'services-detail');
  });

  it('a client asks for access and cannot decide; the provider approves; a change leaves the approved one in force', async () => {
    const client = await signedIn('casterbridge.admin');
    await client.goto(`${base}/exchange/federations/wessex/grants`);
    await expectAccessible(client, 'grants-list');
    await clickAndLoad(client.getByRole('button', { name: 'Ask for access' }));
    await client
      .getByLabel('Which service')
      .selectOption({ label: 'Address history (wessex/GOV/wessex-council/addresses/address-history)' });
    await clickAndLoad(client.getByRole('button', { name: 'Continue' }));
    await client.getByLabel('Client subsystem').fill('wessex/GOV/casterbridge/waste');
    await client.getByLabel('getHistory').check();
    await client.getByLabel('Purpose').fill('Find the previous addresses of properties whose bins are collected');
    await client.getByLabel('Art. 6(1)(e) public task').check();
    await client.getByLabel('The law or power it rests on').fill('Environmental Protection Act 1990 s.45');
    await client.getByLabel('Data-sharing agreement').fill('Wessex address register data-sharing agreement v1 (2026)');
    await client.getByLabel('First day it works').fill(dayAfter(0));
    await client.getByLabel('Day it stops working').fill(dayAfter(-1));
    await client.getByLabel('Recertify by').fill(dayAfter(180));
    await clickAndLoad(client.getByRole('button', { name: 'Ask for access' }));
    const summary = await client.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('The access right must stop after it starts');
    expect(summary).toContain('has already come');
    expect(summary).toContain('Recertification');
    expect(await client.getByLabel('getHistory').isChecked()).toBe(true);
    await expectAccessible(client, 'grants-propose-error');

    await client.getByLabel('Day it stops working').fill(dayAfter(365));
    await clickAndLoad(client.getByRole('button', { name: 'Ask for access' }));
    expect(await client.locator('.govuk-notification-banner').textContent()).toContain('Access right proposed');
    const grantUrl = client.url().replace(/\?.*$/, '');
    const main = await client.locator('main').textContent();
    expect(main).toContain('UK GDPR Art. 6(1)(e) public task (Environmental Protection Act 1990 s.45)');
    expect(main).toContain('Waiting for the provider’s administrators to decide.');
    expect(await client.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await client.getByRole('button', { name: 'Refuse' }).count()).toBe(0);
    await expectAccessible(client, 'grants-detail-proposed');

    const provider = await signedIn('wessex-council.admin');
    await provider.goto(grantUrl);
    await clickAndLoad(provider.getByRole('button', { name: 'Approve' }));
    expect(await provider.locator('.govuk-error-summary').textContent()).toContain('Give a note saying why');
    await provider.getByLabel('Why approve').fill('Covered by the address register agreement, clause 4');
    await clickAndLoad(provider.getByRole('button', { name: 'Approve' }));
    expect(await provider.locator('.govuk-notification-banner').textContent()).toContain('Access right approved');
    expect(await provider.getByRole('button', { name: 'Revoke' }).count()).toBe(1);
    expect(await provider.locator('main').textContent()).toContain('Covered by the address register agreement, clause 4');
    await expectAccessible(provider, 'grants-detail-approved');

    // The client changes it: a new proposal naming the approved one.
    await client.goto(grantUrl);
    await clickAndLoad(client.getByRole('link', { name: 'Propose a change to this access right' }));
    expect(await client.getByLabel('Purpose').inputValue()).toBe('Find the previous addresses of properties whose bins are collected');
    expect(await client.getByLabel('Art. 6(1)(e) public task').isChecked()).toBe(true);
    await client.getByLabel('get-properties-uprn-changes').check();
    await expectAccessible(client, 'grants-propose-change');
    await clickAndLoad(client.getByRole('button', { name: 'Propose change' }));
    const change = await client.locator('main').textContent();
    expect(change).toContain('A change waits for the provider');
    expect(change).toContain('The approved one stays in force, as it is, until the provider approves the change');
    const comparison = client.locator('main table').first();
    expect(await comparison.locator('tbody tr').first().textContent()).toMatch(
      /Operations\s*changed\s*getHistory\s*get-properties-uprn-changes, getHistory/,
    );
    await expectAccessible(client, 'grants-detail-change');

    await provider.goto(
      `${base}/exchange/federations/wessex/grants?service=${encodeURIComponent('wessex/GOV/wessex-council/addresses/address-history')}`,
    );
    const rows = provider.locator('main table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('proposed');
    expect(await rows.nth(1).textContent()).toMatch(/approved\s*change proposed/);
    await expectAccessible(provider, 'grants-list-filtered');
  });

  it('the operator reads each gateway’s health, the traffic and its chart, certificate warnings, and downloads the figures', async () => {
    const page = await signedIn('wessex-council.admin');
    await page.goto(`${base}/exchange/federations/wessex/operations`);
    expect(await page.locator('h1').textContent()).toBe('Operations');
    const gateways = page.locator('main table').first().locator('tbody tr');
    expect(await gateways.count()).toBe(3);
    expect(await gateways.nth(0).textContent()).toMatch(/casterbridge\/\s*gw1[\s\S]*reporting[\s\S]*21:c0ffeec0ffee/);
    expect(await gateways.nth(2).textContent()).toMatch(/wessex-hospitals\/\s*gw1[\s\S]*not reporting[\s\S]*never[\s\S]*not reported/);
    const main = await page.locator('main').textContent();
    expect(main).toContain('1 certificate ends within 30 days');
    expect(main).toMatch(
      /auth certificate of casterbridge\/gw1[\s\S]*(11|12) days left[\s\S]*joinery exchange gateway token --federation wessex --member casterbridge --code gw1/,
    );
    expect(main).toContain('Server.ClientProxy.AccessDenied');
    expect(await page.locator('main figure svg[role="img"] title').textContent()).toBe(
      'Requests and errors per service, the last 24 hours',
    );
    await expectAccessible(page, 'operations');

    await clickAndLoad(page.getByRole('link', { name: 'Show the last 7 days' }));
    expect(await page.locator('main').textContent()).toContain('Showing the last 7 days');
    const csv = await page.request.get(`${base}${await page.getByRole('link', { name: 'CSV' }).getAttribute('href')}`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')[0]).toBe(
      'window_hours,at,reported_by_gateway,service,client,requests,errors,faults,p50_ms,p99_ms',
    );
  });
});

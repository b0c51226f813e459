/**
 * Suppliers in a real browser: a council's administrator sees the reorganisation's supplier
 * register with its warnings, records a health assessment (a mistake first: the form comes back
 * with an error summary), and writes a critical contract's exit plan; every page checked with
 * axe and photographed.
 */
import type { AddressInfo } from 'node:net';
import { importContracts, saveReorganisation } from '@joinery/estate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, clickAndLoad, expectAccessible, launchBrowser } from './browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

const REGISTER = (rows: string[]) =>
  Buffer.from(['Reference,Title,Supplier,Supplier registered company number,Value,Start Date,End date', ...rows].join('\r\n'));

describe.skipIf(!chromiumPath)('suppliers in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer();
    await saveReorganisation(server.database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
    await importContracts(server.database, null, {
      organisationCode: 'casterbridge',
      fileName: 'c.csv',
      bytes: REGISTER([
        'CB-1,Revenues and benefits system,Mellstock Systems Ltd,99104417,"1,250,000",2022-04-01,2027-03-31',
        'CB-2,Leisure bookings,Egdon Leisure Trust,,65000,2021-04-01,2026-03-31',
      ]),
    });
    await importContracts(server.database, null, {
      organisationCode: 'budmouth',
      fileName: 'b.csv',
      bytes: REGISTER(['BM-7,Council tax support,MELLSTOCK SYSTEMS LIMITED,,300000,2020-04-01,2026-09-30']),
    });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator reads the register, records an assessment and writes an exit plan', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('casterbridge.admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));

    await page.goto(`${base}/estate/suppliers`);
    expect(await page.locator('h1').textContent()).toContain('Suppliers, exit and resilience');
    const main = await page.locator('main').textContent();
    expect(main).toContain('Reorganisation wessex-lgr');
    expect(main).toContain('Critical contract without a current exit plan');
    expect(await page.locator('main table').nth(1).locator('tbody tr').count()).toBe(2);
    await expectAccessible(page, 'estate-suppliers-register');

    await clickAndLoad(page.getByRole('link', { name: 'Mellstock Systems Ltd' }));
    expect(await page.locator('h1').textContent()).toBe('Mellstock Systems Ltd');
    expect(await page.locator('main').textContent()).toContain('also named MELLSTOCK SYSTEMS LIMITED');
    await expectAccessible(page, 'estate-suppliers-detail');

    await page.getByLabel('Date of the assessment').fill('next week');
    await page.getByLabel('Source').fill('Annual supplier review');
    await clickAndLoad(page.getByRole('button', { name: 'Record assessment' }));
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('The assessment date must be a date');
    expect(await page.getByLabel('Source').inputValue()).toBe('Annual supplier review');
    await expectAccessible(page, 'estate-suppliers-assessment-error');

    await page.getByLabel('Date of the assessment').fill('2026-11-02');
    await page.getByLabel('Credit risk', { exact: true }).selectOption('medium');
    await page.getByLabel('Business continuity and disaster recovery last tested').fill('2026-10-01');
    await page.getByLabel('Recovery time objective shown (hours)').fill('4');
    await page.getByLabel('Test result').selectOption('passed');
    await clickAndLoad(page.getByRole('button', { name: 'Record assessment' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Health assessment recorded');
    expect(await page.locator('main').textContent()).toContain('Credit risk is medium');

    await clickAndLoad(page.getByRole('link', { name: 'Edit exit plan for CB-1' }));
    expect(await page.locator('h1').textContent()).toContain('casterbridge CB-1');
    await page.getByLabel('Status').selectOption('agreed');
    await page.getByLabel('Days the supplier has to return the data at exit').fill('thirty');
    await clickAndLoad(page.getByRole('button', { name: 'Save exit plan' }));
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Give the owner of the exit plan');
    expect(summary).toContain('The data return period (days) must be a number');
    expect(summary).not.toContain('whole number');
    await expectAccessible(page, 'estate-suppliers-exit-plan-error');
    await page.getByLabel('Days the supplier has to return the data at exit').fill('30');
    await page.getByLabel('Owner').fill('Revenues manager');
    await page.getByLabel('Last reviewed').fill('2026-10-01');
    await page.getByRole('group', { name: 'The council can export its data in open formats' }).getByLabel('Yes').check();
    await page.getByLabel('Which formats').fill('CSV, XML');
    await expectAccessible(page, 'estate-suppliers-exit-plan');
    await clickAndLoad(page.getByRole('button', { name: 'Save exit plan' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Exit plan saved');
    const after = await page.locator('main').textContent();
    expect(after).toContain(
      'The exit plan for critical contract casterbridge CB-1 (Revenues and benefits system) has never been rehearsed',
    );
    expect(after).not.toContain('Critical contract casterbridge CB-1 (Revenues and benefits system) has no current exit plan');
    // Budmouth's contract is not Casterbridge's to edit.
    expect(await page.getByRole('link', { name: 'Edit exit plan for BM-7' }).count()).toBe(0);
    await expectAccessible(page, 'estate-suppliers-detail-saved');
  });
});

/**
 * The contracts room in a real browser: a council's administrator previews and imports its
 * published contract register through the upload form, sees its contracts, and a refused
 * file shows its problems; every page checked with axe and photographed.
 */
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, clickAndLoad, expectAccessible, launchBrowser } from './browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

const REGISTER = [
  'Contract Reference number / ID,Title of the Agreement,Supplier name,Supplier registered company number,Contract value,Contract start date,End date,SME supplier',
  'CAS-001,Revenues and benefits system,Mellstock Systems Ltd,gb/01234567,"£1,250,000",01/04/2021,31/03/2027,No',
  'CAS-002,Waste collection CRM,Durnover Digital Ltd,07654321,84000,01/09/2022,31/08/2026,Yes',
].join('\r\n');

describe.skipIf(!chromiumPath)('contracts in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let file: string;

  beforeAll(async () => {
    server = await startTestServer();
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    file = join(await mkdtemp(join(tmpdir(), 'joinery-contracts-')), 'contracts.csv');
    await writeFile(file, REGISTER);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const check = (name: string) => expectAccessible(page, name);

  it('an administrator previews, then imports, the council’s contract register', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('casterbridge.admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
    await clickAndLoad(page.getByRole('link', { name: 'Estate' }).first());
    expect(await page.locator('h1').textContent()).toContain('Estate');
    await check('estate-overview-empty');
    await clickAndLoad(page.getByRole('link', { name: 'Contracts' }).first());
    expect(await page.locator('h1').textContent()).toContain('Contracts');
    await check('estate-contracts-empty');

    await page.getByLabel('Contract register (CSV)').setInputFiles(file);
    await clickAndLoad(page.getByRole('button', { name: 'Preview' }));
    expect(await page.locator('main').textContent()).toContain('contracts.csv');
    await check('estate-contracts-preview');

    await page.goto(`${base}/estate/contracts`);
    await page.getByLabel('Contract register (CSV)').setInputFiles(file);
    await clickAndLoad(page.getByRole('button', { name: 'Import' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('2 contracts, 0 rows refused');
    expect(await page.locator('main table').first().locator('tbody tr').count()).toBe(2);
    expect(await page.locator('main table').first().textContent()).toContain('Mellstock Systems Ltd (01234567)');
    await check('estate-contracts-imported');
  });
});

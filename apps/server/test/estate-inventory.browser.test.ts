/**
 * The applications page in a real browser: a council's administrator previews an inventory
 * with unrecognised columns (a problem per row), previews it again with a mapping, imports it,
 * sees the applications and the import history; every page checked with axe and photographed.
 */
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, clickAndLoad, expectAccessible, launchBrowser } from './browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

const INVENTORY = [
  'System code,Application name,Supplier,Hosting,Number of users,Annual cost',
  'CAS-APP-1,Revenues and benefits,Mellstock Systems Ltd,On prem,120,"£85,000"',
  'CAS-APP-2,Payroll,Durnover Digital Ltd,cloud,1200,40000',
  'CAS-APP-3,<b>Planning</b>,Idox,under the desk,many,',
].join('\r\n');

describe.skipIf(!chromiumPath)('applications in a real browser', () => {
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
    file = join(await mkdtemp(join(tmpdir(), 'joinery-applications-')), 'applications.csv');
    await writeFile(file, INVENTORY);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const check = (name: string) => expectAccessible(page, name);

  it('an administrator previews with a mapping, imports the valid rows, and sees them listed', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('casterbridge.admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
    await clickAndLoad(page.getByRole('link', { name: 'Estate', exact: true }));
    await clickAndLoad(page.getByRole('link', { name: 'Applications', exact: true }));
    expect(await page.locator('h1').textContent()).toContain('Applications');
    await check('estate-applications-empty');

    await page.getByLabel('Applications inventory (CSV or XLSX)').setInputFiles(file);
    await page.getByLabel('Column mapping (optional)').fill('{"reference": "System code"}');
    await clickAndLoad(page.getByRole('button', { name: 'Preview' }));
    const preview = (await page.locator('main').textContent()) ?? '';
    // All or nothing unless the valid rows are kept: one bad row refuses the file.
    expect(preview).toContain('3 rows: 0 would be imported, 3 refused');
    expect(preview).toContain('This is the mapping you gave');
    expect(preview).toContain('"under the desk" is not a kind of hosting');
    await check('estate-applications-preview');

    await page.goto(`${base}/estate/applications`);
    await page.getByLabel('Applications inventory (CSV or XLSX)').setInputFiles(file);
    await page.getByLabel('Column mapping (optional)').fill('{"reference": "System code"}');
    await page.getByLabel(/Import the valid rows/).check();
    await clickAndLoad(page.getByRole('button', { name: 'Import' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('2 applications, 1 rows refused');
    const listed = page.locator('main table').first();
    expect(await listed.locator('tbody tr').count()).toBe(2);
    expect(await listed.textContent()).toContain('on-premises');
    expect(await page.locator('main table').nth(1).textContent()).toContain('applications.csv (current)');
    await check('estate-applications-imported');

    // The mapping was remembered: next year's file, the same columns, is recognised without it.
    const next = file.replace('applications.csv', 'next-year.csv');
    await writeFile(next, INVENTORY.split('\r\n').slice(0, 3).join('\r\n'));
    await page.getByLabel('Applications inventory (CSV or XLSX)').setInputFiles(next);
    await clickAndLoad(page.getByRole('button', { name: 'Preview' }));
    expect(await page.locator('#mapping-source').textContent()).toContain('remembered from an earlier file');
  });
});

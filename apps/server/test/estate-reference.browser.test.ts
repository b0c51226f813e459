/**
 * Starting a reorganisation from the register in a real browser: an administrator finds the
 * successor in the imported register, checks the proposed predecessors, sets vesting day, and
 * sees it recorded; a bad vesting day is shown in the error summary. Every page checked with axe.
 */
import type { AddressInfo } from 'node:net';
import { findReorganisation, importReferenceList } from '@joinery/estate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, clickAndLoad, expectAccessible, launchBrowser } from './browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

const REGISTER = [
  'local-authority-code,official-name,nice-name,gss-code,start-date,end-date,replaced-by,county-la,powers',
  'WSX,Wessex County Council,Wessex County,E10000901,,2028-03-31,WXU,,upper tier',
  'CAS,Casterbridge District Council,Casterbridge,E07000901,,2028-03-31,WXU,WSX,lower tier',
  'BUD,Budmouth Borough Council,Budmouth,E07000902,,2028-03-31,WXU,WSX,lower tier',
  'WXU,Wessex Council,Wessex,E06000901,2028-04-01,,,,unitary',
].join('\n');

describe.skipIf(!chromiumPath)('starting a reorganisation from the register in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer();
    await importReferenceList(server.database, null, {
      list: 'councils',
      fileName: 'uk_local_authorities_future.csv',
      bytes: Buffer.from(REGISTER),
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

  it('an administrator searches, picks the successor, keeps the proposed predecessors and starts it', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('casterbridge.admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
    await page.goto(`${base}/estate/reference`);
    expect(await page.locator('main table').textContent()).toContain('uk_local_authorities_future.csv (mysociety)');
    await expectAccessible(page, 'estate-reference-lists');

    await clickAndLoad(page.getByRole('link', { name: 'Start a reorganisation from the register' }));
    await page.getByLabel('Council name or GSS code').fill('wessex');
    await clickAndLoad(page.getByRole('button', { name: 'Search the register' }));
    expect(await page.locator('main table tbody tr').count()).toBe(2);
    await expectAccessible(page, 'estate-reorganisation-search');
    await clickAndLoad(page.getByRole('link', { name: 'Start from here (Wessex Council)' }));
    expect(await page.getByLabel('Casterbridge District Council (CAS, E07000901)').isChecked()).toBe(true);
    expect(await page.locator('main').textContent()).toContain('in Joinery as casterbridge');

    await page.getByLabel('Short code').fill('wessex-lgr');
    await page.getByLabel('Vesting day').fill('1 April 2028');
    await clickAndLoad(page.getByRole('button', { name: 'Start the reorganisation' }));
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Give vesting day as a date');
    await expectAccessible(page, 'estate-reorganisation-error');

    await page.getByLabel('Vesting day').fill('2028-04-01');
    await page.getByLabel('Wessex County Council (WSX, E10000901)').uncheck();
    await clickAndLoad(page.getByRole('button', { name: 'Start the reorganisation' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('wessex-lgr');
    const lgr = await findReorganisation(server.database, 'wessex-lgr');
    expect(lgr).toMatchObject({
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
      predecessorCodes: ['budmouth', 'casterbridge'],
    });
    await expectAccessible(page, 'estate-reference-started');
  });

  it('lists applications by function, the unclassified, and lets the administrator decide one', async () => {
    const functions = 'Identifier,Label,Parent identifiers,Parent labels\n3,Benefits,,\n110,Parking,,\n';
    await importReferenceList(server.database, null, { list: 'functions', fileName: 'lga_functions.csv', bytes: Buffer.from(functions) });
    const db = server.database.db.withTables<{
      estate_inventory_imports: Record<string, unknown>;
      estate_applications: Record<string, unknown>;
    }>();
    const imported = await db
      .insertInto('estate_inventory_imports')
      .values({
        organisation_code: 'casterbridge',
        kind: 'applications',
        file_name: 'applications.csv',
        sha256: 'a'.repeat(64),
        row_count: 2,
        imported_count: 2,
        refused_count: 0,
        mapping: '{}',
        problems: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const app = (row: number, reference: string, name: string, capability: string) => ({
      import_id: imported.id,
      organisation_code: 'casterbridge',
      row_number: row,
      reference,
      name,
      capability,
      source_row: '{}',
    });
    await db
      .insertInto('estate_applications')
      .values([app(2, 'APP-1', 'Tithe', 'Revenues and benefits'), app(3, 'APP-2', 'Ouija', 'Séances')])
      .execute();
    await page.goto(`${base}/estate/reference/classifications?organisation=casterbridge`);
    expect(await page.locator('main').textContent()).toContain('Not classified (1)');
    await expectAccessible(page, 'estate-reference-classifications');
    await page.getByLabel('Application').selectOption('APP-2');
    await page.getByLabel('Function').selectOption({ label: 'Parking' });
    await page.getByLabel('Why (optional)').fill('The car park system');
    await clickAndLoad(page.getByRole('button', { name: 'Save the classification' }));
    expect(await page.locator('main').textContent()).toContain('Not classified (0)');
    expect(await page.locator('main').textContent()).toContain('Decided by casterbridge.admin: The car park system');
    await expectAccessible(page, 'estate-reference-classified');
  });
});

/**
 * Convergence in a real browser, on the Wessex scenario's estate (its applications, integrations
 * and contracts for all five councils): the duplicates with their scores, the impact of
 * decommissioning an application, and the staged plan with its hold points; every page checked
 * with axe and photographed.
 */
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveOrganisations } from '@joinery/core';
import { generateWessex, writeScenarioFiles } from '@joinery/scenario';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioInventory } from '../../../packages/estate/test/convergence/scenario-inventory.ts';
import { loadDemoConvergence } from '../src/demo-estate-convergence.ts';
import { loadDemoContracts } from '../src/demo-estate.ts';
import { chromiumPath, clickAndLoad, expectAccessible, launchBrowser } from './browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

describe.skipIf(!chromiumPath)('convergence in a real browser', { timeout: 300_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer();
    const district = (code: string, name: string) => ({
      code,
      name,
      type: 'district-council' as const,
      successorCode: 'wessex-council',
      identifiers: [],
      partnerships: [],
    });
    await saveOrganisations(server.database, [
      district('melchester', 'Melchester City Council'),
      district('sandbourne', 'Sandbourne Borough Council'),
      { ...district('wessex-county', 'Wessex County Council'), type: 'county-council' as const },
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'joinery-convergence-'));
    await writeScenarioFiles(generateWessex({ scale: 0.01 }), dir);
    await loadDemoContracts(server.database, dir); // the contract registers and the reorganisation
    // Three of the five councils: enough duplicates and flows, pages small enough for axe on a shared machine.
    await loadScenarioInventory(server.database, dir, ['casterbridge', 'budmouth', 'melchester']);
    await loadDemoConvergence(server.database, 'wessex-lgr');
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('casterbridge.admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the duplicates with explained scores and lets an administrator choose a target', async () => {
    await page.goto(`${base}/estate/convergence`);
    expect(await page.locator('h1').textContent()).toContain('Duplicate systems');
    await expect.poll(() => page.locator('main h2').count()).toBeGreaterThan(10);
    await clickAndLoad(page.locator('main summary').first());
    expect(await page.locator('main').textContent()).toContain('Contract runway');
    await expectAccessible(page, 'estate-convergence-duplicates');

    const section = page.locator('section').filter({ has: page.getByRole('heading', { name: /^CRM/ }) });
    await section.getByRole('radio').last().check();
    await section.getByLabel('Why (optional)').fill('Chosen in the browser test');
    await clickAndLoad(section.getByRole('button', { name: /Choose target/ }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('target');
    expect(await page.locator('main').textContent()).toContain('Chosen in the browser test');
  });

  it('shows the dependency graph and what decommissioning an application breaks', async () => {
    await page.goto(`${base}/estate/convergence/dependencies`);
    await page.locator('#organisation').selectOption('casterbridge');
    // The council's CRM: it feeds several line-of-business systems.
    const option = await page
      .locator('#application option')
      .filter({ hasText: /^casterbridge: .*(CRM|Customer)/ })
      .first()
      .getAttribute('value');
    await page.locator('#application').selectOption(option!);
    await clickAndLoad(page.getByRole('button', { name: 'Show' }));
    expect(await page.locator('main h2').first().textContent()).toContain('is decommissioned');
    expect(await page.locator('main svg[role="img"]').count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('Switching cost estimate');
    await expectAccessible(page, 'estate-convergence-dependencies');
  });

  it('shows the plan as a Gantt chart with its table, holds a stage until its criteria are met, and edits an item', async () => {
    await page.goto(`${base}/estate/convergence/plan`);
    await clickAndLoad(page.getByRole('button', { name: /Generate the plan/ }));
    expect(await page.locator('main svg[role="img"]').count()).toBe(1);
    const rows = await page.locator('main table tbody tr').count();
    expect(rows).toBeGreaterThan(20);
    await expectAccessible(page, 'estate-convergence-plan');

    // Converge cannot start: its hold point is unmet.
    await page.getByLabel('Status of converge').selectOption('started');
    await clickAndLoad(page.getByRole('button', { name: 'Save converge hold point' }));
    expect(await page.locator('main').textContent()).toContain('cannot start');
    await expectAccessible(page, 'estate-convergence-plan-held');

    await page.goto(`${base}/estate/convergence/plan`);
    await page.getByLabel('Status of stabilise').selectOption('started');
    await clickAndLoad(page.getByRole('button', { name: 'Save stabilise status' }));
    for (const box of await page.locator('#stage-converge input[type="checkbox"]').all()) await box.check();
    await page.locator('#stage-converge input[name^="evidence-"]').first().fill('Service report, June');
    await page.getByLabel('Status of converge').selectOption('started');
    await clickAndLoad(page.getByRole('button', { name: 'Save converge hold point' }));
    expect(await page.locator('#stage-converge h3').textContent()).toContain('started');

    const first = page.locator('main table tbody tr').first();
    await clickAndLoad(first.getByText('Why, and edit'));
    await first.getByLabel('Notes').fill('Agreed at the programme board');
    await clickAndLoad(first.getByRole('button', { name: 'Save item 1' }));
    expect(await page.locator('main table tbody tr').first().textContent()).toContain('Agreed at the programme board');
  });
});

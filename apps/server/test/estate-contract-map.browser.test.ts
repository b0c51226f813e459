/**
 * The contract map in a real browser, on the Wessex demo's contract registers: a council's
 * administrator filters the map, groups it by supplier, opens a contract and records a
 * decision; every page checked with axe and photographed.
 */
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveOrganisations } from '@joinery/core';
import { listContractDecisions } from '@joinery/estate';
import { generateWessex, toOrganisations, writeScenarioFiles } from '@joinery/scenario';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoEstate } from '../src/demo-estate.ts';
import { chromiumPath, clickAndLoad, expectAccessible, launchBrowser, screenshotPath } from './browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

describe.skipIf(!chromiumPath)('the contract map in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer();
    const scenario = generateWessex({ seed: '1', scale: 0.1 });
    const { organisations, partnerships } = toOrganisations(scenario);
    await saveOrganisations(server.database, organisations, partnerships);
    dir = await mkdtemp(join(tmpdir(), 'joinery-contract-map-'));
    await writeScenarioFiles(scenario, dir);
    await loadDemoEstate(server.database, dir);
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the demo with a few decisions derived from the registers, and adds none when loaded again', async () => {
    const decisions = await listContractDecisions(server.database, 'wessex-lgr');
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.length).toBeLessThan(100);
    expect(decisions.filter((d) => d.decision === 'consolidate').every((d) => d.consolidateIntoReference)).toBe(true);
    await loadDemoEstate(server.database, dir);
    expect(await listContractDecisions(server.database, 'wessex-lgr')).toHaveLength(decisions.length);
  });

  it('shows every predecessor’s contracts against vesting day, filters them and records a decision', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('casterbridge.admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
    await clickAndLoad(page.getByRole('link', { name: 'Estate', exact: true }));
    await clickAndLoad(page.getByRole('link', { name: 'Contract map', exact: true }));
    expect(await page.locator('h1').textContent()).toContain('Contract map');
    expect(await page.locator('figure svg[role="img"]').count()).toBe(1);
    await expectAccessible(page, 'estate-contract-map');
    await page.screenshot({
      path: screenshotPath('estate-contract-map-top'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 2400 },
    });

    expect(await page.locator('main table').nth(1).locator('tbody tr').count()).toBe(100);
    await clickAndLoad(page.getByRole('link', { name: 'Next contracts' }));
    expect(await page.locator('main table').nth(1).locator('caption').textContent()).toContain('101 to');
    await page.getByRole('combobox', { name: 'Council', exact: true }).selectOption('casterbridge');
    await page.getByLabel('Group the timeline by').selectOption('supplier');
    await page.getByLabel('Only contracts that need a decision before vesting').check();
    await clickAndLoad(page.getByRole('button', { name: 'Apply filters' }));
    expect(page.url()).toContain('needsDecision=true');
    const rows = await page.locator('main table').nth(1).locator('tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(await page.locator('main table').nth(1).textContent()).toContain('Needs a decision');
    await expectAccessible(page, 'estate-contract-map-filtered');
    await page.screenshot({
      path: screenshotPath('estate-contract-map-filtered-top'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 2400 },
    });

    const link = page.locator('main table').nth(1).locator('tbody tr a').first();
    const reference = (await link.textContent())!.trim();
    await clickAndLoad(link);
    expect(await page.locator('h1').textContent()).toContain(reference);
    await clickAndLoad(page.getByRole('button', { name: 'Record decision' }));
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose novate, extend, exit or consolidate');
    await expectAccessible(page, 'estate-contract-map-decision-errors');

    await page.getByLabel('Novate to the successor').check();
    await page.getByLabel('Owner').fill('Head of Digital, Wessex Council');
    await page.getByLabel('Rationale').fill('Runs past vesting day; novate and review at the first break.');
    await clickAndLoad(page.getByRole('button', { name: 'Record decision' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Decision recorded');
    expect(await page.locator('main').textContent()).toContain('In force');
    await expectAccessible(page, 'estate-contract-map-decided');
  }, 180_000); // a whole journey through several pages: 50–60 s on a slow day, near the 60 s default
});

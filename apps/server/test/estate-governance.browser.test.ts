/**
 * Governance pages in a real browser: an administrator changes the decision-rights matrix on the
 * page and sees what changed; its print view (print media emulated) and the public page of the
 * published version have no navigation and print on one A4 landscape page; the readiness and
 * benefits pages show their charts with tables. Every page checked with axe and photographed.
 */
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import {
  publishDecisionRights,
  recordReadiness,
  recordScorecardValue,
  saveBenefit,
  saveDecisionRights,
  saveReorganisation,
  AREA_KEYS,
} from '@joinery/estate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, clickAndLoad, expectAccessible, launchBrowser, screenshotPath } from './browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

describe.skipIf(!chromiumPath)('governance pages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database;
    await saveReorganisation(db, { code: 'wessex-lgr', name: 'Wessex LGR', successorCode: 'wessex-council', vestingDay: '2028-04-01' });
    await saveDecisionRights(db, null, 'wessex-lgr', {
      changeNote: 'First draft',
      matrix: {
        bodies: [
          { key: 'shadow-executive', name: 'Shadow executive' },
          { key: 'programme-board', name: 'Programme board' },
          { key: 'design-authority', name: 'Design authority' },
          { key: 'cio-cdo', name: 'CIO/CDO' },
          { key: 's151-officer', name: 's151 officer' },
          { key: 'service-directors', name: 'Service directors' },
        ],
        cells: [
          { domain: 'it-principles', body: 'shadow-executive', code: 'A', note: 'Adopts the digital principles' },
          { domain: 'it-principles', body: 'cio-cdo', code: 'R', note: 'Drafts them' },
          { domain: 'architecture', body: 'design-authority', code: 'A', note: 'Guardrails: identity, data, integration, security' },
          { domain: 'infrastructure', body: 'cio-cdo', code: 'A', note: 'Day-one safe and legal' },
          { domain: 'applications', body: 'programme-board', code: 'A', note: 'Keep, converge or retire each application' },
          { domain: 'applications', body: 'service-directors', code: 'R' },
          { domain: 'investment', body: 's151-officer', code: 'R', note: 'Affordability' },
          { domain: 'investment', body: 'programme-board', code: 'C' },
        ],
      },
    });
    await publishDecisionRights(db, null, 'wessex-lgr', 1);
    for (const [assessedOn, rating] of [
      ['2026-04-01', 'red'],
      ['2026-10-01', 'amber'],
    ] as const)
      await recordReadiness(
        db,
        null,
        'wessex-lgr',
        AREA_KEYS.map((area, i) => ({
          organisationCode: 'wessex-council',
          area,
          rating: i % 3 === 0 ? 'green' : rating,
          evidence: `Assessment of ${assessedOn}`,
          assessor: 'Head of Digital',
          assessedOn,
        })),
      );
    await saveBenefit(db, null, 'wessex-lgr', {
      reference: 'B-01',
      title: 'One revenues and benefits system',
      kind: 'cashable-saving',
      measure: 'Annual cost of revenues and benefits systems',
      unit: 'GBP',
      baseline: 900_000,
      target: 400_000,
      owner: 'Programme board',
      gates: [{ kind: 'system-decommissioned', milestone: 'Budmouth revenues system switched off', isMet: false }],
    });
    for (const [periodStart, api, days] of [
      ['2028-04-01', 12_000, 15],
      ['2028-05-01', 18_500, 11],
      ['2028-06-01', 26_000, 8],
    ] as const) {
      await recordScorecardValue(db, null, 'wessex-lgr', { measure: 'api-usage', periodStart, value: api });
      await recordScorecardValue(db, null, 'wessex-lgr', { measure: 'time-to-onboard', periodStart, value: days });
    }
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator changes the matrix on the page; the new version shows what changed', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('casterbridge.admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
    await page.goto(`${base}/estate/governance?reorganisation=wessex-lgr`);
    expect(await page.locator('h1').textContent()).toContain('Decision rights');
    await expectAccessible(page, 'estate-governance-matrix');

    await page.getByLabel('Investment and prioritisation, Shadow executive: code').selectOption('A');
    await page.getByLabel('Investment and prioritisation, Shadow executive: note').fill('Approves tranches at benefit gates');
    await page.getByLabel('Change note').fill('Shadow executive decides investment');
    await clickAndLoad(page.getByRole('button', { name: 'Save as a new version' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Version 2 saved');
    const changes = await page.locator('main').textContent();
    expect(changes).toContain('Investment and prioritisation × Shadow executive: blank → A (Approves tranches at benefit gates)');
    expect(await page.locator('.govuk-warning-text').count()).toBe(0); // every domain now has an accountable body
    await expectAccessible(page, 'estate-governance-matrix-saved');
  });

  it('prints the matrix on one A4 landscape page, without navigation', async () => {
    await page.goto(`${base}/estate/governance/print?reorganisation=wessex-lgr`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-service-navigation, nav').count()).toBe(0);
    expect(await page.locator('.joinery-no-print').isVisible()).toBe(false);
    await page.setViewportSize({ width: 1123, height: 794 }); // A4 landscape at 96 dpi
    await expectAccessible(page, 'estate-governance-print');
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the published version to anyone, signed in or not', async () => {
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(`${base}/estate/governance/published/wessex-lgr`);
    expect(await anonymous.locator('h1').textContent()).toContain('Wessex LGR');
    expect(await anonymous.locator('main').textContent()).toContain('Version 1');
    expect(await anonymous.locator('main').textContent()).not.toContain('Approves tranches'); // version 2 is not published
    await expectAccessible(anonymous, 'estate-governance-public');
    await anonymous.close();
  });

  it('shows readiness and benefits with their charts and tables', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/estate/readiness?reorganisation=wessex-lgr`);
    expect(await page.locator('main').textContent()).toContain('Casterbridge District Council has not been assessed yet'); // the user’s own council first
    await page.getByLabel('Organisation', { exact: true }).first().selectOption('wessex-council');
    await clickAndLoad(page.getByRole('button', { name: 'Show' }));
    expect(await page.locator('main svg[role="img"]').count()).toBe(1);
    await expectAccessible(page, 'estate-readiness');
    await page.goto(`${base}/estate/benefits?reorganisation=wessex-lgr`);
    expect(await page.locator('main svg[role="img"]').count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('Budmouth revenues system switched off');
    await expectAccessible(page, 'estate-benefits');
    await page.screenshot({ path: screenshotPath('estate-benefits-top') });
  });
});

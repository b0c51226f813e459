/**
 * The exchange pages in a real browser: the federation's operator reads the overview and the
 * federation's pages, admits a member (a blank choice first: the error summary), registers a
 * gateway and is shown its one-time token with the commands to run, and verifies evidence — a
 * real bundle holds, a tampered one shows its problem. Every page checked with axe and
 * photographed (under /tmp/joinery-exchange-pages, for people to look at).
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { addUser } from '@joinery/core';
import {
  createCertificateAuthority,
  createFederation,
  issueRevocationList,
  openAuthority,
  systemActor,
  type EvidenceBundle,
} from '@joinery/exchange';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, chromiumPath, clickAndLoad, launchBrowser } from './browser.ts';
import { makeTestEvidence, type TestEvidence } from './exchange-evidence.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

const SHOTS = '/tmp/joinery-exchange-pages';

async function expectAccessible(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  expect(await accessibilityViolations(page)).toEqual([]);
}

describe.skipIf(!chromiumPath)('the exchange pages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let evidence: TestEvidence;

  beforeAll(async () => {
    server = await startTestServer();
    await addUser(server.database, {
      username: 'wessex.admin',
      displayName: 'Wes Admin',
      password: PASSWORD,
      organisationCode: 'wessex-council',
      roles: ['admin'],
    });
    await createFederation(openAuthority(server.database, { dataDir: 'memory://' }), systemActor('test'), {
      code: 'wessex',
      name: 'Wessex Data Exchange',
      publicUrl: 'http://localhost:3000',
      operatorOrganisationCode: 'wessex-council',
      organisationCodes: ['wessex-council', 'casterbridge'],
    });
    evidence = await makeTestEvidence();
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('wessex.admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the operator reads the overview and each of the federation’s pages', async () => {
    await page.goto(`${base}/`);
    await clickAndLoad(page.getByRole('link', { name: 'Exchange', exact: true }).first());
    expect(await page.locator('h1').textContent()).toBe('Data exchange');
    const overview = await page.locator('main').textContent();
    expect(overview).toContain('Serial 1');
    expect(await page.locator('.govuk-summary-list__row', { hasText: 'Members' }).first().textContent()).toMatch(/Members\s+2\s/);
    await expectAccessible(page, 'overview');

    await clickAndLoad(page.getByRole('link', { name: 'Wessex Data Exchange', exact: true }));
    expect(await page.locator('h1').textContent()).toBe('Wessex Data Exchange');
    expect(await page.locator('main').textContent()).toContain('You are one of the federation’s operators');
    await expectAccessible(page, 'federation-summary');

    for (const [link, heading, shot] of [
      ['Certificates', 'Certificates', 'federation-certificates'],
      ['Certification authorities', 'Certification authorities', 'federation-certification-authorities'],
      ['Trusted federations', 'Trusted federations', 'federation-trust'],
      ['Successions', 'Successions', 'federation-successions'],
      ['Configuration', 'Configuration', 'federation-configuration'],
    ] as const) {
      await clickAndLoad(page.getByRole('navigation', { name: 'Pages of Wessex Data Exchange' }).getByRole('link', { name: link }));
      expect(await page.locator('h1').textContent()).toBe(heading);
      await expectAccessible(page, shot);
    }
    expect(await page.locator('#ca-fingerprint-1').textContent()).toMatch(/^[0-9a-f]{64}$/);

    await page.goto(`${base}/exchange/federations/new`);
    await expectAccessible(page, 'federation-new');
  });

  it('the operator admits a member, a blank choice first', async () => {
    await page.goto(`${base}/exchange/federations/wessex/members`);
    await expectAccessible(page, 'federation-members');
    await clickAndLoad(page.getByRole('button', { name: 'Admit the organisation' }));
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose the organisation to admit');
    await expectAccessible(page, 'federation-members-error');
    await page.getByLabel('Organisation', { exact: true }).selectOption('budmouth');
    await clickAndLoad(page.getByRole('button', { name: 'Admit the organisation' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The organisation has been admitted');
    expect(await page.locator('main table').textContent()).toContain('wessex/GOV/budmouth');
  });

  it('the operator trusts a member’s certification authority by pasting it, then applies its revocation list from a file', async () => {
    const memberCa = await createCertificateAuthority({
      name: 'Casterbridge',
      federation: 'casterbridge',
      commonName: 'Casterbridge issuing CA',
    });
    await page.goto(`${base}/exchange/federations/wessex/certification-authorities`);
    await page.getByLabel('Name', { exact: true }).fill('Casterbridge issuing CA');
    await page.getByLabel('Its certificate').fill(memberCa.certificatePem);
    await clickAndLoad(page.getByRole('button', { name: 'Trust the certification authority' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('is now trusted');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Apply the revocation list' }) });
    await clickAndLoad(form.getByRole('button', { name: 'Apply the revocation list' }));
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Choose the certification authority’s revocation list file, or paste it',
    );
    await expectAccessible(page, 'federation-certification-authorities-crl-error');
    const crl = await issueRevocationList(memberCa, [{ serialNumber: '0badc0de' }], { number: 1 });
    await form
      .getByLabel('The revocation list file')
      .setInputFiles({ name: 'casterbridge.crl', mimeType: 'application/pkix-crl', buffer: Buffer.from(crl) });
    await clickAndLoad(form.getByRole('button', { name: 'Apply the revocation list' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The revocation list is applied');
    expect(await page.locator('.govuk-summary-list__row', { hasText: 'Revocation list' }).textContent()).toMatch(
      /Number 1, issued .* It lists 1 certificate\. Applied .* by wessex\.admin/,
    );
    await expectAccessible(page, 'federation-certification-authorities-crl');
  });

  it('registering a gateway shows its one-time token and the commands to run', async () => {
    await page.goto(`${base}/exchange/federations/wessex/gateways`);
    await expectAccessible(page, 'federation-gateways-empty');
    await page.getByLabel('Member').first().selectOption('wessex-council');
    await page.getByLabel('Gateway code').fill('gw1');
    await page.getByLabel('Address').fill('https://127.0.0.1:5501');
    await clickAndLoad(page.getByRole('button', { name: 'Register the gateway' }));
    expect(await page.locator('h1').textContent()).toContain('Gateway registered');
    const token = (await page.locator('#enrolment-token').textContent())!.trim();
    expect(token).toMatch(/^jx1\./);
    expect(await page.locator('#init-command').textContent()).toBe(
      `joinery gateway init --dir .joinery/gateway-wessex-council-gw1 --token ${token}`,
    );
    expect(await page.locator('#run-command').textContent()).toBe('joinery gateway --dir .joinery/gateway-wessex-council-gw1');
    await expectAccessible(page, 'federation-gateway-token');
    await clickAndLoad(page.getByRole('link', { name: 'Back to the gateways' }));
    expect(await page.locator('main table').textContent()).toContain('wessex/GOV/wessex-council/gw1');
    expect(await page.locator('main').textContent()).not.toContain(token);
    await expectAccessible(page, 'federation-gateways');
  });

  it('a real evidence bundle holds; a tampered one shows its problem', async () => {
    await page.goto(`${base}/exchange`);
    await clickAndLoad(page.getByRole('link', { name: 'Verify an evidence bundle' }));
    await expectAccessible(page, 'evidence');
    const upload = async (bundle: unknown, ca = '') => {
      await page.getByLabel('Evidence bundle').setInputFiles({
        name: 'message.evidence.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(bundle)),
      });
      await page.getByLabel('The SHA-256 fingerprints of the CAs you trust (optional)').fill(ca);
      await clickAndLoad(page.getByRole('button', { name: 'Verify the evidence' }));
    };

    await upload(evidence.bundle, evidence.caFingerprint);
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('The evidence holds');
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('Request sent');
    expect(await rows.nth(1).textContent()).toContain('Answer received');
    expect(await rows.nth(1).textContent()).toContain('200');
    await expectAccessible(page, 'evidence-holds');

    const tampered = structuredClone(evidence.bundle) as EvidenceBundle;
    tampered.items[1]!.entry.record.status = 404;
    await upload(tampered, evidence.caFingerprint);
    expect(await page.locator('main').textContent()).toContain('The evidence does not hold');
    expect(await page.locator('#evidence-problems').textContent()).toMatch(/Error:/);
    await expectAccessible(page, 'evidence-does-not-hold');

    await page.getByLabel('Evidence bundle').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await clickAndLoad(page.getByRole('button', { name: 'Verify the evidence' }));
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('The file notes.txt is not JSON');
    await expectAccessible(page, 'evidence-not-json');
  });
});

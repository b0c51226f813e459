import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, chromiumPath, clickAndLoad, launchBrowser, screenshotPath } from './browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

describe.skipIf(!chromiumPath)('pages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer();
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function visit(path: string, name: string) {
    const response = await page.goto(`${base}${path}`);
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
    return response;
  }

  it('home page: organisations, capabilities, no accessibility violations', async () => {
    const response = await visit('/', 'home');
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Home – Joinery');
    expect(await page.locator('h1').textContent()).toContain('Joinery');
    expect(await page.getByRole('link', { name: 'Casterbridge District Council' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('sign-in page has no accessibility violations, and a wrong password shows an error summary', async () => {
    await visit('/sign-in', 'sign-in');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Username').fill('casterbridge.admin');
    await page.getByLabel('Password').fill('wrong password here');
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
    await expect(page.title()).resolves.toBe('Error: Sign in – Joinery');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('The username or password is not right');
    await page.screenshot({ path: screenshotPath('sign-in-error'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('signs in, sees its own admin page, and is refused another organisation’s', async () => {
    await visit('/sign-in', 'sign-in-2');
    await page.getByLabel('Username').fill('casterbridge.admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await clickAndLoad(page.getByRole('button', { name: 'Sign in' }));
    await page.waitForURL(`${base}/`);
    expect(await page.locator('.joinery-account').textContent()).toContain('Casey Admin');

    await visit('/organisations/casterbridge', 'organisation');
    expect(await accessibilityViolations(page)).toEqual([]);
    await clickAndLoad(page.getByRole('link', { name: 'Users and roles' }));
    expect(await page.locator('h1').textContent()).toContain('Users and roles');
    await page.screenshot({ path: screenshotPath('admin'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    await clickAndLoad(page.getByRole('link', { name: 'casterbridge.admin – change roles' }));
    expect(await page.locator('h1').textContent()).toContain('Casey Admin');
    await page.screenshot({ path: screenshotPath('user-roles'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    const refused = await visit('/organisations/budmouth/admin', 'refused');
    expect(refused?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toContain('You do not have permission');
    expect(await accessibilityViolations(page)).toEqual([]);

    await visit('/organisations/casterbridge/audit', 'audit');
    expect(await page.locator('table').textContent()).toContain('user.sign-in');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('other pages have no accessibility violations', async () => {
    for (const [path, name] of [
      ['/organisations', 'organisations'],
      ['/api/docs', 'api-docs'],
      ['/cookies', 'cookies'],
      ['/accessibility', 'accessibility'],
      ['/privacy', 'privacy'],
      ['/no-such-page', 'not-found'],
    ] as const) {
      await visit(path, name);
      expect({ path, violations: await accessibilityViolations(page) }).toEqual({ path, violations: [] });
    }
  });

  it('signs out', async () => {
    await visit('/', 'before-sign-out');
    await clickAndLoad(page.getByRole('button', { name: 'Sign out' }));
    await page.waitForURL(`${base}/`);
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0);
  });
});

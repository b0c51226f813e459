/**
 * The Wessex walk: the server started as `npm start` starts it, on a fresh data folder,
 * loads the demo; its users sign in with the printed password and see only their own
 * organisation's administration.
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '@joinery/core';
import { createServerTestDatabase } from '@joinery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.ts';
import { Browser } from './helpers.ts';

describe('the Wessex demo on first start', () => {
  let server: RunningServer;
  let dataDir: string;
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  const log: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'joinery-wessex-'));
    const serverDatabase = await createServerTestDatabase();
    drop = serverDatabase?.drop;
    databaseUrl = serverDatabase?.url;
    server = await startServer(
      { ...DEFAULT_CONFIG, host: '127.0.0.1', port: 0, dataDir, databaseUrl, demoScale: 0.02, logLevel: 'silent' },
      { log: (line) => log.push(line) },
    );
  });

  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('loads every kind of Wessex organisation and shows them on the home page', async () => {
    const home = await new Browser(server.app).get('/');
    for (const name of [
      'Wessex County Council',
      'Casterbridge District Council',
      'Budmouth Borough Council',
      'Melchester City Council',
      'Sandbourne District Council',
      'Wessex Council',
      'Wessex Hospitals NHS Foundation Trust',
      'Egdon Heath Housing Association',
    ]) {
      expect(home.body).toContain(name);
    }
    expect(home.body).toContain('GP practices');
  });

  it('runs the demo’s data exchange: gateways enrolled, real calls through them, reports at the authority', async () => {
    const lines = log.join('\n');
    expect(lines).toMatch(/2 federations with 4 gateways, 2 services and 3 access rights/);
    const calls = /(\d+) demo exchange calls through the gateways \(1 refused/.exec(lines);
    expect(Number(calls?.[1])).toBeGreaterThanOrEqual(4);
    const configuration = await new Browser(server.app).get('/api/exchange/federations/wessex/configuration');
    const signed = JSON.parse(configuration.body) as {
      configuration: { gateways: unknown[]; trustedFederations: { instance: string }[]; successions: unknown[] };
    };
    expect(signed.configuration.gateways).toHaveLength(3);
    expect(signed.configuration.trustedFederations.map((t) => t.instance)).toEqual(['lower-wessex']);
    expect(signed.configuration.successions).toHaveLength(1);
    // The hospital's own CA published its revocation list at start, and it was applied.
    expect(lines).toContain('Wessex Hospitals issuing CA published its revocation list, applied (0 listed, 0 revoked now)');
  });

  it('prints the demo password once and keeps the sign-ins in an owner-only file', async () => {
    expect(log.join('\n')).toMatch(/sign in with the password [a-z0-9-]{23}/);
    const file = join(dataDir, 'demo-credentials.txt');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain('casterbridge.admin');
  });

  it('lets a demo administrator in, and keeps them out of other organisations’ administration', async () => {
    const password = /password ([a-z0-9-]{23})/.exec(log.join('\n'))![1]!;
    const browser = new Browser(server.app);
    expect((await browser.signIn('casterbridge.admin', password)).statusCode).toBe(302);
    expect((await browser.get('/organisations/casterbridge/admin')).statusCode).toBe(200);
    expect((await browser.get('/organisations/budmouth/admin')).statusCode).toBe(403);
    expect((await browser.get('/organisations/wessex-council/admin')).statusCode).toBe(403);
  });

  it('imports each predecessor council’s contract register into the estate', async () => {
    expect(log.join('\n')).toMatch(/Joinery: \d+ contracts from 5 councils' contract registers/);
    const password = /password ([a-z0-9-]{23})/.exec(log.join('\n'))![1]!;
    const browser = new Browser(server.app);
    await browser.signIn('budmouth.admin', password);
    const list = await browser.get('/api/estate/contracts?organisation=budmouth');
    expect(list.statusCode).toBe(200);
    expect(list.json().contracts.length).toBeGreaterThan(10);
    expect(list.json().contracts.some((c: { noticePeriod: string | null }) => /^P\d+M$/.test(c.noticePeriod ?? ''))).toBe(true);
  });

  it('shows the reorganisation’s estate at a glance: vesting day and what each council has imported', async () => {
    const password = /password ([a-z0-9-]{23})/.exec(log.join('\n'))![1]!;
    const browser = new Browser(server.app);
    await browser.signIn('budmouth.admin', password);
    const overview = (await browser.get('/api/estate/overview')).json();
    expect(overview.reorganisation).toMatchObject({ code: 'wessex-lgr', successorCode: 'wessex-council', vestingDay: '2028-04-01' });
    expect(overview.reorganisation.predecessorCodes).toEqual(['budmouth', 'casterbridge', 'melchester', 'sandbourne', 'wessex-county']);
    expect(overview.councils.filter((c: { contracts: number }) => c.contracts > 0)).toHaveLength(5);
    expect(overview.totals.contracts).toBe(overview.councils.reduce((n: number, c: { contracts: number }) => n + c.contracts, 0));
    const page = await browser.get('/estate');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Wessex Local Government Reorganisation Programme');
  });

  it('writes the source systems’ extracts with ground truth kept apart', async () => {
    const manifest = JSON.parse(await readFile(join(dataDir, 'scenario', 'manifest.json'), 'utf8'));
    const sources = manifest.files.filter((f: { path: string }) => f.path.startsWith('sources/'));
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.every((f: { isGroundTruth: boolean }) => !f.isGroundTruth)).toBe(true);
    expect(manifest.files.some((f: { path: string; isGroundTruth: boolean }) => f.path.startsWith('truth/') && f.isGroundTruth)).toBe(true);
  });

  it('does not load the demo again on the next start, and keeps the data', async () => {
    await server.close();
    const second: string[] = [];
    server = await startServer(
      { ...DEFAULT_CONFIG, host: '127.0.0.1', port: 0, dataDir, databaseUrl, demoScale: 0.02, logLevel: 'silent' },
      { log: (line) => second.push(line) },
    );
    expect(second.join('\n')).not.toContain('loading the Wessex demo');
    expect((await new Browser(server.app).get('/')).body).toContain('Casterbridge District Council');
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../src/index.ts';

describe('configuration', () => {
  it('has documented defaults', () => {
    const config = loadConfig({ env: {}, cwd: tmpdir() });
    expect(config).toMatchObject({ port: 3000, dataDir: '.joinery', demoOnStart: true, publicUrl: 'http://localhost:3000' });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads joinery.config.json, then lets the environment override it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'joinery-config-'));
    await writeFile(join(dir, 'joinery.config.json'), JSON.stringify({ port: 4000, dataDir: '/srv/joinery' }));
    expect(loadConfig({ env: {}, cwd: dir })).toMatchObject({ port: 4000, dataDir: '/srv/joinery' });
    expect(loadConfig({ env: { PORT: '5000', DATABASE_URL: 'postgres://x@db/joinery' }, cwd: dir })).toMatchObject({
      port: 5000,
      databaseUrl: 'postgres://x@db/joinery',
    });
  });

  it('names every bad setting in one error', () => {
    expect(() =>
      loadConfig({ env: { PORT: 'eighty', LOG_LEVEL: 'loud', JOINERY_DEMO: 'maybe', JOINERY_SESSION_SECRET: 'short' }, cwd: tmpdir() }),
    ).toThrow(
      expect.objectContaining({
        code: 'CORE_CONFIG_INVALID',
        details: expect.arrayContaining([
          expect.objectContaining({ field: 'PORT' }),
          expect.objectContaining({ field: 'LOG_LEVEL' }),
          expect.objectContaining({ field: 'JOINERY_DEMO' }),
          expect.objectContaining({ field: 'JOINERY_SESSION_SECRET' }),
        ]),
      }),
    );
  });

  it('refuses a config file that is not JSON, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'joinery-config-'));
    await writeFile(join(dir, 'joinery.config.json'), '{ port: 4000 ');
    expect(() => loadConfig({ env: {}, cwd: dir })).toThrow(/joinery\.config\.json cannot be read/);
  });

  it('needs a client id and a secret or key for single sign-on', () => {
    expect(() => loadConfig({ env: { OIDC_ISSUER: 'https://login.example' }, cwd: tmpdir() })).toThrow(/OIDC_CLIENT_ID/);
    expect(
      loadConfig({ env: { OIDC_ISSUER: 'https://login.example', OIDC_CLIENT_ID: 'joinery', OIDC_CLIENT_SECRET: 's' }, cwd: tmpdir() }).oidc,
    ).toMatchObject({ issuer: 'https://login.example', scopes: 'openid email profile' });
  });

  it('keeps DEFAULT_CONFIG free of secrets', () => {
    expect(DEFAULT_CONFIG.sessionSecret).toBeUndefined();
  });
});

/**
 * The `joinery` command as a user runs it: a real process, a real data folder.
 * Covers --help everywhere, clear failures on bad configuration, and an export that an
 * import into an empty database restores exactly (a second export is byte-identical).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyPgliteTemplate, createServerTestDatabase } from '@joinery/core/testing';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/program.ts';
import { JOINERY_BIN, joinery as run, type JoineryResult } from './support/joinery.ts';

/** The defaults every command here runs with: a small demo unless a test says otherwise. */
function joinery(args: string[], env: Record<string, string> = {}, input?: string): Promise<JoineryResult> {
  return run(args, { env: { JOINERY_DEMO_SCALE: '0.02', ...env }, input });
}

/**
 * The database env for a new data folder holding an empty database (or, in the PostgreSQL
 * run, a new server database); with `copyOf`, a copy of that env's folder and database.
 */
const serverDatabases: { drop(): Promise<void> }[] = [];
async function freshDataDir(copyOf?: Record<string, string>): Promise<Record<string, string>> {
  const env: Record<string, string> = { JOINERY_DATA_DIR: await mkdtemp(join(tmpdir(), 'joinery-cli-')) };
  const server = await createServerTestDatabase(copyOf?.DATABASE_URL);
  if (server) {
    serverDatabases.push(server);
    env.DATABASE_URL = server.url;
  }
  if (copyOf) await cp(copyOf.JOINERY_DATA_DIR!, env.JOINERY_DATA_DIR!, { recursive: true });
  // The empty database initialised once per run, not by initdb in each folder (wessex.test.ts starts on a bare folder).
  else if (!server) await copyPgliteTemplate(env.JOINERY_DATA_DIR!);
  return env;
}
afterAll(async () => {
  for (const database of serverDatabases) await database.drop();
});

/**
 * `demo load` once for this file, into a folder no test changes: its result, and the env of
 * a copy of what it loaded for each test to work on (a demo load takes a minute on CI).
 */
let demo: Promise<{ load: JoineryResult; env: Record<string, string> }> | undefined;
async function loadedDemo(): Promise<{ load: JoineryResult; copy: Record<string, string> }> {
  demo ??= freshDataDir().then(async (env) => ({ load: await joinery(['demo', 'load', '--scale', '0.01'], env), env }));
  const { load, env } = await demo;
  expect(load.code, load.stderr).toBe(0);
  return { load, copy: await freshDataDir(env) };
}

async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)));
}

describe('joinery command', () => {
  it('has --help on every verb', async () => {
    // The documented entry (bin/joinery.js through tsx), as a real process; the other tests
    // run the same program bundled (support/bundle.ts), which starts several times faster.
    const top = await run(['--help'], { entry: JOINERY_BIN });
    expect(top.code).toBe(0);
    for (const verb of ['start', 'db', 'demo', 'users', 'export', 'import', 'link', 'persons']) expect(top.stdout).toContain(verb);
    // Every verb, however deep, read in process (a process per verb costs seconds each).
    const verbs: { path: string; help: string }[] = [];
    const walk = (command: Command, path: string[]) => {
      for (const sub of command.commands) {
        const here = [...path, sub.name()];
        verbs.push({ path: here.join(' '), help: sub.helpInformation() });
        walk(sub, here);
      }
    };
    walk(buildProgram(), []);
    expect(verbs.length).toBeGreaterThan(25);
    for (const verb of verbs) {
      expect(verb.help, verb.path).toMatch(new RegExp(`^Usage: joinery ${verb.path} `));
      expect(verb.help.split('\n').length, verb.path).toBeGreaterThan(3);
    }
    // …and one verb's --help as a real process, exit code and all (the bundled entry: the documented one is above).
    const persons = await run(['persons', 'build', '--help']);
    expect(persons.code).toBe(0);
    expect(persons.stdout).toMatch(/Usage: joinery persons build/);
  });

  it('fails clearly, without a stack trace, on a bad DATABASE_URL or an unreachable server', async () => {
    const bad = await joinery(['db', 'migrate'], { DATABASE_URL: 'mysql://root@localhost/joinery' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('joinery: DATABASE_URL must start with postgres://');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const unreachable = await joinery(['db', 'migrate'], { DATABASE_URL: 'postgres://joinery:secret@127.0.0.1:9/joinery' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('Cannot connect to PostgreSQL at 127.0.0.1:9/joinery');
    expect(unreachable.stderr).not.toContain('secret');
  });

  it('fails clearly on bad configuration values', async () => {
    const result = await joinery(['start'], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be a whole number');
  });

  it('fails clearly when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const result = await joinery(['start', '--no-demo'], { ...(await freshDataDir()), HOST: '127.0.0.1', PORT: String(port) });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use by another program`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('fails clearly on a corrupt data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'joinery-cli-corrupt-'));
    await mkdir(join(dir, 'db'));
    await writeFile(join(dir, 'db', 'PG_VERSION'), 'not a database');
    const result = await joinery(['db', 'migrate'], { JOINERY_DATA_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The embedded database in ${join(dir, 'db')} cannot be opened`);
    expect(result.stderr).toContain('Restore it from a backup');
  });

  it(
    'builds the person index from the demo, refuses a re-load, matches with a reason and measures accuracy',
    { timeout: 300_000 },
    async () => {
      const { load, copy: env } = await loadedDemo();
      expect(load.stdout).toMatch(/Person index: \d+ records from \d+ systems, \d+ persons/);
      expect(load.stdout).toMatch(/Estate: \d+ contracts from 5 councils' contract registers/);
      const systems = await joinery(['persons', 'systems'], env);
      expect(systems.stdout).toContain('casterbridge/council-tax');
      const scenario = join(env.JOINERY_DATA_DIR!, 'scenario');
      const again = await joinery(
        ['persons', 'load', '--system', 'casterbridge/council-tax', join(scenario, 'sources', 'casterbridge__council-tax.csv')],
        env,
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('has already been loaded into casterbridge/council-tax');
      const build = await joinery(['persons', 'build'], env);
      expect(build.code, build.stderr).toBe(0);
      // Nothing changed since the demo's build: an incremental build re-links nothing.
      expect(build.stdout).toMatch(
        /records \(0 re-linked \(0 changed since the last build\)\) → \d+ persons \(0 new, 0 merges, 0 splits\)/,
      );
      const full = await joinery(['persons', 'build', '--full'], env);
      expect(full.stdout).toMatch(/records \(every record re-linked\) → \d+ persons \(0 new, 0 merges, 0 splits\)/);
      const noReason = await joinery(['persons', 'match', '--surname', 'Henchard'], env);
      expect(noReason.code).not.toBe(0);
      expect(noReason.stderr).toContain("required option '--reason <text>'");
      const accuracy = await joinery(['persons', 'accuracy', '--truth', join(scenario, 'truth', 'record-links.csv')], env);
      expect(accuracy.code, accuracy.stderr).toBe(0);
      const overall = /all systems\s+\d+\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(accuracy.stdout);
      expect(Number(overall?.[3])).toBeGreaterThan(0.8);
    },
  );

  it('refuses a bad option value with the reason', async () => {
    const result = await joinery(['demo', 'load', '--scale', '-3']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--scale must be a number above 0');
  });

  it('exports everything and imports it into an empty database: counts equal, second export identical', { timeout: 180_000 }, async () => {
    const { load, copy: source } = await loadedDemo();
    const target = await freshDataDir();
    const exports = await mkdtemp(join(tmpdir(), 'joinery-cli-export-'));

    expect(load.stdout).toMatch(/Loaded \d+ organisations/);
    const added = await joinery(
      ['users', 'add', '-o', 'casterbridge', '-u', 'ann.smith', '-n', 'Ann Smith', '-r', 'viewer', '--password-stdin'],
      source,
      'a long enough passphrase\n',
    );
    expect(added.code, added.stderr).toBe(0);

    const first = await joinery(['export', '--out', join(exports, 'first')], source);
    expect(first.code, first.stderr).toBe(0);
    const imported = await joinery(['import', join(exports, 'first')], target);
    expect(imported.code, imported.stderr).toBe(0);
    const tableCounts = (text: string) => text.split('\n').filter((l) => l.includes('\t'));
    expect(tableCounts(imported.stdout)).toEqual(tableCounts(first.stdout));

    const second = await joinery(['export', '--out', join(exports, 'second')], target);
    expect(second.code, second.stderr).toBe(0);
    expect(await filesOf(join(exports, 'second'))).toEqual(await filesOf(join(exports, 'first')));

    const again = await joinery(['import', join(exports, 'first')], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds data');
  });
});

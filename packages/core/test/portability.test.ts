import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, exportAll, importAll, recordAudit, saveOrganisations, type Organisation } from '../src/index.ts';
import { openTestDatabase, type TestDatabase } from '../src/testing.ts';

const organisations: Organisation[] = [
  // The predecessor sorts before its successor: the import must not depend on order.
  {
    code: 'casterbridge',
    name: 'Casterbridge District Council',
    type: 'district-council',
    successorCode: 'wessex-council',
    identifiers: [{ kind: 'gss', value: 'E07000901' }],
    partnerships: [],
  },
  {
    code: 'wessex-council',
    name: 'Wessex Council',
    type: 'unitary-authority',
    successorCode: null,
    identifiers: [{ kind: 'gss', value: 'E06000901' }],
    partnerships: [],
  },
];

async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)));
}

describe('export and import', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    source = await openTestDatabase();
    target = await openTestDatabase();
    await saveOrganisations(source, organisations, [
      { code: 'wessex-lgr', name: 'Wessex reorganisation', kind: 'reorganisation', members: ['casterbridge', 'wessex-council'] },
    ]);
    const id = await addUser(source, {
      username: 'ann.admin',
      displayName: 'Ann "Nan" Admin, Esq.',
      email: null,
      password: 'a long enough passphrase',
      organisationCode: 'casterbridge',
      roles: ['admin', 'viewer'],
    });
    await recordAudit(source.db, {
      actor: { id, username: 'ann.admin' },
      organisationCode: 'casterbridge',
      action: 'user.add',
      reason: '',
      details: { note: 'line one\nline two, with comma' },
    });
    await recordAudit(source.db, { action: 'system.start' });
    dir = await mkdtemp(join(tmpdir(), 'joinery-export-'));
  });

  afterAll(async () => {
    await source.dispose();
    await target.dispose();
  });

  it('restores everything into an empty database, and re-exports identically', async () => {
    const first = await exportAll(source, join(dir, 'first'));
    expect(first.tables.find((t) => t.name === 'organisations')?.rows).toBe(2);
    expect(first.tables.find((t) => t.name === 'audit_events')?.rows).toBe(2);
    expect(first.tables.map((t) => t.name)).not.toContain('sessions');

    const report = await importAll(target, join(dir, 'first'));
    expect(report.tables).toEqual(first.tables.map((t) => ({ name: t.name, rows: t.rows })));

    await exportAll(target, join(dir, 'second'));
    expect(await filesOf(join(dir, 'second'))).toEqual(await filesOf(join(dir, 'first')));
  });

  it('keeps NULL and the empty string apart', async () => {
    const row = await target.db
      .selectFrom('audit_events')
      .select(['reason', 'subject_id'])
      .where('action', '=', 'user.add')
      .executeTakeFirstOrThrow();
    expect(row.reason).toBe('');
    expect(row.subject_id).toBeNull();
  });

  it('continues sequences after the imported rows', async () => {
    await recordAudit(target.db, { action: 'after.import' });
    const ids = await target.db.selectFrom('audit_events').select('id').orderBy('id').execute();
    expect(ids.map((r) => Number(r.id))).toEqual([1, 2, 3]);
  });

  it('refuses to import into a database that holds data, changing nothing', async () => {
    await expect(importAll(source, join(dir, 'first'))).rejects.toMatchObject({ code: 'CORE_IMPORT_NOT_EMPTY' });
  });

  it('refuses a tampered file before writing anything', async () => {
    const tampered = join(dir, 'first', 'organisations.csv');
    const text = await readFile(tampered, 'utf8');
    await writeFile(tampered, text.replace('Wessex Council', 'Wessex Counci1'));
    const fresh = await openTestDatabase();
    try {
      await expect(importAll(fresh, join(dir, 'first'))).rejects.toMatchObject({ code: 'CORE_IMPORT_INVALID' });
      const count = await fresh.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    } finally {
      await writeFile(tampered, text);
      await fresh.dispose();
    }
  });

  it('exports every row of a table larger than one batch, once each, in key order', async () => {
    const big = await openTestDatabase();
    try {
      // 12,000 rows cross the 5,000-row batches and ids of 1 to 5 digits (text order ≠ number order).
      await sql`insert into audit_events (action) select 'bulk.' || g from generate_series(1, 12000) as g`.execute(big.db);
      const manifest = await exportAll(big, join(dir, 'big'));
      expect(manifest.tables.find((t) => t.name === 'audit_events')?.rows).toBe(12000);
      const ids = (await readFile(join(dir, 'big', 'audit_events.csv'), 'utf8'))
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => Number(line.split(',')[0]));
      expect(ids).toEqual(Array.from({ length: 12000 }, (_, i) => i + 1));
    } finally {
      await big.dispose();
    }
  });

  it('refuses a folder that is not an export', async () => {
    await expect(importAll(target, tmpdir())).rejects.toMatchObject({ code: 'CORE_IMPORT_INVALID' });
  });
});

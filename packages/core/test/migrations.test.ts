import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_MIGRATIONS, listAppliedMigrations, migrate } from '../src/index.ts';
import { openEmptyTestDatabase, type TestDatabase } from '../src/testing.ts';

describe('migrations', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await openEmptyTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'joinery-migrations-'));
    await writeFile(join(dir, '0001_first.sql'), 'create table room_things (id int primary key); create table room_more (id int);');
  });
  afterAll(() => database.dispose());

  it('applies every package in order, once', async () => {
    const first = await migrate(database, [CORE_MIGRATIONS, { package: 'room', dir }]);
    expect(first.map((m) => `${m.package}/${m.name}`)).toEqual(['core/0001_core', 'core/0002_api_tokens', 'room/0001_first']);
    expect(await migrate(database, [CORE_MIGRATIONS, { package: 'room', dir }])).toEqual([]);
    expect((await listAppliedMigrations(database)).length).toBe(3);
  });

  it('refuses an applied migration that has been edited', async () => {
    await writeFile(join(dir, '0001_first.sql'), 'create table room_things (id bigint primary key);');
    await expect(migrate(database, [{ package: 'room', dir }])).rejects.toMatchObject({ code: 'CORE_MIGRATION_CHANGED' });
  });

  it('rolls back a failing migration completely and names it', async () => {
    await writeFile(join(dir, '0001_first.sql'), 'create table room_things (id int primary key); create table room_more (id int);');
    await writeFile(join(dir, '0002_broken.sql'), 'create table room_half (id int); select no_such_function();');
    await expect(migrate(database, [{ package: 'room', dir }])).rejects.toMatchObject({
      code: 'CORE_MIGRATION_FAILED',
      message: expect.stringContaining('room/0002_broken'),
    });
    const tables = await database.db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('room_half');
  });
});

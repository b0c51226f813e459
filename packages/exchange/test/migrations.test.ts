import { CORE_MIGRATIONS } from '@joinery/core';
import { openTestDatabase } from '@joinery/core/testing';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { EXCHANGE_MIGRATIONS } from '../src/index.ts';

test('the federation authority’s tables are created, every column described for the export', async () => {
  const database = await openTestDatabase([CORE_MIGRATIONS, EXCHANGE_MIGRATIONS]);
  try {
    const { rows } = await sql<{ table_name: string; column_name: string; description: string | null }>`
      select c.table_name, c.column_name, col_description(format('%I', c.table_name)::regclass, c.ordinal_position) as description
      from information_schema.columns c where c.table_schema = 'public' and c.table_name like 'exchange_%'`.execute(database.db);
    expect(new Set(rows.map((r) => r.table_name)).size).toBe(16);
    expect(rows.filter((r) => !r.description).map((r) => `${r.table_name}.${r.column_name}`)).toEqual([]);
  } finally {
    await database.dispose();
  }
});

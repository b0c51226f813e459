/** SQL for organisations and partnerships. */
import type { Kysely } from 'kysely';
import type { CoreTables } from '../db/tables.ts';
import type { Organisation, Partnership } from './model.ts';

type Db = Kysely<CoreTables>;

export async function selectOrganisations(db: Db): Promise<Organisation[]> {
  const [rows, identifiers, memberships] = await Promise.all([
    db.selectFrom('organisations').selectAll().orderBy('code').execute(),
    db.selectFrom('organisation_identifiers').selectAll().orderBy('kind').orderBy('value').execute(),
    db.selectFrom('partnership_members').selectAll().orderBy('partnership_code').execute(),
  ]);
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    type: row.type as Organisation['type'],
    successorCode: row.successor_code,
    identifiers: identifiers
      .filter((i) => i.organisation_code === row.code)
      .map((i) => ({ kind: i.kind as Organisation['identifiers'][number]['kind'], value: i.value })),
    partnerships: memberships.filter((m) => m.organisation_code === row.code).map((m) => m.partnership_code),
  }));
}

export async function selectPartnerships(db: Db): Promise<Partnership[]> {
  const [rows, members] = await Promise.all([
    db.selectFrom('partnerships').selectAll().orderBy('code').execute(),
    db.selectFrom('partnership_members').selectAll().orderBy('organisation_code').execute(),
  ]);
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    kind: row.kind as Partnership['kind'],
    members: members.filter((m) => m.partnership_code === row.code).map((m) => m.organisation_code),
  }));
}

/** Inserts or updates organisations; successors are set after all exist so order does not matter. */
export async function upsertOrganisations(db: Db, organisations: Organisation[]): Promise<void> {
  if (organisations.length === 0) return;
  await db
    .insertInto('organisations')
    .values(organisations.map((o) => ({ code: o.code, name: o.name, type: o.type, successor_code: null })))
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), type: eb.ref('excluded.type') })))
    .execute();
  for (const o of organisations) {
    await db.updateTable('organisations').set({ successor_code: o.successorCode }).where('code', '=', o.code).execute();
  }
  const identifiers = organisations.flatMap((o) => o.identifiers.map((i) => ({ organisation_code: o.code, kind: i.kind, value: i.value })));
  await db
    .deleteFrom('organisation_identifiers')
    .where(
      'organisation_code',
      'in',
      organisations.map((o) => o.code),
    )
    .execute();
  if (identifiers.length > 0) await db.insertInto('organisation_identifiers').values(identifiers).execute();
}

export async function upsertPartnerships(db: Db, partnerships: Partnership[]): Promise<void> {
  if (partnerships.length === 0) return;
  await db
    .insertInto('partnerships')
    .values(partnerships.map((p) => ({ code: p.code, name: p.name, kind: p.kind })))
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), kind: eb.ref('excluded.kind') })))
    .execute();
  await db
    .deleteFrom('partnership_members')
    .where(
      'partnership_code',
      'in',
      partnerships.map((p) => p.code),
    )
    .execute();
  const members = partnerships.flatMap((p) => p.members.map((m) => ({ partnership_code: p.code, organisation_code: m })));
  if (members.length > 0) await db.insertInto('partnership_members').values(members).execute();
}

export async function countOrganisations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * SQL for the address register: gazetteer imports, the merged register and its conflicts.
 * The only place (with the other store files) that writes SQL for addresses.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { singleLineAddress, type RegisterAddress } from '../address.ts';
import type { RegistersTables } from '../tables.ts';

export type RegistersDb = Kysely<RegistersTables>;

/** Rows per INSERT: PGlite is slow row by row, fast with multi-row VALUES. */
const BATCH = 500;

export interface GazetteerRow {
  id: number;
  organisationCode: string;
  format: 'dtf73' | 'addressbase' | 'open-uprn';
  fileName: string;
  sha256: string;
  addressCount: number;
  streetCount: number;
  importedBy: string | null;
  importedAt: string;
}

export interface AddressConflict {
  kind: 'same-uprn-different-address' | 'same-address-different-uprns';
  uprns: string[];
  summary: string;
  detail: unknown;
}

function toGazetteer(row: {
  id: number;
  organisation_code: string;
  format: GazetteerRow['format'];
  file_name: string;
  sha256: string;
  address_count: number;
  street_count: number;
  imported_by: string | null;
  imported_at: Date;
}): GazetteerRow {
  return {
    id: row.id,
    organisationCode: row.organisation_code,
    format: row.format,
    fileName: row.file_name,
    sha256: row.sha256,
    addressCount: row.address_count,
    streetCount: row.street_count,
    importedBy: row.imported_by,
    importedAt: new Date(row.imported_at).toISOString(),
  };
}

export async function findGazetteerByHash(db: RegistersDb, organisationCode: string, sha256: string): Promise<GazetteerRow | undefined> {
  const row = await db
    .selectFrom('registers_gazetteers')
    .selectAll()
    .where('organisation_code', '=', organisationCode)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row && toGazetteer(row);
}

export async function listGazetteers(db: RegistersDb): Promise<GazetteerRow[]> {
  const rows = await db.selectFrom('registers_gazetteers').selectAll().orderBy('id').execute();
  return rows.map(toGazetteer);
}

export async function insertGazetteer(
  db: RegistersDb,
  gazetteer: Omit<GazetteerRow, 'id' | 'importedAt'>,
  addresses: RegisterAddress[],
): Promise<number> {
  const { id } = await db
    .insertInto('registers_gazetteers')
    .values({
      organisation_code: gazetteer.organisationCode,
      format: gazetteer.format,
      file_name: gazetteer.fileName,
      sha256: gazetteer.sha256,
      address_count: gazetteer.addressCount,
      street_count: gazetteer.streetCount,
      imported_by: gazetteer.importedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let start = 0; start < addresses.length; start += BATCH) {
    await db
      .insertInto('registers_gazetteer_addresses')
      .values(
        addresses.slice(start, start + BATCH).map((a) => ({
          gazetteer_id: id,
          uprn: Number(a.uprn),
          status: a.status,
          address: JSON.stringify(a),
        })),
      )
      .execute();
  }
  return id;
}

/** The addresses of each organisation's newest gazetteer of the given formats (an older extract is superseded by a newer one). */
export async function newestGazetteerAddresses(
  db: RegistersDb,
  formats: GazetteerRow['format'][],
): Promise<{ authority: string; gazetteerId: number; addresses: RegisterAddress[] }[]> {
  const newest = await db
    .selectFrom('registers_gazetteers')
    .select(['organisation_code', (eb) => eb.fn.max('id').as('id')])
    .where('format', 'in', formats)
    .groupBy('organisation_code')
    .orderBy('organisation_code')
    .execute();
  const result = [];
  for (const g of newest) {
    const rows = await db
      .selectFrom('registers_gazetteer_addresses')
      .select('address')
      .where('gazetteer_id', '=', g.id)
      .orderBy('id')
      .execute();
    result.push({ authority: g.organisation_code, gazetteerId: g.id, addresses: rows.map((r) => r.address as unknown as RegisterAddress) });
  }
  return result;
}

/** Replaces the merged register and its conflicts (inside the caller's transaction). */
export async function replaceRegister(db: RegistersDb, addresses: RegisterAddress[], conflicts: AddressConflict[]): Promise<void> {
  await db.deleteFrom('registers_addresses').execute();
  await db.deleteFrom('registers_address_conflicts').execute();
  for (let start = 0; start < addresses.length; start += BATCH) {
    await db
      .insertInto('registers_addresses')
      .values(
        addresses.slice(start, start + BATCH).map((a) => ({
          uprn: Number(a.uprn),
          parent_uprn: a.parentUprn ? Number(a.parentUprn) : null,
          usrn: a.usrn ? Number(a.usrn) : null,
          single_line: singleLineAddress(a),
          postcode: a.postcode ?? null,
          street: a.street ?? null,
          town: a.town ?? null,
          classification: a.classification ?? null,
          latitude: a.latitude ?? null,
          longitude: a.longitude ?? null,
          authority: a.authority,
          address: JSON.stringify(a),
        })),
      )
      .execute();
  }
  for (let start = 0; start < conflicts.length; start += BATCH) {
    await db
      .insertInto('registers_address_conflicts')
      .values(
        conflicts.slice(start, start + BATCH).map((c) => ({
          kind: c.kind,
          uprns: c.uprns.map(Number),
          summary: c.summary,
          detail: JSON.stringify(c.detail),
        })),
      )
      .execute();
  }
}

export interface AddressRow {
  uprn: string;
  singleLine: string;
  postcode: string | null;
  classification: string | null;
  authority: string;
  address: RegisterAddress;
}

function toAddress(row: {
  uprn: number;
  single_line: string;
  postcode: string | null;
  classification: string | null;
  authority: string;
  address: unknown;
}): AddressRow {
  return {
    uprn: String(row.uprn),
    singleLine: row.single_line,
    postcode: row.postcode,
    classification: row.classification,
    authority: row.authority,
    address: row.address as RegisterAddress,
  };
}

/** Every address in the register (for building the matcher's index). */
export async function allAddresses(db: RegistersDb): Promise<RegisterAddress[]> {
  const rows = await db.selectFrom('registers_addresses').select('address').orderBy('uprn').execute();
  return rows.map((r) => r.address as unknown as RegisterAddress);
}

export async function countAddresses(db: RegistersDb): Promise<number> {
  const { count } = await db
    .selectFrom('registers_addresses')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function getAddressRow(db: RegistersDb, uprn: string): Promise<AddressRow | undefined> {
  const row = await db
    .selectFrom('registers_addresses')
    .select(['uprn', 'single_line', 'postcode', 'classification', 'authority', 'address'])
    .where('uprn', '=', Number(uprn))
    .executeTakeFirst();
  return row && toAddress(row);
}

/** Search by postcode (exact, normalised), by UPRN, or by words of the address (all must appear). */
export async function searchAddressRows(
  db: RegistersDb,
  query: { postcode?: string; uprn?: string; words?: string[] },
  limit: number,
): Promise<{ rows: AddressRow[]; total: number }> {
  let q = db.selectFrom('registers_addresses');
  if (query.postcode) q = q.where('postcode', '=', query.postcode);
  if (query.uprn) q = q.where('uprn', '=', Number(query.uprn));
  for (const word of query.words ?? []) q = q.where(sql<boolean>`single_line ilike ${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['uprn', 'single_line', 'postcode', 'classification', 'authority', 'address'])
    .orderBy('postcode')
    .orderBy(sql`(address->>'paoStartNumber')::int`)
    .orderBy('single_line')
    .orderBy('uprn')
    .limit(limit)
    .execute();
  return { rows: rows.map(toAddress), total: Number(total) };
}

export async function gazetteerHoldings(db: RegistersDb, uprn: string) {
  return db
    .selectFrom('registers_gazetteer_addresses as a')
    .innerJoin('registers_gazetteers as g', 'g.id', 'a.gazetteer_id')
    .select(['g.organisation_code', 'g.file_name', 'g.id as gazetteer_id', 'a.status', 'a.address'])
    .where('a.uprn', '=', Number(uprn))
    .orderBy('g.id')
    .execute();
}

export async function listConflicts(db: RegistersDb, limit: number, offset = 0) {
  const rows = await db.selectFrom('registers_address_conflicts').selectAll().orderBy('id').limit(limit).offset(offset).execute();
  const { total } = await db
    .selectFrom('registers_address_conflicts')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return {
    total: Number(total),
    conflicts: rows.map((r) => ({ id: r.id, kind: r.kind, uprns: r.uprns.map(String), summary: r.summary, detail: r.detail as unknown })),
  };
}

/** How many active person-index records each source system holds at a UPRN (counts only: no personal data). */
export async function sourceSystemHoldings(db: RegistersDb, uprn: string) {
  const result = await sql<{ system_key: string; name: string; organisation_code: string; records: number }>`
    select s.key as system_key, s.name, s.organisation_code, count(*)::int as records
    from registers_person_records r join registers_person_systems s on s.key = r.system_key
    where r.uprn = ${uprn} and r.status = 'active'
    group by s.key, s.name, s.organisation_code order by s.key`.execute(db);
  return result.rows.map((r) => ({
    systemKey: r.system_key,
    name: r.name,
    organisationCode: r.organisation_code,
    records: Number(r.records),
  }));
}

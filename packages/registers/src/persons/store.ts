/**
 * SQL for the person index: the only file in persons/ that writes SQL. Inserts and updates
 * go in batches (PGlite is slow row by row, fast with multi-row VALUES).
 */
import type { Database } from '@joinery/core';
import { sql, type Kysely } from 'kysely';
import type { PersonIndexTables } from '../tables.ts';
import type { ColumnMapping, LoadProblem, PersonSystem, StandardPerson } from './model.ts';

export type PersonsDb = Kysely<PersonIndexTables>;

/** The person index's tables on a database handle or inside a transaction. */
export function personsDb(db: Database['db']): PersonsDb {
  return db.withTables<PersonIndexTables>() as unknown as PersonsDb;
}

const BATCH = 500;

function* batches<T>(items: readonly T[], size = BATCH): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

// Systems

export async function insertSystem(
  db: PersonsDb,
  system: { organisationCode: string; code: string; name: string; mapping: ColumnMapping; createdBy: string | null },
): Promise<void> {
  await db
    .insertInto('registers_person_systems')
    .values({
      key: `${system.organisationCode}/${system.code}`,
      organisation_code: system.organisationCode,
      code: system.code,
      name: system.name,
      mapping: JSON.stringify(system.mapping),
      created_by: system.createdBy,
    })
    .execute();
}

export async function updateSystem(db: PersonsDb, key: string, change: { name?: string; mapping?: ColumnMapping }): Promise<void> {
  await db
    .updateTable('registers_person_systems')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.mapping !== undefined ? { mapping: JSON.stringify(change.mapping) } : {}),
      updated_at: new Date(),
    })
    .where('key', '=', key)
    .execute();
}

export async function listSystemRows(db: PersonsDb, key?: string): Promise<PersonSystem[]> {
  let q = db
    .selectFrom('registers_person_systems as s')
    .select((eb) => [
      's.key',
      's.organisation_code',
      's.code',
      's.name',
      's.mapping',
      eb
        .selectFrom('registers_person_records as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.system_key', '=', 's.key')
        .where('r.status', '=', 'active')
        .as('record_count'),
      eb
        .selectFrom('registers_person_loads as l')
        .select((e) => e.fn.max('l.loaded_at').as('m'))
        .whereRef('l.system_key', '=', 's.key')
        .as('last_load_at'),
    ])
    .orderBy('s.organisation_code')
    .orderBy('s.code');
  if (key) q = q.where('s.key', '=', key);
  const rows = await q.execute();
  return rows.map((r) => ({
    key: r.key,
    organisationCode: r.organisation_code,
    code: r.code,
    name: r.name,
    mapping: r.mapping as ColumnMapping,
    recordCount: Number(r.record_count ?? 0),
    lastLoadAt: r.last_load_at ? new Date(r.last_load_at as Date).toISOString() : null,
  }));
}

// Loads

export async function findLoadByHash(db: PersonsDb, systemKey: string, sha256: string) {
  return db
    .selectFrom('registers_person_loads')
    .select(['id', 'loaded_at', 'file_name'])
    .where('system_key', '=', systemKey)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertLoad(
  db: PersonsDb,
  load: {
    systemKey: string;
    fileName: string;
    sha256: string;
    rows: number;
    loadedBy: string | null;
  },
): Promise<{ id: number; loadedAt: Date }> {
  const row = await db
    .insertInto('registers_person_loads')
    .values({
      system_key: load.systemKey,
      file_name: load.fileName,
      sha256: load.sha256,
      row_count: load.rows,
      added_count: 0,
      updated_count: 0,
      unchanged_count: 0,
      retired_count: 0,
      refused_count: 0,
      problems: '[]',
      loaded_by: load.loadedBy,
    })
    .returning(['id', 'loaded_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, loadedAt: row.loaded_at };
}

export async function finishLoad(
  db: PersonsDb,
  id: number,
  counts: { added: number; updated: number; unchanged: number; retired: number; refused: number; problems: LoadProblem[] },
): Promise<void> {
  await db
    .updateTable('registers_person_loads')
    .set({
      added_count: counts.added,
      updated_count: counts.updated,
      unchanged_count: counts.unchanged,
      retired_count: counts.retired,
      refused_count: counts.refused,
      problems: JSON.stringify(counts.problems),
    })
    .where('id', '=', id)
    .execute();
}

export async function listLoads(db: PersonsDb, systemKey?: string, limit = 50) {
  let q = db.selectFrom('registers_person_loads').selectAll().orderBy('id', 'desc').limit(limit);
  if (systemKey) q = q.where('system_key', '=', systemKey);
  return q.execute();
}

export async function getLoad(db: PersonsDb, id: number) {
  return db.selectFrom('registers_person_loads').selectAll().where('id', '=', id).executeTakeFirst();
}

// Records

export async function recordHashes(db: PersonsDb, systemKey: string) {
  return db
    .selectFrom('registers_person_records')
    .select(['id', 'source_record_id', 'content_hash', 'status'])
    .where('system_key', '=', systemKey)
    .execute();
}

function recordValues(person: StandardPerson) {
  return {
    title: person.title,
    given_name: person.givenName,
    middle_names: person.middleNames,
    surname: person.surname,
    full_name: person.fullName,
    date_of_birth: person.dateOfBirth,
    sex: person.sex,
    nhs_number: person.nhsNumber,
    address: person.address,
    postcode: person.postcode,
    uprn: person.uprn,
    phone: person.phone,
    email: person.email,
  };
}

export interface RecordWrite {
  person: StandardPerson;
  sourceRow: Record<string, string>;
  contentHash: string;
}

export async function insertRecords(db: PersonsDb, systemKey: string, loadId: number | null, records: RecordWrite[]): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of batches(records)) {
    const rows = await db
      .insertInto('registers_person_records')
      .values(
        batch.map((r) => ({
          system_key: systemKey,
          source_record_id: r.person.sourceRecordId,
          status: 'active' as const,
          ...recordValues(r.person),
          source_row: JSON.stringify(r.sourceRow),
          content_hash: r.contentHash,
          first_load_id: loadId,
          last_load_id: loadId,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Changed records: every field replaced, the record made active again if it was retired. */
export async function updateRecords(db: PersonsDb, loadId: number, records: (RecordWrite & { id: number })[]): Promise<void> {
  for (const batch of batches(records, 200)) {
    const values = batch.map((r) => {
      const v = recordValues(r.person);
      return sql`(${r.id}::bigint, ${v.title}, ${v.given_name}, ${v.middle_names}, ${v.surname}, ${v.full_name}, ${v.date_of_birth}, ${v.sex},
        ${v.nhs_number}, ${v.address}, ${v.postcode}, ${v.uprn}, ${v.phone}, ${v.email}, ${JSON.stringify(r.sourceRow)}::jsonb, ${r.contentHash})`;
    });
    await sql`update registers_person_records r set
        title = v.title, given_name = v.given_name, middle_names = v.middle_names, surname = v.surname, full_name = v.full_name,
        date_of_birth = v.date_of_birth, sex = v.sex, nhs_number = v.nhs_number, address = v.address, postcode = v.postcode,
        uprn = v.uprn, phone = v.phone, email = v.email, source_row = v.source_row, content_hash = v.content_hash,
        status = 'active', last_load_id = ${loadId}, updated_at = now()
      from (values ${sql.join(values)}) as v(id, title, given_name, middle_names, surname, full_name, date_of_birth, sex, nhs_number,
        address, postcode, uprn, phone, email, source_row, content_hash)
      where r.id = v.id`.execute(db);
  }
}

export async function touchRecords(db: PersonsDb, loadId: number, ids: number[]): Promise<void> {
  for (const batch of batches(ids, 5000))
    await db.updateTable('registers_person_records').set({ last_load_id: loadId }).where('id', 'in', batch).execute();
}

export async function retireRecords(db: PersonsDb, loadId: number, ids: number[]): Promise<void> {
  for (const batch of batches(ids, 5000))
    await db
      .updateTable('registers_person_records')
      // The database's clock, as every other change to records uses: builds compare against it.
      .set({ status: 'retired', last_load_id: loadId, updated_at: sql<Date>`now()` })
      .where('id', 'in', batch)
      .execute();
}

const RECORD_COLUMNS = [
  'id',
  'system_key',
  'source_record_id',
  'status',
  'title',
  'given_name',
  'middle_names',
  'surname',
  'full_name',
  'date_of_birth',
  'sex',
  'nhs_number',
  'address',
  'postcode',
  'uprn',
  'phone',
  'email',
  'person_id',
] as const;

export async function activeRecords(db: PersonsDb) {
  return db.selectFrom('registers_person_records').select(RECORD_COLUMNS).where('status', '=', 'active').orderBy('id').execute();
}

export type StoredRecord = Awaited<ReturnType<typeof activeRecords>>[number];

export async function recordsOfPerson(db: PersonsDb, personId: string) {
  return db
    .selectFrom('registers_person_records as r')
    .innerJoin('registers_person_systems as s', 's.key', 'r.system_key')
    .select([
      ...RECORD_COLUMNS.map((c) => `r.${c}` as const),
      's.name as system_name',
      's.organisation_code',
      'r.source_row',
      'r.updated_at',
    ])
    .where('r.person_id', '=', personId)
    .orderBy('r.status')
    .orderBy('r.system_key')
    .orderBy('r.source_record_id')
    .execute();
}

export async function recordsByKeys(db: PersonsDb, keys: { systemKey: string; sourceRecordId: string }[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('registers_person_records')
    .select(RECORD_COLUMNS)
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('system_key', '=', k.systemKey), eb('source_record_id', '=', k.sourceRecordId)]))))
    .execute();
}

export async function setRecordPersons(db: PersonsDb, changes: { id: number; personId: string }[]): Promise<void> {
  for (const batch of batches(changes, 1000)) {
    const values = batch.map((c) => sql`(${c.id}::bigint, ${c.personId})`);
    await sql`update registers_person_records r set person_id = v.person_id from (values ${sql.join(values)}) as v(id, person_id) where r.id = v.id`.execute(
      db,
    );
  }
}

/** One record linked to a person at once (real-time registration), the person's count kept right. */
export async function linkRecordToPerson(db: PersonsDb, recordId: number, personId: string): Promise<void> {
  await db.updateTable('registers_person_records').set({ person_id: personId }).where('id', '=', recordId).execute();
  await db
    .updateTable('registers_persons')
    .set((eb) => ({ record_count: eb('record_count', '+', 1), status: 'active', updated_at: new Date() }))
    .where('id', '=', personId)
    .execute();
}

/** Search active records by NHS number, surname (and given name) or date of birth; persons follow. */
export async function searchRecords(
  db: PersonsDb,
  query: { nhsNumber?: string; surname?: string; givenName?: string; dateOfBirth?: string },
  limit: number,
) {
  let q = db
    .selectFrom('registers_person_records')
    .select(RECORD_COLUMNS)
    .where('status', '=', 'active')
    .where('person_id', 'is not', null);
  if (query.nhsNumber) q = q.where('nhs_number', '=', query.nhsNumber);
  if (query.surname) q = q.where(sql<boolean>`lower(surname) = ${query.surname.toLowerCase()}`);
  if (query.givenName)
    q = q.where(sql<boolean>`lower(given_name) like ${`${query.givenName.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (query.dateOfBirth) q = q.where('date_of_birth', '=', query.dateOfBirth);
  return q.orderBy('person_id').orderBy('id').limit(limit).execute();
}

// Persons

export async function existingPersonIds(db: PersonsDb): Promise<Set<string>> {
  const rows = await db.selectFrom('registers_persons').select('id').execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertPersons(db: PersonsDb, persons: { id: string; recordCount: number }[]): Promise<void> {
  for (const batch of batches(persons, 1000))
    await db
      .insertInto('registers_persons')
      .values(batch.map((p) => ({ id: p.id, status: 'active' as const, record_count: p.recordCount })))
      .execute();
}

export async function setPersonStates(
  db: PersonsDb,
  states: { id: string; status: 'active' | 'merged' | 'retired'; mergedInto: string | null; recordCount: number }[],
): Promise<void> {
  for (const batch of batches(states, 1000)) {
    const values = batch.map((s) => sql`(${s.id}, ${s.status}, ${s.mergedInto}, ${s.recordCount}::integer)`);
    await sql`update registers_persons p set status = v.status, merged_into = v.merged_into, record_count = v.record_count, updated_at = now()
      from (values ${sql.join(values)}) as v(id, status, merged_into, record_count) where p.id = v.id`.execute(db);
  }
}

export async function personStates(db: PersonsDb) {
  return db.selectFrom('registers_persons').select(['id', 'status', 'merged_into', 'record_count']).execute();
}

export async function getPerson(db: PersonsDb, id: string) {
  return db.selectFrom('registers_persons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countPersons(db: PersonsDb): Promise<number> {
  const { n } = await db
    .selectFrom('registers_persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface HistoryWrite {
  personId: string;
  event: 'created' | 'merged' | 'absorbed' | 'split' | 'split-from' | 'retired' | 'record-registered';
  otherPersonIds?: string[];
  buildId: number | null;
  detail?: Record<string, unknown>;
}

export async function insertHistory(db: PersonsDb, events: HistoryWrite[]): Promise<void> {
  for (const batch of batches(events, 1000))
    await db
      .insertInto('registers_person_history')
      .values(
        batch.map((e) => ({
          person_id: e.personId,
          event: e.event,
          other_person_ids: e.otherPersonIds ?? [],
          build_id: e.buildId,
          detail: JSON.stringify(e.detail ?? {}),
        })),
      )
      .execute();
}

export async function historyOf(db: PersonsDb, personId: string) {
  return db.selectFrom('registers_person_history').selectAll().where('person_id', '=', personId).orderBy('id').execute();
}

// Models and builds

export async function latestModel(db: PersonsDb) {
  return db.selectFrom('registers_person_models').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function insertModel(
  db: PersonsDb,
  model: { model: unknown; trainedFrom: 'em' | 'labels'; labelledPairs: number; recordCount: number; trainedBy: string | null },
): Promise<number> {
  const { version } = await db
    .insertInto('registers_person_models')
    .values({
      model: JSON.stringify(model.model),
      trained_from: model.trainedFrom,
      labelled_pairs: model.labelledPairs,
      record_count: model.recordCount,
      trained_by: model.trainedBy,
    })
    .returning('version')
    .executeTakeFirstOrThrow();
  return version;
}

export async function insertBuild(
  db: PersonsDb,
  build: Omit<PersonIndexTables['registers_person_builds'], 'id' | 'built_at'>,
): Promise<number> {
  const { id } = await db.insertInto('registers_person_builds').values(build).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The database's clock: when a build reads the records, so the next can ask what changed since. */
export async function databaseNow(db: PersonsDb): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  return new Date(rows[0]!.now);
}

/** What changed since a build read the records: the active records to re-link, and the persons touched otherwise. */
export async function changesSince(db: PersonsDb, since: Date) {
  const changed = await db
    .selectFrom('registers_person_records')
    .select('id')
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('person_id', 'is', null), eb('updated_at', '>', since)]))
    .execute();
  // A retired record may have been what held its person together.
  const retired = await db
    .selectFrom('registers_person_records')
    .select('person_id')
    .distinct()
    .where('status', '=', 'retired')
    .where('updated_at', '>', since)
    .where('person_id', 'is not', null)
    .execute();
  const decided = await db
    .selectFrom('registers_person_decisions')
    .select(['left_system_key', 'left_record_id', 'right_system_key', 'right_record_id'])
    .where('decided_at', '>', since)
    .execute();
  return {
    recordIds: new Set(changed.map((r) => Number(r.id))),
    personIds: new Set(retired.map((r) => r.person_id!)),
    decidedKeys: decided.flatMap((d) => [
      { systemKey: d.left_system_key, sourceRecordId: d.left_record_id },
      { systemKey: d.right_system_key, sourceRecordId: d.right_record_id },
    ]),
  };
}

export async function latestBuild(db: PersonsDb) {
  return db.selectFrom('registers_person_builds').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

// Review queue and decisions

export interface ReviewPairWrite {
  leftSystemKey: string;
  leftRecordId: string;
  rightSystemKey: string;
  rightRecordId: string;
  matchProbability: number;
  matchWeight: number;
  explanation: unknown;
}

/** Every pair in the review queue, by its records' keys (the queue is capped, so this is small). */
export async function reviewPairKeys(db: PersonsDb) {
  return db
    .selectFrom('registers_person_review_pairs')
    .select(['id', 'left_system_key', 'left_record_id', 'right_system_key', 'right_record_id'])
    .execute();
}

/**
 * Replaces the review queue with `pairs`, or (with `removeIds`) removes only those pairs and adds
 * `pairs`: an incremental build re-decides just the pairs it re-linked.
 */
export async function replaceReviewPairs(db: PersonsDb, buildId: number, pairs: ReviewPairWrite[], removeIds?: number[]): Promise<void> {
  if (!removeIds) await db.deleteFrom('registers_person_review_pairs').execute();
  else
    for (const batch of batches(removeIds, 5000)) await db.deleteFrom('registers_person_review_pairs').where('id', 'in', batch).execute();
  for (const batch of batches(pairs))
    await db
      .insertInto('registers_person_review_pairs')
      .values(
        batch.map((p) => ({
          build_id: buildId,
          left_system_key: p.leftSystemKey,
          left_record_id: p.leftRecordId,
          right_system_key: p.rightSystemKey,
          right_record_id: p.rightRecordId,
          match_probability: p.matchProbability,
          match_weight: p.matchWeight,
          explanation: JSON.stringify(p.explanation),
        })),
      )
      .execute();
}

export async function listReviewPairs(db: PersonsDb, limit: number, offset: number) {
  const rows = await db
    .selectFrom('registers_person_review_pairs as q')
    .selectAll()
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('registers_person_decisions as d')
            .select('d.decision')
            .whereRef('d.left_system_key', '=', 'q.left_system_key')
            .whereRef('d.left_record_id', '=', 'q.left_record_id')
            .whereRef('d.right_system_key', '=', 'q.right_system_key')
            .whereRef('d.right_record_id', '=', 'q.right_record_id'),
        ),
      ),
    )
    .orderBy('match_probability', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows;
}

export async function countOpenReviewPairs(db: PersonsDb): Promise<number> {
  const { n } = await sql<{ n: number }>`select count(*)::int as n from registers_person_review_pairs q where not exists (
      select 1 from registers_person_decisions d where d.left_system_key = q.left_system_key and d.left_record_id = q.left_record_id
        and d.right_system_key = q.right_system_key and d.right_record_id = q.right_record_id)`
    .execute(db)
    .then((r) => r.rows[0]!);
  return Number(n);
}

export async function getReviewPair(db: PersonsDb, id: number) {
  return db.selectFrom('registers_person_review_pairs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertDecision(
  db: PersonsDb,
  d: {
    leftSystemKey: string;
    leftRecordId: string;
    rightSystemKey: string;
    rightRecordId: string;
    decision: 'same' | 'different';
    reason: string;
    matchProbability: number | null;
    decidedBy: string | null;
  },
): Promise<void> {
  await db
    .insertInto('registers_person_decisions')
    .values({
      left_system_key: d.leftSystemKey,
      left_record_id: d.leftRecordId,
      right_system_key: d.rightSystemKey,
      right_record_id: d.rightRecordId,
      decision: d.decision,
      reason: d.reason,
      match_probability: d.matchProbability,
      decided_by: d.decidedBy,
    })
    .onConflict((oc) =>
      oc.columns(['left_system_key', 'left_record_id', 'right_system_key', 'right_record_id']).doUpdateSet({
        decision: d.decision,
        reason: d.reason,
        decided_by: d.decidedBy,
        // The database's clock: incremental builds compare decisions against it.
        decided_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

export async function listDecisions(db: PersonsDb) {
  return db.selectFrom('registers_person_decisions').selectAll().orderBy('decided_at').execute();
}

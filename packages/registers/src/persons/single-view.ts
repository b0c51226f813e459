/**
 * The single view of a person: which systems in which organisations hold a record, each
 * record's details, and where they disagree (names, dates of birth, NHS numbers, addresses) —
 * the data-quality work a merging council must do. And per-source data-quality reports:
 * completeness, validity, duplicates within the source.
 */
import { isValidNhsNumber, type Database } from '@joinery/core';
import { normaliseValue } from '@joinery/linkage';
import { sql } from 'kysely';
import { registersError } from '../errors.ts';
import { EARLIEST_BIRTH } from './mapping.ts';
import { getPerson, historyOf, personsDb, recordsOfPerson, searchRecords } from './store.ts';

export type PersonRecordView = Awaited<ReturnType<typeof recordsOfPerson>>[number];

export interface Disagreement {
  field: 'name' | 'dateOfBirth' | 'nhsNumber' | 'address' | 'postcode';
  label: string;
  /** Each distinct value (normalised for comparing, shown as held) and the systems holding it. */
  values: { value: string; systems: string[] }[];
}

export interface PersonView {
  id: string;
  status: string;
  mergedInto: string | null;
  records: PersonRecordView[];
  organisations: { code: string; systems: { key: string; name: string; records: number }[] }[];
  disagreements: Disagreement[];
  /** UPRNs the records hold, for the address register's property pages. */
  uprns: string[];
  history: { event: string; otherPersonIds: string[]; occurredAt: string; buildId: number | null }[];
}

const FIELDS: { field: Disagreement['field']; label: string; of: (r: PersonRecordView) => [string, string] | null }[] = [
  {
    field: 'name',
    label: 'Name',
    of: (r) => {
      const shown = [r.given_name, r.surname].filter(Boolean).join(' ') || r.full_name;
      return shown ? [normaliseValue('name', shown) ?? shown, shown] : null;
    },
  },
  { field: 'dateOfBirth', label: 'Date of birth', of: (r) => (r.date_of_birth ? [r.date_of_birth, r.date_of_birth] : null) },
  { field: 'nhsNumber', label: 'NHS number', of: (r) => (r.nhs_number ? [r.nhs_number, r.nhs_number] : null) },
  { field: 'postcode', label: 'Postcode', of: (r) => (r.postcode ? [r.postcode, r.postcode] : null) },
  { field: 'address', label: 'Address', of: (r) => (r.address ? [normaliseValue('address', r.address) ?? r.address, r.address] : null) },
];

function disagreements(records: PersonRecordView[]): Disagreement[] {
  const found: Disagreement[] = [];
  for (const { field, label, of } of FIELDS) {
    const byValue = new Map<string, { value: string; systems: Set<string> }>();
    for (const r of records) {
      const v = of(r);
      if (!v) continue;
      const entry = byValue.get(v[0]) ?? { value: v[1], systems: new Set<string>() };
      entry.systems.add(`${r.system_key}:${r.source_record_id}`);
      byValue.set(v[0], entry);
    }
    if (byValue.size > 1)
      found.push({ field, label, values: [...byValue.values()].map((e) => ({ value: e.value, systems: [...e.systems].sort() })) });
  }
  return found;
}

/** @example const view = await getPersonView(database, 'P0A1B2C3D4E') */
export async function getPersonView(database: Database, id: string): Promise<PersonView> {
  const db = personsDb(database.db);
  const person = /^P[0-9A-Z]{10}$/.test(id) ? await getPerson(db, id) : undefined;
  if (!person) throw registersError('REGISTERS_PERSON_UNKNOWN', `No person has the id "${id.slice(0, 20)}"`);
  const all = await recordsOfPerson(db, id);
  const records = all.filter((r) => r.status === 'active');
  const organisations = new Map<string, Map<string, { key: string; name: string; records: number }>>();
  for (const r of records) {
    const systems = organisations.get(r.organisation_code) ?? new Map();
    const s = systems.get(r.system_key) ?? { key: r.system_key, name: r.system_name, records: 0 };
    s.records++;
    systems.set(r.system_key, s);
    organisations.set(r.organisation_code, systems);
  }
  const history = await historyOf(db, id);
  return {
    id: person.id,
    status: person.status,
    mergedInto: person.merged_into,
    records,
    organisations: [...organisations].map(([code, systems]) => ({ code, systems: [...systems.values()] })),
    disagreements: disagreements(records),
    uprns: [...new Set(records.map((r) => r.uprn).filter((u): u is string => u !== null))],
    history: history.map((h) => ({
      event: h.event,
      otherPersonIds: h.other_person_ids,
      occurredAt: new Date(h.occurred_at).toISOString(),
      buildId: h.build_id,
    })),
  };
}

export interface PersonSearchResult {
  personId: string;
  records: { systemKey: string; sourceRecordId: string; name: string; dateOfBirth: string | null; postcode: string | null }[];
}

/**
 * Finds persons by NHS number, or by surname with a given name or date of birth.
 * @example await searchPersons(database, { surname: 'Henchard', dateOfBirth: '1956-03-12' })
 */
export async function searchPersons(
  database: Database,
  query: { nhsNumber?: string; surname?: string; givenName?: string; dateOfBirth?: string },
  limit = 50,
): Promise<PersonSearchResult[]> {
  const nhsNumber = query.nhsNumber ? (normaliseValue('nhs-number', query.nhsNumber) ?? undefined) : undefined;
  const dateOfBirth = query.dateOfBirth ? (normaliseValue('date', query.dateOfBirth) ?? undefined) : undefined;
  const surname = query.surname?.trim() || undefined;
  const givenName = query.givenName?.trim() || undefined;
  if (!nhsNumber && !surname && !dateOfBirth)
    throw registersError('REGISTERS_MATCH_INVALID', 'Search by NHS number, or by surname or date of birth', [
      { field: 'surname', message: 'Enter an NHS number, a surname or a date of birth' },
    ]);
  const rows = await searchRecords(personsDb(database.db), { nhsNumber, surname, givenName, dateOfBirth }, limit * 4);
  const persons = new Map<string, PersonSearchResult>();
  for (const r of rows) {
    const p = persons.get(r.person_id!) ?? { personId: r.person_id!, records: [] };
    p.records.push({
      systemKey: r.system_key,
      sourceRecordId: r.source_record_id,
      name: [r.given_name, r.surname].filter(Boolean).join(' ') || (r.full_name ?? ''),
      dateOfBirth: r.date_of_birth,
      postcode: r.postcode,
    });
    persons.set(r.person_id!, p);
  }
  return [...persons.values()].slice(0, limit);
}

export interface QualityReport {
  systemKey: string;
  records: number;
  /** Share of active records holding each field. */
  completeness: { field: string; filled: number; share: number }[];
  validity: { check: string; tested: number; failed: number }[];
  /** Persons holding two or more of this system's records: duplicate registrations. */
  duplicates: { persons: number; records: number; examples: string[] };
}

const TODAY = () => new Date().toISOString().slice(0, 10);

/** @example await qualityReport(database, 'casterbridge/council-tax') */
export async function qualityReport(database: Database, systemKey: string): Promise<QualityReport> {
  const rows = await personsDb(database.db)
    .selectFrom('registers_person_records')
    .select(['given_name', 'surname', 'full_name', 'date_of_birth', 'nhs_number', 'address', 'postcode', 'uprn', 'phone', 'email', 'sex'])
    .where('system_key', '=', systemKey)
    .where('status', '=', 'active')
    .execute();
  const n = rows.length;
  const fields = ['given_name', 'surname', 'date_of_birth', 'sex', 'nhs_number', 'address', 'postcode', 'uprn', 'phone', 'email'] as const;
  const completeness = fields.map((field) => {
    const filled = rows.filter((r) => r[field] !== null && r[field] !== '').length;
    return { field, filled, share: n === 0 ? 0 : filled / n };
  });
  const withNhs = rows.filter((r) => r.nhs_number);
  const withDob = rows.filter((r) => r.date_of_birth);
  const withPostcode = rows.filter((r) => r.postcode);
  const validity = [
    {
      check: 'NHS number passes the modulus-11 check',
      tested: withNhs.length,
      failed: withNhs.filter((r) => !isValidNhsNumber(r.nhs_number!)).length,
    },
    {
      check: `Date of birth between ${EARLIEST_BIRTH} and today`,
      tested: withDob.length,
      failed: withDob.filter((r) => r.date_of_birth! < EARLIEST_BIRTH || r.date_of_birth! > TODAY()).length,
    },
    {
      check: 'Postcode is a UK postcode',
      tested: withPostcode.length,
      failed: withPostcode.filter((r) => normaliseValue('postcode', r.postcode!) === null).length,
    },
  ];
  const dups = await sql<{ person_id: string; n: number }>`
    select person_id, count(*)::int as n from registers_person_records
    where system_key = ${systemKey} and status = 'active' and person_id is not null
    group by person_id having count(*) > 1 order by count(*) desc, person_id`.execute(database.db);
  return {
    systemKey,
    records: n,
    completeness,
    validity,
    duplicates: {
      persons: dups.rows.length,
      records: dups.rows.reduce((s, r) => s + Number(r.n), 0),
      examples: dups.rows.slice(0, 20).map((r) => r.person_id),
    },
  };
}

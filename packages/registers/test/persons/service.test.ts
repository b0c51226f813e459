/**
 * The person index against a real database: register systems, load extracts (bad rows,
 * unknown columns, the same file twice), build, stable ids across re-loads (merge and split),
 * review decisions respected, accuracy on the Wessex fixture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@joinery/core/testing';
import { sql } from 'kysely';
import {
  buildPersonIndex,
  getSystem,
  loadExtract,
  loadWessexSources,
  matchPerson,
  personIndexAccuracy,
  proposeMapping,
  registerPersonRecord,
  registerSystem,
} from '../../src/index.ts';
import { decidePair, listReviewQueue } from '../../src/persons/review.ts';
import { csv, FIXTURE, fixtureFile, fixtureTruth, openPersonsDatabase } from './helpers.ts';

describe('loading extracts', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openPersonsDatabase();
    await registerSystem(database, null, {
      organisationCode: 'gp-j99001',
      code: 'test-gp',
      name: 'Test GP',
      mapping: proposeMapping(['patient_id', 'nhs_number', 'first_names', 'surname', 'dob', 'postcode']),
    });
  });
  afterAll(() => database.dispose());

  const header = ['patient_id', 'nhs_number', 'first_names', 'surname', 'dob', 'postcode'];

  it('proposes a mapping from the headers', async () => {
    const system = await getSystem(database, 'gp-j99001/test-gp');
    expect(system.mapping).toEqual({
      sourceRecordId: ['patient_id'],
      nhsNumber: ['nhs_number'],
      givenName: ['first_names'],
      surname: ['surname'],
      dateOfBirth: ['dob'],
      postcode: ['postcode'],
    });
  });

  it('accounts for every row and refuses the bad ones with row, column and reason', async () => {
    const report = await loadExtract(database, null, {
      systemKey: 'gp-j99001/test-gp',
      fileName: 'first.csv',
      bytes: csv([
        header,
        ['1', '943 476 5919', 'Michael', 'Henchard', '1956-03-12', 'wx1 1aa'],
        ['2', '9434765918', 'Susan', 'Henchard', '1958-07-01', 'WX1 1AA'],
        ['', '', 'Lucetta', 'Templeman', '1960-01-01', 'WX1 1AB'],
        ['3', '', 'Donald', 'Farfrae', '31/02/1970', 'WX1 1AC'],
        ['4', '', 'Elizabeth', 'Newson', '1980-05-05', ''],
        ['4', '', 'Elizabeth-Jane', 'Newson', '1980-05-05', ''],
      ]),
    });
    expect(report).toMatchObject({ rows: 6, added: 2, updated: 0, unchanged: 0, retired: 0, refused: 4 });
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'nhs_number', message: expect.stringContaining('modulus-11') }),
      expect.objectContaining({ row: 4, column: 'patient_id', message: 'The record id is missing' }),
      expect.objectContaining({ row: 5, column: 'dob', message: expect.stringContaining('is not a date') }),
      expect.objectContaining({ row: 7, column: 'patient_id', message: 'The record id 4 is already on row 6' }),
    ]);
  });

  it('refuses the same file twice and changes nothing', async () => {
    const bytes = csv([header, ['9', '', 'Abel', 'Whittle', '1975-01-01', 'WX1 1AD']]);
    await loadExtract(database, null, { systemKey: 'gp-j99001/test-gp', fileName: 'a.csv', bytes });
    const before = await sql`select count(*)::int as n from registers_person_records`.execute(database.db);
    const first = await sql`select count(*)::int as n from registers_person_records where status = 'retired'`.execute(database.db);
    expect(first.rows).toEqual([{ n: 2 }]);
    await expect(loadExtract(database, null, { systemKey: 'gp-j99001/test-gp', fileName: 'again.csv', bytes })).rejects.toMatchObject({
      code: 'REGISTERS_EXTRACT_ALREADY_LOADED',
      status: 409,
    });
    const after = await sql`select count(*)::int as n from registers_person_records`.execute(database.db);
    expect(after.rows).toEqual(before.rows);
  });

  it('retires records missing from a full snapshot and brings back ones that return', async () => {
    // a.csv (above) held only record 9, so 1 and 4 were retired; 4 now comes back and 9 changes.
    const report = await loadExtract(database, null, {
      systemKey: 'gp-j99001/test-gp',
      fileName: 'second.csv',
      bytes: csv([header, ['9', '', 'Abel', 'Whittle', '1975-01-01', 'WX1 1AE'], ['4', '', 'Elizabeth', 'Newson', '1980-05-05', '']]),
    });
    expect(report).toMatchObject({ added: 0, updated: 2, unchanged: 0, retired: 0, refused: 0 });
    const statuses = await sql<{ source_record_id: string; status: string }>`
      select source_record_id, status from registers_person_records where system_key = 'gp-j99001/test-gp' order by source_record_id`.execute(
      database.db,
    );
    expect(statuses.rows).toEqual([
      { source_record_id: '1', status: 'retired' },
      { source_record_id: '4', status: 'active' },
      { source_record_id: '9', status: 'active' },
    ]);
  });

  it('refuses an extract whose columns do not fit the mapping, naming the column', async () => {
    await expect(
      loadExtract(database, null, {
        systemKey: 'gp-j99001/test-gp',
        fileName: 'wrong.csv',
        bytes: csv([
          ['id', 'name'],
          ['1', 'x'],
        ]),
      }),
    ).rejects.toMatchObject({
      code: 'REGISTERS_MAPPING_INVALID',
      details: expect.arrayContaining([expect.objectContaining({ column: 'patient_id', file: 'wrong.csv' })]),
    });
  });

  it('refuses a mapping that names a field the standard shape does not have', async () => {
    await expect(
      registerSystem(database, null, {
        organisationCode: 'gp-j99001',
        code: 'bad',
        name: 'Bad',
        mapping: { sourceRecordId: ['id'], shoeSize: ['shoe'] } as never,
      }),
    ).rejects.toMatchObject({ code: 'REGISTERS_MAPPING_INVALID' });
  });
});

describe('building the index on the Wessex fixture', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openPersonsDatabase();
  });
  afterAll(() => database.dispose());

  it('links every source record into persons, accurately', async () => {
    const report = await loadWessexSources(database, FIXTURE);
    expect(report.systems).toBe(7);
    expect(report.build).toMatchObject({ trained: true, modelVersion: 1, records: 630 });
    expect(report.build.persons).toBeGreaterThan(100);
    const accuracy = await personIndexAccuracy(database, fixtureTruth());
    expect(accuracy.overall.precision).toBeGreaterThan(0.9);
    expect(accuracy.overall.recall).toBeGreaterThan(0.8);
  });

  it('keeps person ids when the same records are built again, reusing the model', async () => {
    const before = await sql<{
      k: string;
      p: string;
    }>`select system_key || ':' || source_record_id as k, person_id as p from registers_person_records order by 1`.execute(database.db);
    const report = await buildPersonIndex(database, null);
    expect(report).toMatchObject({ trained: false, modelVersion: 1, newPersons: 0, merges: 0, splits: 0 });
    const after = await sql<{
      k: string;
      p: string;
    }>`select system_key || ':' || source_record_id as k, person_id as p from registers_person_records order by 1`.execute(database.db);
    expect(after.rows).toEqual(before.rows);
  });

  it('records a merge when a reviewer joins two persons, and a split when they part them again', async () => {
    const queue = await listReviewQueue(database, { limit: 1 });
    expect(queue.total).toBeGreaterThan(0);
    const pair = queue.pairs[0]!;
    const [left, right] = [pair.left.personId, pair.right.personId];
    expect(left).not.toBe(right);
    await decidePair(database, null, pair.id, { decision: 'same', reason: 'Same NHS number on the GP record' });
    const merged = await buildPersonIndex(database, null);
    expect(merged.merges).toBe(1);
    const persons = await sql<{ id: string; status: string; merged_into: string | null }>`
      select id, status, merged_into from registers_persons where id in (${left}, ${right}) order by status`.execute(database.db);
    const survivor = persons.rows.find((p) => p.status === 'active')!;
    expect(persons.rows.find((p) => p.status === 'merged')?.merged_into).toBe(survivor.id);
    const history = await sql<{ event: string }>`select event from registers_person_history where person_id in (${left}, ${right})`.execute(
      database.db,
    );
    expect(history.rows.map((h) => h.event)).toEqual(expect.arrayContaining(['merged', 'absorbed']));

    // The reviewer changes their mind: the pair is decided different, and the person splits.
    await decidePair(database, null, { left: pair.left.key, right: pair.right.key }, { decision: 'different', reason: 'Twins' });
    const split = await buildPersonIndex(database, null);
    expect(split.splits + split.newPersons).toBeGreaterThan(0);
    const owners = await sql<{ person_id: string }>`
      select person_id from registers_person_records where (system_key, source_record_id) in
        ((${pair.left.key.systemKey}, ${pair.left.key.sourceRecordId}), (${pair.right.key.systemKey}, ${pair.right.key.sourceRecordId}))`.execute(
      database.db,
    );
    expect(new Set(owners.rows.map((o) => o.person_id)).size).toBe(2);
    // The survivor kept its id: it is one of the two.
    expect(owners.rows.map((o) => o.person_id)).toContain(survivor.id);
  });

  it('keeps ids across a re-load of a changed extract', async () => {
    const bytes = fixtureFile('casterbridge__electoral-register.csv');
    const lines = bytes.toString('utf8').split('\r\n');
    // The last elector leaves the register.
    const changed = Buffer.from([...lines.slice(0, -2), ''].join('\r\n'));
    const before = await sql<{
      n: number;
    }>`select count(distinct person_id)::int as n from registers_person_records where status = 'active'`.execute(database.db);
    const load = await loadExtract(database, null, { systemKey: 'casterbridge/electoral-register', fileName: 'er-2.csv', bytes: changed });
    expect(load).toMatchObject({ retired: 1, unchanged: lines.length - 3 });
    const build = await buildPersonIndex(database, null);
    expect(build.newPersons).toBe(0);
    expect(build.persons).toBeGreaterThanOrEqual(before.rows[0]!.n - 1);
  });

  it('matches a record in real time and registers it, linked to its person', async () => {
    const gp = await sql<{ given_name: string; surname: string; date_of_birth: string; nhs_number: string; person_id: string }>`
      select given_name, surname, date_of_birth, nhs_number, person_id from registers_person_records
      where system_key = 'gp-j99001/gp-registrations' and nhs_number is not null and date_of_birth is not null limit 1`.execute(
      database.db,
    );
    const person = gp.rows[0]!;
    const match = await matchPerson(
      database,
      null,
      { givenName: person.given_name, surname: person.surname, dateOfBirth: person.date_of_birth },
      { reason: 'test' },
    );
    expect(match.person?.personId).toBe(person.person_id);
    expect(match.candidates[0]!.explanation.steps.length).toBeGreaterThan(3);
    const registered = await registerPersonRecord(
      database,
      null,
      {
        systemKey: 'wessex-hospitals/pas',
        sourceRecordId: 'NEW-1',
        record: {
          fullName: `${person.surname.toUpperCase()}, ${person.given_name}`,
          dateOfBirth: person.date_of_birth,
          nhsNumber: person.nhs_number,
        },
      },
      { reason: 'test' },
    );
    expect(registered.registered).toMatchObject({ personId: person.person_id, isNewPerson: false });
    const audit = await sql<{
      action: string;
      reason: string;
    }>`select action, reason from audit_events where action like 'person.%'`.execute(database.db);
    expect(audit.rows).toEqual(
      expect.arrayContaining([
        { action: 'person.match', reason: 'test' },
        { action: 'person.register', reason: 'test' },
      ]),
    );
  });

  it('finds a newly registered person at once, without a rebuild', async () => {
    const stranger = { givenName: 'Zebedee', surname: 'Quarterfold', dateOfBirth: '1901-02-03', postcode: 'WX1 1AA' };
    const first = await registerPersonRecord(
      database,
      null,
      { systemKey: 'wessex-hospitals/pas', sourceRecordId: 'NEW-2', record: stranger },
      { reason: 'test' },
    );
    expect(first.registered?.isNewPerson).toBe(true);
    const again = await matchPerson(database, null, { ...stranger, surname: 'QUARTERFOLD' }, { reason: 'test' });
    expect(again.person?.personId).toBe(first.registered!.personId);
    expect(again.candidates[0]!.record).toEqual({ systemKey: 'wessex-hospitals/pas', sourceRecordId: 'NEW-2' });
  });
});

/**
 * Real-time matching: one person record against the index, with probabilities and the
 * level-by-level explanation, through the linkage engine's match index. The index is built
 * from the active records and the current model on first use, kept in memory, dropped
 * whenever a load or a build changes what it holds, and added to in place by a registration.
 */
import { createHash } from 'node:crypto';
import { recordAudit, type Database } from '@joinery/core';
import { assertModel, createMatchIndex, type Explanation, type MatchIndex, type TrainedModel } from '@joinery/linkage';
import { registersError } from '../errors.ts';
import { mapRow } from './mapping.ts';
import { recordKeyString, type ColumnMapping, type PersonQuery, type StandardPerson } from './model.ts';
import { linkageRow, linkageTables } from './settings.ts';
import { newPersonId } from './stable-ids.ts';
import {
  activeRecords,
  existingPersonIds,
  insertHistory,
  insertPersons,
  insertRecords,
  latestBuild,
  latestModel,
  linkRecordToPerson,
  personsDb,
  recordsByKeys,
} from './store.ts';
import { getSystem, type Actor } from './systems.ts';

interface LoadedIndex {
  index: MatchIndex;
  personOf: Map<string, string>;
  threshold: number;
  modelVersion: number;
}

// Keyed by the Kysely handle, which every copy of a Database shares.
const indexes = new WeakMap<object, Promise<LoadedIndex>>();

/** Drops the cached match index (after anything that changes records, persons or the model). */
export function forgetMatchIndex(database: Database): void {
  indexes.delete(database.db);
}

async function loadIndex(database: Database): Promise<LoadedIndex> {
  const db = personsDb(database.db);
  const [saved, build] = [await latestModel(db), await latestBuild(db)];
  if (!saved || !build) throw registersError('REGISTERS_INDEX_EMPTY');
  const model = saved.model as unknown;
  assertModel(model);
  const threshold = build.threshold;
  const records = (await activeRecords(db)).filter((r) => r.person_id !== null);
  const { tables } = linkageTables(records);
  const personOf = new Map(records.map((r) => [recordKeyString(r.system_key, r.source_record_id), r.person_id!]));
  const index = createMatchIndex({ ...(model as TrainedModel), settings: { ...model.settings, threshold } }, tables);
  return { index, personOf, threshold, modelVersion: saved.version };
}

function matchIndex(database: Database): Promise<LoadedIndex> {
  let loading = indexes.get(database.db);
  if (!loading) {
    loading = loadIndex(database);
    indexes.set(database.db, loading);
    loading.catch(() => indexes.delete(database.db));
  }
  return loading;
}

// The query's fields as a source row under an identity mapping: the same checks as a load.
const QUERY_MAPPING: ColumnMapping = {
  sourceRecordId: ['sourceRecordId'],
  title: ['title'],
  givenName: ['givenName'],
  middleNames: ['middleNames'],
  surname: ['surname'],
  fullName: ['fullName'],
  dateOfBirth: ['dateOfBirth'],
  sex: ['sex'],
  nhsNumber: ['nhsNumber'],
  addressText: ['address'],
  postcode: ['postcode'],
  uprn: ['uprn'],
  phone: ['phone'],
  email: ['email'],
};

function standardise(query: PersonQuery, sourceRecordId: string): StandardPerson {
  const row: Record<string, string> = { sourceRecordId };
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') row[k] = v;
  const mapped = mapRow(QUERY_MAPPING, row, 1);
  if (mapped.problems)
    throw registersError(
      'REGISTERS_MATCH_INVALID',
      mapped.problems[0]!.message,
      mapped.problems.map((p) => ({ field: p.column, message: p.message })),
    );
  const p = mapped.person;
  if (!p.surname && !p.givenName && !p.nhsNumber && !p.dateOfBirth) throw registersError('REGISTERS_MATCH_INVALID');
  return p;
}

export interface PersonCandidate {
  personId: string;
  matchProbability: number;
  matchWeight: number;
  /** The person's record that matched best. */
  record: { systemKey: string; sourceRecordId: string };
  explanation: Explanation;
}

export interface PersonMatch {
  threshold: number;
  modelVersion: number;
  /** The best candidate when at or above the threshold. */
  person: { personId: string; matchProbability: number } | null;
  candidates: PersonCandidate[];
  /** Set when the record was registered. */
  registered?: { systemKey: string; sourceRecordId: string; personId: string; isNewPerson: boolean };
}

function toRow(person: StandardPerson) {
  return linkageRow({
    source_record_id: person.sourceRecordId,
    given_name: person.givenName,
    surname: person.surname,
    date_of_birth: person.dateOfBirth,
    nhs_number: person.nhsNumber,
    postcode: person.postcode,
    uprn: person.uprn,
    address: person.address,
    email: person.email,
    phone: person.phone,
  });
}

async function candidatesFor(loaded: LoadedIndex, person: StandardPerson, limit: number): Promise<PersonCandidate[]> {
  const found = loaded.index.match(toRow(person), { limit: limit * 5, minProbability: 0.01 });
  const best = new Map<string, PersonCandidate>();
  for (const c of found) {
    const personId = loaded.personOf.get(recordKeyString(c.source, c.id));
    if (!personId || best.has(personId)) continue;
    best.set(personId, {
      personId,
      matchProbability: c.matchProbability,
      matchWeight: c.matchWeight,
      record: { systemKey: c.source, sourceRecordId: c.id },
      explanation: c.explanation,
    });
  }
  return [...best.values()].slice(0, limit);
}

/**
 * The person a record belongs to (or the candidates), audited with the caller's reason.
 * @example await matchPerson(database, caseworker, { surname: 'Henchard', dateOfBirth: '1956-03-12' }, { reason: 'Housing referral 123' })
 */
export async function matchPerson(
  database: Database,
  actor: Actor,
  query: PersonQuery,
  { reason, limit = 5, organisationCode }: { reason: string; limit?: number; organisationCode?: string },
): Promise<PersonMatch> {
  const person = standardise(query, 'query');
  const loaded = await matchIndex(database);
  const candidates = await candidatesFor(loaded, person, limit);
  const top = candidates[0];
  await recordAudit(database.db, {
    actor,
    organisationCode,
    action: 'person.match',
    subjectType: 'person',
    subjectId: top?.personId,
    reason,
    details: { candidates: candidates.map((c) => c.personId), fields: Object.keys(query).sort() },
  });
  return {
    threshold: loaded.threshold,
    modelVersion: loaded.modelVersion,
    person: top && top.matchProbability >= loaded.threshold ? { personId: top.personId, matchProbability: top.matchProbability } : null,
    candidates,
  };
}

/**
 * Stores a record from a source system and links it at once: to the best person at or
 * above the threshold, or to a new person. The next build may move it, like any record.
 * @example await registerPersonRecord(database, caseworker, { systemKey: 'wessex-hospitals/pas', sourceRecordId: 'W1', record }, { reason })
 */
export async function registerPersonRecord(
  database: Database,
  actor: Actor,
  { systemKey, sourceRecordId, record }: { systemKey: string; sourceRecordId: string; record: PersonQuery },
  { reason, limit = 5 }: { reason: string; limit?: number },
): Promise<PersonMatch> {
  const system = await getSystem(database, systemKey);
  const person = standardise(record, sourceRecordId);
  const loaded = await matchIndex(database);
  const candidates = await candidatesFor(loaded, person, limit);
  const top = candidates[0];
  const joins = top && top.matchProbability >= loaded.threshold ? top : undefined;
  const registered = await database.db.transaction().execute(async (trx) => {
    const db = personsDb(trx);
    if ((await recordsByKeys(db, [{ systemKey, sourceRecordId }])).length > 0)
      throw registersError(
        'REGISTERS_EXTRACT_INVALID',
        `${systemKey} already holds a record ${sourceRecordId}: load an extract to change it`,
        [{ field: 'sourceRecordId', message: `${systemKey} already holds a record ${sourceRecordId}` }],
      );
    let personId = joins?.personId;
    if (!personId) {
      const taken = await existingPersonIds(db);
      do personId = newPersonId();
      while (taken.has(personId));
      await insertPersons(db, [{ id: personId, recordCount: 0 }]);
    }
    const sourceRow = Object.fromEntries(Object.entries({ sourceRecordId, ...record }).map(([k, v]) => [k, String(v)]));
    const [id] = await insertRecords(db, systemKey, null, [
      {
        person,
        sourceRow,
        contentHash: createHash('sha256')
          .update(JSON.stringify([person, sourceRow]))
          .digest('hex'),
      },
    ]);
    await linkRecordToPerson(db, id!, personId);
    await insertHistory(db, [
      {
        personId,
        event: 'record-registered',
        buildId: null,
        detail: { systemKey, sourceRecordId, matchProbability: joins?.matchProbability ?? null },
      },
    ]);
    await recordAudit(trx, {
      actor,
      organisationCode: system.organisationCode,
      action: 'person.register',
      subjectType: 'person',
      subjectId: personId,
      reason,
      details: { systemKey, sourceRecordId, isNewPerson: !joins },
    });
    return { systemKey, sourceRecordId, personId, isNewPerson: !joins };
  });
  // Indexed in place: a registration must not cost a rebuild of the whole index.
  loaded.index.add(toRow(person), systemKey);
  loaded.personOf.set(recordKeyString(systemKey, sourceRecordId), registered.personId);
  return {
    threshold: loaded.threshold,
    modelVersion: loaded.modelVersion,
    person: joins ? { personId: joins.personId, matchProbability: joins.matchProbability } : null,
    candidates,
    registered,
  };
}

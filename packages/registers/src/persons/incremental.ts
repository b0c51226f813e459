/**
 * Incremental re-linking: which records a build must re-link when only some changed since the
 * last build. The changed records; every record the model finds for them at or above the
 * review lower bound (through the match index over all active records, so blocking and scoring
 * are the build's own); the records a reviewer's decision joins to any of those; then every
 * record of each person touched, so that each touched person is re-clustered whole. Persons
 * not touched keep their records and ids untouched. Pure: the build reads and writes.
 */
import { createMatchIndex, type InputTable, type TermFrequencies, type TrainedModel } from '@joinery/linkage';
import { recordKeyString } from './model.ts';
import { linkageRow } from './settings.ts';
import type { StoredRecord } from './store.ts';

export interface Changes {
  /** Active records loaded, changed or registered since the last build (by record id). */
  recordIds: ReadonlySet<number>;
  /** Persons that lost a record since (it was retired). */
  personIds: ReadonlySet<string>;
  /** Records in pairs decided since. */
  decidedKeys: readonly { systemKey: string; sourceRecordId: string }[];
}

export interface DecidedPair {
  left_system_key: string;
  left_record_id: string;
  right_system_key: string;
  right_record_id: string;
}

export interface Relink {
  /** Indexes into the records, in their order: the records to re-link. */
  records: number[];
  /** Term frequencies over every active record, to score the subset as a full build would. */
  termFrequencies: TermFrequencies;
  /** Indexes of the records changed since the last build (the rest of `records` are their neighbours and persons). */
  changed: number[];
}

/** Candidates per changed record: more than a person has records in practice. */
const CANDIDATES_PER_RECORD = 50;

/**
 * @param ordered every active record, in the order `tables` holds them
 * @example const { records } = recordsToRelink(ordered, tables, model, changes, decisions, 0.5)
 */
export function recordsToRelink(
  ordered: readonly StoredRecord[],
  tables: InputTable[],
  model: TrainedModel,
  changes: Changes,
  decisions: readonly DecidedPair[],
  lowerBound: number,
): Relink {
  const index = createMatchIndex(model, tables);
  const indexOf = new Map<string, number>();
  ordered.forEach((r, i) => indexOf.set(recordKeyString(r.system_key, r.source_record_id), i));
  const chosen = new Set<number>();
  const changed: number[] = [];
  ordered.forEach((r, i) => {
    if (changes.recordIds.has(Number(r.id))) changed.push(i);
  });
  for (const key of changes.decidedKeys) {
    const i = indexOf.get(recordKeyString(key.systemKey, key.sourceRecordId));
    if (i !== undefined) changed.push(i);
  }
  for (const i of changed) {
    chosen.add(i);
    for (const c of index.match(linkageRow(ordered[i]!), { limit: CANDIDATES_PER_RECORD, minProbability: lowerBound })) {
      const j = indexOf.get(recordKeyString(c.source, c.id));
      if (j !== undefined) chosen.add(j);
    }
  }

  // Whole persons, and whatever a decision joins to them, until nothing more is added.
  const recordsOfPerson = new Map<string, number[]>();
  ordered.forEach((r, i) => {
    if (!r.person_id) return;
    const list = recordsOfPerson.get(r.person_id);
    if (list) list.push(i);
    else recordsOfPerson.set(r.person_id, [i]);
  });
  const partners = new Map<number, number[]>();
  for (const d of decisions) {
    const a = indexOf.get(recordKeyString(d.left_system_key, d.left_record_id));
    const b = indexOf.get(recordKeyString(d.right_system_key, d.right_record_id));
    if (a === undefined || b === undefined) continue;
    partners.set(a, [...(partners.get(a) ?? []), b]);
    partners.set(b, [...(partners.get(b) ?? []), a]);
  }
  const queue = [...chosen];
  const choose = (j: number) => {
    if (chosen.has(j)) return;
    chosen.add(j);
    queue.push(j);
  };
  const taken = new Set<string>();
  const takePerson = (id: string) => {
    if (taken.has(id)) return;
    taken.add(id);
    for (const j of recordsOfPerson.get(id) ?? []) choose(j);
  };
  for (const id of changes.personIds) takePerson(id);
  while (queue.length > 0) {
    const i = queue.pop()!;
    const person = ordered[i]!.person_id;
    if (person) takePerson(person);
    for (const j of partners.get(i) ?? []) choose(j);
  }
  return { records: [...chosen].sort((a, b) => a - b), termFrequencies: index.termFrequencies, changed: [...new Set(changed)] };
}

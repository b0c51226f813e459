/**
 * Accuracy of the index against ground truth, per source system: for each of a system's
 * records, its predicted partners (the other records of its person) against its true
 * partners (the other records of its true person); precision and recall of those pairs.
 * Counted from cluster × truth tallies, so it is linear in the records.
 */
import type { Database } from '@joinery/core';
import { recordKeyString } from './model.ts';
import { activeRecords, personsDb } from './store.ts';

export interface SystemAccuracy {
  systemKey: string;
  records: number;
  truePairs: number;
  predictedPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/**
 * @param truth each source record's true person (as the scenario's truth/record-links.csv)
 * @example await personIndexAccuracy(database, [{ systemKey: 'casterbridge/council-tax', sourceRecordId: '60000001', truePersonId: 'P0000319' }])
 */
export async function personIndexAccuracy(
  database: Database,
  truth: { systemKey: string; sourceRecordId: string; truePersonId: string }[],
): Promise<{ systems: SystemAccuracy[]; overall: Omit<SystemAccuracy, 'systemKey'> }> {
  const trueOf = new Map(truth.map((t) => [recordKeyString(t.systemKey, t.sourceRecordId), t.truePersonId]));
  const records = (await activeRecords(personsDb(database.db))).filter(
    (r) => r.person_id && trueOf.has(recordKeyString(r.system_key, r.source_record_id)),
  );
  const clusterSize = new Map<string, number>();
  const truthSize = new Map<string, number>();
  const both = new Map<string, number>();
  const labelled = records.map((r) => {
    const t = trueOf.get(recordKeyString(r.system_key, r.source_record_id))!;
    const p = r.person_id!;
    clusterSize.set(p, (clusterSize.get(p) ?? 0) + 1);
    truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
    both.set(`${p}\u0000${t}`, (both.get(`${p}\u0000${t}`) ?? 0) + 1);
    return { systemKey: r.system_key, p, t };
  });
  const tally = new Map<string, { records: number; tp: number; predicted: number; true: number }>();
  const all = { records: 0, tp: 0, predicted: 0, true: 0 };
  for (const { systemKey, p, t } of labelled) {
    const s = tally.get(systemKey) ?? { records: 0, tp: 0, predicted: 0, true: 0 };
    const add = (x: typeof s) => {
      x.records++;
      x.tp += both.get(`${p}\u0000${t}`)! - 1;
      x.predicted += clusterSize.get(p)! - 1;
      x.true += truthSize.get(t)! - 1;
    };
    add(s);
    add(all);
    tally.set(systemKey, s);
  }
  const score = (x: typeof all) => {
    const precision = ratio(x.tp, x.predicted);
    const recall = ratio(x.tp, x.true);
    return { records: x.records, truePairs: x.true, predictedPairs: x.predicted, precision, recall, f1: f1(precision, recall) };
  };
  const systems = [...tally].map(([systemKey, x]) => ({ systemKey, ...score(x) })).sort((a, b) => (a.systemKey < b.systemKey ? -1 : 1));
  // Over all systems each pair was counted from both ends: halve to count pairs once.
  const overall = score(all);
  return { systems, overall: { ...overall, truePairs: overall.truePairs / 2, predictedPairs: overall.predictedPairs / 2 } };
}

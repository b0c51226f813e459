/**
 * Real-time matching: one new record against an indexed set, as the person index API
 * needs. The index holds the prepared records, a map per blocking rule from key to
 * records, and the compiled comparisons; a query takes the last, reusable slot, finds
 * candidates through the blocking keys, and scores and explains each. `add` indexes one more
 * record in place (a registration), so the index never has to be rebuilt for one record;
 * term frequencies stay those of the records it was built from until it is rebuilt.
 */
import { blockingKeys, blockingKeyOf } from './blocking.ts';
import { compileComparisons, type CompiledComparison } from './comparison-vectors.ts';
import { explainPair, pairWeight, type Explanation } from './explain.ts';
import { assertModel, probabilityFromWeight, type TrainedModel } from './model.ts';
import { normaliseValue, prepareRecords, type InputTable, type Records } from './records.ts';
import { computeTermFrequencies, type TermFrequencies } from './term-frequencies.ts';

export interface MatchCandidate {
  source: string;
  id: string;
  matchWeight: number;
  matchProbability: number;
  explanation: Explanation;
}

export interface MatchIndex {
  size: number;
  /** How common each value is among the indexed records (for scoring elsewhere as the index does). */
  termFrequencies: TermFrequencies;
  /**
   * Candidates for `row`, best first, at or above `minProbability`.
   * @example index.match({ forename: 'Bill', surname: 'Smith', dob: '1956-03-12' }, { limit: 5 })
   */
  match(row: Record<string, string>, options?: { limit?: number; minProbability?: number }): MatchCandidate[];
  /**
   * Indexes one more record from `source`, so later queries find it.
   * @example index.add({ id: 'ct-9', forename: 'Bill', surname: 'Smith', dob: '1956-03-12' }, 'council-tax')
   */
  add(row: Record<string, string>, source: string): void;
}

export function createMatchIndex(model: TrainedModel, tables: InputTable[]): MatchIndex {
  assertModel(model);
  const settings = model.settings;
  // One extra, empty record at the end: the query slot.
  const records: Records = prepareRecords(settings, [...tables, { source: '(query)', rows: [{}] }]);
  let slot = records.count - 1;
  const comparisons: CompiledComparison[] = compileComparisons(settings, records);
  const tf: TermFrequencies = computeTermFrequencies(settings, records);
  const blocks = settings.blockingRules.map((rule) => {
    const keys = blockingKeys(records, rule);
    const map = new Map<string, number[]>();
    for (let i = 0; i < slot; i++) {
      const key = keys[i];
      if (key == null) continue;
      const list = map.get(key);
      if (list) list.push(i);
      else map.set(key, [i]);
    }
    return { rule, map };
  });

  const fill = (row: Record<string, string>) => {
    for (const [column, kind] of records.kinds) records.columns.get(column)![slot] = normaliseValue(kind, row[column]);
    for (const c of comparisons) c.forget(slot);
  };

  return {
    get size() {
      return slot;
    },
    termFrequencies: tf,
    add(row, source) {
      // The new record takes the query slot; a fresh query slot is opened after it.
      fill(row);
      let sourceIndex = records.sourceNames.indexOf(source);
      if (sourceIndex < 0) sourceIndex = records.sourceNames.push(source) - 1;
      records.ids[slot] = row[settings.uniqueIdColumn] ?? '';
      records.sources[slot] = source;
      if (slot + 1 >= records.sourceOf.length) {
        const grown = new Uint16Array(Math.ceil(records.sourceOf.length * 1.25) + 16);
        grown.set(records.sourceOf);
        records.sourceOf = grown;
      }
      records.sourceOf[slot] = sourceIndex;
      for (const { rule, map } of blocks) {
        const key = blockingKeyOf(records, rule, slot);
        if (key == null) continue;
        const list = map.get(key);
        if (list) list.push(slot);
        else map.set(key, [slot]);
      }
      slot++;
      records.count = slot + 1;
      for (const values of records.columns.values()) values[slot] = null;
      records.ids[slot] = '';
      records.sources[slot] = '(query)';
    },
    match(row, { limit = 10, minProbability = 0.01 } = {}) {
      fill(row);
      const candidates = new Set<number>();
      for (const { rule, map } of blocks) {
        const key = blockingKeyOf(records, rule, slot);
        if (key == null) continue;
        for (const i of map.get(key) ?? []) candidates.add(i);
      }
      // Rank every candidate by weight alone; explain only those returned.
      const scored: { i: number; weight: number }[] = [];
      for (const i of candidates) {
        const weight = pairWeight(model, comparisons, records, tf, slot, i);
        if (probabilityFromWeight(weight) >= minProbability) scored.push({ i, weight });
      }
      scored.sort((a, b) => b.weight - a.weight);
      const results: MatchCandidate[] = scored.slice(0, limit).map(({ i }) => {
        const explanation = explainPair(model, comparisons, records, tf, slot, i);
        return {
          source: records.sources[i]!,
          id: records.ids[i]!,
          matchWeight: explanation.matchWeight,
          matchProbability: explanation.matchProbability,
          explanation,
        };
      });
      return results;
    },
  };
}

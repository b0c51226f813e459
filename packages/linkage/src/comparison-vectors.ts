/**
 * Comparison vectors: for every pair and every comparison, the index of the first level
 * whose test holds (Fellegi–Sunter's γ). Tests are compiled once into closures over the
 * normalised column; phonetic codes are computed once per record, not per pair.
 */
import {
  damerauLevenshtein,
  dateWithin,
  dayMonthTransposed,
  doubleMetaphone,
  initialsMatch,
  isNicknameOf,
  namesSwapped,
  jaroWinkler,
  levenshteinWithin,
  postcodeLevel,
  tokenSetSimilarityAtLeast,
  withinOneEdit,
} from './compare/index.ts';
import type { Records } from './records.ts';
import { comparisonColumns, levelColumn, type ComparisonSpec, type LevelSpec, type LinkageSettings } from './settings.ts';

/** A compiled level test on two non-null values of records i and j. */
type Test = (a: string, b: string, i: number, j: number) => boolean;

const POSTCODE_ORDER = ['unit', 'sector', 'district', 'area'] as const;

/**
 * Per-record derived values (phonetic codes, word sets), computed on first use and kept:
 * once per record rather than once per pair. `forget` clears one record's, for the
 * real-time index whose query slot is reused.
 */
class RecordCache {
  private readonly caches = new Map<string, { values: unknown[]; get: (i: number) => unknown }>();
  constructor(private readonly column: (string | null)[]) {}
  /** A per-record derived value, computed on first use; levels asking for the same name share it. */
  for<T>(name: string, derive: (value: string | null) => T): (i: number) => T {
    const existing = this.caches.get(name);
    if (existing) return existing.get as (i: number) => T;
    const values: T[] = [];
    const column = this.column;
    const get = (i: number): T => {
      let v = values[i];
      if (v === undefined) {
        v = derive(column[i] ?? null);
        values[i] = v;
      }
      return v;
    };
    this.caches.set(name, { values, get });
    return get;
  }
  forget(i: number): void {
    for (const c of this.caches.values()) c.values[i] = undefined;
  }
}

/** One comparison's levels often test Jaro–Winkler at several thresholds: compute it once per pair. */
function memoJaroWinkler() {
  let lastA = '';
  let lastB = '';
  let last = -1;
  return (a: string, b: string) => {
    if (a !== lastA || b !== lastB || last < 0) {
      lastA = a;
      lastB = b;
      last = jaroWinkler(a, b);
    }
    return last;
  };
}

function compileLevel(level: LevelSpec, similarity: (a: string, b: string) => number, cache: RecordCache, records: Records): Test {
  const t = level.threshold;
  switch (level.test) {
    case 'exact':
      return (a, b) => a === b;
    case 'jaro-winkler':
      return (a, b) => similarity(a, b) >= (t ?? 0.9);
    case 'levenshtein':
      return (a, b) => levenshteinWithin(a, b, t ?? 1);
    case 'damerau-levenshtein':
      // One edit is by far the commonest level: test it in one pass, not a full matrix.
      return (t ?? 1) === 1 ? (a, b) => withinOneEdit(a, b) : (a, b) => damerauLevenshtein(a, b) <= (t ?? 1);
    case 'jaccard': {
      // Word sets once per record, not per pair.
      const sets = cache.for('words', (v) => new Set(v == null ? [] : v.split(' ').filter(Boolean)));
      const wanted = t ?? 0.6;
      return (_a, _b, i, j) => {
        const x = sets(i);
        const y = sets(j);
        if (x.size === 0 || y.size === 0) return false;
        const [small, large] = x.size <= y.size ? [x, y] : [y, x];
        let shared = 0;
        for (const token of small) if (large.has(token)) shared++;
        return shared / (x.size + y.size - shared) >= wanted;
      };
    }
    case 'token-set':
      // fuzzywuzzy's token_set_ratio: 1 when one value's words are all in the other.
      return (a, b) => tokenSetSimilarityAtLeast(a, b, t ?? 0.8);
    case 'metaphone': {
      const codes = cache.for('metaphone', (v) => (v == null ? (['', ''] as [string, string]) : doubleMetaphone(v)));
      return (_a, _b, i, j) => {
        const [p1, s1] = codes(i);
        const [p2, s2] = codes(j);
        return p1 !== '' && (p1 === p2 || p1 === s2 || (s1 !== '' && (s1 === p2 || s1 === s2)));
      };
    }
    case 'nickname':
      return (a, b) => isNicknameOf(a, b);
    case 'initials':
      return (a, b) => initialsMatch(a, b);
    case 'date-transposed':
      return (a, b) => dayMonthTransposed(a, b);
    case 'date-within':
      return (a, b) => dateWithin(a, b, t ?? 1, level.unit ?? 'year');
    case 'postcode': {
      const wanted = POSTCODE_ORDER.indexOf(level.postcodeLevel ?? 'sector');
      return (a, b) => {
        const got = postcodeLevel(a, b);
        return got !== 'none' && POSTCODE_ORDER.indexOf(got) <= wanted;
      };
    }
    case 'numeric-within':
      return (a, b) => Math.abs(Number(a) - Number(b)) <= (t ?? 0);
    case 'array-intersect': {
      const sets = cache.for('words', (v) => new Set(v == null ? [] : v.split(' ').filter(Boolean)));
      return (_a, _b, i, j) => {
        const x = sets(i);
        const y = sets(j);
        const [small, large] = x.size <= y.size ? [x, y] : [y, x];
        let shared = 0;
        for (const item of small) if (large.has(item)) shared++;
        return shared >= (t ?? 1);
      };
    }
    case 'swapped': {
      const other = level.otherColumn ? records.columns.get(level.otherColumn) : undefined;
      if (!other) throw new Error(`Level "${level.label}" (swapped) needs otherColumn naming a prepared column`);
      // a's value is b's other value and the other way round: "SMITH, JOHN" against "JOHN, SMITH".
      return (a, b, i, j) => namesSwapped(a, other[i] ?? '', b, other[j] ?? '');
    }
    case 'else':
      return () => true;
    case 'null':
      return () => false;
  }
}

/** One comparison compiled: the level index for records i and j. */
export interface CompiledComparison {
  spec: ComparisonSpec;
  /** Index of the null level, or -1. */
  nullLevel: number;
  levelOf(i: number, j: number): number;
  /** Drops record i's cached derived values (after its column values change). */
  forget(i: number): void;
}

export function compileComparison(spec: ComparisonSpec, records: Records): CompiledComparison {
  const columnOf = (name: string) => {
    const values = records.columns.get(name);
    if (!values) throw new Error(`No column "${name}" was prepared`);
    return values;
  };
  const values = columnOf(spec.column);
  const nullLevel = spec.levels.findIndex((l) => l.test === 'null');
  const similarity = memoJaroWinkler();
  const caches = new Map(comparisonColumns(spec).map((name) => [name, new RecordCache(columnOf(name))]));
  const tests = spec.levels.map((level) => compileLevel(level, similarity, caches.get(levelColumn(spec, level))!, records));
  const last = spec.levels.length - 1;
  const forget = (i: number) => {
    for (const cache of caches.values()) cache.forget(i);
  };
  if (caches.size === 1)
    return {
      spec,
      nullLevel,
      forget,
      levelOf(i, j) {
        const a = values[i];
        const b = values[j];
        if (a == null || b == null) return nullLevel >= 0 ? nullLevel : last;
        for (let l = 0; l < tests.length; l++) if (l !== nullLevel && tests[l]!(a, b, i, j)) return l;
        return last;
      },
    };
  // Several columns: each level reads its own, and holds only when both records have it.
  const levelValues = spec.levels.map((level) => columnOf(levelColumn(spec, level)));
  const columns = [...caches.keys()].map(columnOf);
  return {
    spec,
    nullLevel,
    forget,
    levelOf(i, j) {
      let comparable = false;
      for (const column of columns) if (column[i] != null && column[j] != null) comparable = true;
      if (!comparable) return nullLevel >= 0 ? nullLevel : last;
      for (let l = 0; l < tests.length; l++) {
        if (l === nullLevel) continue;
        const a = levelValues[l]![i];
        const b = levelValues[l]![j];
        if (spec.levels[l]!.test === 'else') return l;
        if (a != null && b != null && tests[l]!(a, b, i, j)) return l;
      }
      return last;
    },
  };
}

export function compileComparisons(settings: LinkageSettings, records: Records): CompiledComparison[] {
  return settings.comparisons.map((spec) => compileComparison(spec, records));
}

/** γ for every pair: one Uint8Array per comparison, indexed by pair. */
export interface ComparisonVectors {
  levels: Uint8Array[];
  count: number;
}

/** @param onProgress called every 65,536 pairs with the pair–comparisons done and in all (for a progress bar). */
export function computeComparisonVectors(
  comparisons: CompiledComparison[],
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  count: number,
  onProgress?: (done: number, total: number) => void,
): ComparisonVectors {
  const levels = comparisons.map(() => new Uint8Array(count));
  const total = count * comparisons.length;
  for (let c = 0; c < comparisons.length; c++) {
    const comparison = comparisons[c]!;
    const out = levels[c]!;
    for (let start = 0; start < count; start += 65_536) {
      const end = Math.min(count, start + 65_536);
      for (let p = start; p < end; p++) out[p] = comparison.levelOf(left[p]!, right[p]!);
      onProgress?.(c * count + end, total);
    }
  }
  return { levels, count };
}

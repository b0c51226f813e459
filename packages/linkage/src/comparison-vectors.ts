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
  jaroWinkler,
  levenshteinWithin,
  postcodeLevel,
  tokenJaccard,
  tokenSetSimilarity,
} from './compare/index.ts';
import type { Records } from './records.ts';
import type { ComparisonSpec, LevelSpec, LinkageSettings } from './settings.ts';

/** A compiled level test on two non-null values of records i and j. */
type Test = (a: string, b: string, i: number, j: number) => boolean;

const POSTCODE_ORDER = ['unit', 'sector', 'district', 'area'] as const;

function compileLevel(level: LevelSpec, comparison: ComparisonSpec, records: Records): Test {
  const t = level.threshold;
  switch (level.test) {
    case 'exact':
      return (a, b) => a === b;
    case 'jaro-winkler':
      return (a, b) => jaroWinkler(a, b) >= (t ?? 0.9);
    case 'levenshtein':
      return (a, b) => levenshteinWithin(a, b, t ?? 1);
    case 'damerau-levenshtein':
      return (a, b) => damerauLevenshtein(a, b) <= (t ?? 1);
    case 'jaccard':
      return (a, b) => tokenJaccard(a, b) >= (t ?? 0.6);
    case 'token-set':
      return (a, b) => tokenSetSimilarity(a, b) >= (t ?? 0.8);
    case 'metaphone': {
      const values = records.columns.get(comparison.column)!;
      const codes = values.map((v) => (v == null ? ['', ''] : doubleMetaphone(v)));
      return (_a, _b, i, j) => {
        const [p1, s1] = codes[i]!;
        const [p2, s2] = codes[j]!;
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
    case 'array-intersect':
      return (a, b) => {
        const left = new Set(a.split(' '));
        let shared = 0;
        for (const token of b.split(' ')) if (left.has(token)) shared++;
        return shared >= (t ?? 1);
      };
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
}

export function compileComparison(spec: ComparisonSpec, records: Records): CompiledComparison {
  const values = records.columns.get(spec.column);
  if (!values) throw new Error(`No column "${spec.column}" was prepared`);
  const nullLevel = spec.levels.findIndex((l) => l.test === 'null');
  const tests = spec.levels.map((level) => compileLevel(level, spec, records));
  const last = spec.levels.length - 1;
  return {
    spec,
    nullLevel,
    levelOf(i, j) {
      const a = values[i];
      const b = values[j];
      if (a == null || b == null) return nullLevel >= 0 ? nullLevel : last;
      for (let l = 0; l < tests.length; l++) if (l !== nullLevel && tests[l]!(a, b, i, j)) return l;
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

export function computeComparisonVectors(
  comparisons: CompiledComparison[],
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  count: number,
): ComparisonVectors {
  const levels = comparisons.map(() => new Uint8Array(count));
  for (let c = 0; c < comparisons.length; c++) {
    const comparison = comparisons[c]!;
    const out = levels[c]!;
    for (let p = 0; p < count; p++) out[p] = comparison.levelOf(left[p]!, right[p]!);
  }
  return { levels, count };
}

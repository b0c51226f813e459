/**
 * The comparison library: standard levels for each kind of column (as Splink's
 * comparison_library), so settings can name a kind and get sensible, explainable levels.
 */
import type { ColumnKind, ComparisonSpec, LevelSpec } from './settings.ts';

const NULL: LevelSpec = { label: 'missing', test: 'null' };
const ELSE: LevelSpec = { label: 'all other', test: 'else' };

export const PRESET_LEVELS: Record<ColumnKind, LevelSpec[]> = {
  forename: [
    NULL,
    { label: 'exact', test: 'exact', termFrequency: true },
    { label: 'Jaro-Winkler ≥ 0.92', test: 'jaro-winkler', threshold: 0.92 },
    { label: 'nickname', test: 'nickname' },
    { label: 'Jaro-Winkler ≥ 0.8', test: 'jaro-winkler', threshold: 0.8 },
    { label: 'sounds alike (Double Metaphone)', test: 'metaphone' },
    { label: 'initials agree', test: 'initials' },
    ELSE,
  ],
  surname: [
    NULL,
    { label: 'exact', test: 'exact', termFrequency: true },
    { label: 'Jaro-Winkler ≥ 0.92', test: 'jaro-winkler', threshold: 0.92 },
    { label: 'Jaro-Winkler ≥ 0.8', test: 'jaro-winkler', threshold: 0.8 },
    { label: 'sounds alike (Double Metaphone)', test: 'metaphone' },
    ELSE,
  ],
  name: [
    NULL,
    { label: 'exact', test: 'exact', termFrequency: true },
    { label: 'same words (token set ≥ 0.9)', test: 'token-set', threshold: 0.9 },
    { label: 'Jaro-Winkler ≥ 0.85', test: 'jaro-winkler', threshold: 0.85 },
    ELSE,
  ],
  date: [
    NULL,
    { label: 'exact', test: 'exact' },
    { label: 'one edit', test: 'damerau-levenshtein', threshold: 1 },
    { label: 'day and month transposed', test: 'date-transposed' },
    { label: 'within a year', test: 'date-within', threshold: 1, unit: 'year' },
    { label: 'within 10 years', test: 'date-within', threshold: 10, unit: 'year' },
    ELSE,
  ],
  postcode: [
    NULL,
    { label: 'same postcode', test: 'exact', termFrequency: true },
    { label: 'same sector', test: 'postcode', postcodeLevel: 'sector' },
    { label: 'same district', test: 'postcode', postcodeLevel: 'district' },
    ELSE,
  ],
  address: [
    NULL,
    { label: 'exact', test: 'exact' },
    { label: 'Jaro-Winkler ≥ 0.9', test: 'jaro-winkler', threshold: 0.9 },
    { label: 'token set ≥ 0.9', test: 'token-set', threshold: 0.9 },
    { label: 'token Jaccard ≥ 0.5', test: 'jaccard', threshold: 0.5 },
    ELSE,
  ],
  email: [NULL, { label: 'exact', test: 'exact' }, { label: 'Levenshtein ≤ 2', test: 'levenshtein', threshold: 2 }, ELSE],
  phone: [NULL, { label: 'exact', test: 'exact' }, { label: 'one edit', test: 'damerau-levenshtein', threshold: 1 }, ELSE],
  'nhs-number': [NULL, { label: 'exact', test: 'exact' }, { label: 'one edit', test: 'damerau-levenshtein', threshold: 1 }, ELSE],
  identifier: [NULL, { label: 'exact', test: 'exact' }, { label: 'one edit', test: 'damerau-levenshtein', threshold: 1 }, ELSE],
  string: [
    NULL,
    { label: 'exact', test: 'exact', termFrequency: true },
    { label: 'Jaro-Winkler ≥ 0.9', test: 'jaro-winkler', threshold: 0.9 },
    { label: 'Jaro-Winkler ≥ 0.7', test: 'jaro-winkler', threshold: 0.7 },
    ELSE,
  ],
  numeric: [NULL, { label: 'exact', test: 'exact' }, { label: 'within 1', test: 'numeric-within', threshold: 1 }, ELSE],
  exact: [NULL, { label: 'exact', test: 'exact' }, ELSE],
};

/** A comparison with the preset levels for its kind. */
export function presetComparison(column: string, kind: ColumnKind, name = column.replace(/_/g, ' ')): ComparisonSpec {
  return { name, column, kind, levels: PRESET_LEVELS[kind].map((l) => ({ ...l })) };
}

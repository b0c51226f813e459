/**
 * A linkage described as data (as Splink's settings dictionary): link type, id and source
 * columns, blocking rules, comparisons with ordered levels, threshold. The TypeBox schema
 * is published as JSON Schema (`joinery link --schema`) so settings files can be validated
 * in any editor.
 */
import { Type, type Static } from 'typebox';

export const COLUMN_KINDS = [
  'forename',
  'surname',
  'name',
  'date',
  'postcode',
  'address',
  'email',
  'phone',
  'nhs-number',
  'identifier',
  'string',
  'numeric',
  'exact',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** One comparison level: a test on the pair's two values, tried in order; the first that holds wins. */
export const LevelSpec = Type.Object({
  label: Type.String({ description: 'Human label, reused by explanations, e.g. "Jaro-Winkler ≥ 0.92"' }),
  test: Type.Enum(
    [
      'null',
      'exact',
      'jaro-winkler',
      'levenshtein',
      'damerau-levenshtein',
      'jaccard',
      'token-set',
      'metaphone',
      'nickname',
      'initials',
      'date-transposed',
      'date-within',
      'postcode',
      'numeric-within',
      'array-intersect',
      'swapped',
      'else',
    ],
    {
      description:
        "null: either value missing; swapped: this column and otherColumn hold each other's values (first and last names swapped); else: everything left",
    },
  ),
  threshold: Type.Optional(
    Type.Number({
      description: 'similarity at least (jaro-winkler, jaccard, token-set) or distance at most (levenshtein, numeric-within, date-within)',
    }),
  ),
  unit: Type.Optional(Type.Enum(['day', 'month', 'year'])),
  otherColumn: Type.Optional(Type.String({ description: 'swapped: the column whose values this one is swapped with, e.g. surname' })),
  column: Type.Optional(
    Type.String({
      description:
        "Test this level on another column instead of the comparison's own, so one comparison can weigh several correlated columns once (as Splink's multi-column comparisons): same UPRN, else same address, else same postcode. The level holds only when both records have that column; the null level then means no column of the comparison can be compared.",
    }),
  ),
  kind: Type.Optional(
    Type.Enum(COLUMN_KINDS, { description: "With column: how that column is normalised (default: the comparison's kind)" }),
  ),
  postcodeLevel: Type.Optional(Type.Enum(['unit', 'sector', 'district', 'area'])),
  termFrequency: Type.Optional(Type.Boolean({ description: 'adjust this level by how common the value is (exact levels only)' })),
  tfMinimumU: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description:
        "termFrequency: the least u a value's frequency may give (Splink's tf_minimum_u_value), so a rare value's agreement is not taken as near-certain proof; e.g. 0.005",
    }),
  ),
});
export type LevelSpec = Static<typeof LevelSpec>;

export const ComparisonSpec = Type.Object({
  name: Type.String({ description: 'Shown in explanations, e.g. "first name"' }),
  column: Type.String({ description: 'Input column compared' }),
  kind: Type.Enum(COLUMN_KINDS, { description: 'How values are normalised before comparing' }),
  levels: Type.Array(LevelSpec, { minItems: 2 }),
});
export type ComparisonSpec = Static<typeof ComparisonSpec>;

export const BlockingRule = Type.Object({
  name: Type.Optional(Type.String()),
  /** Records are compared when every key part is equal and not empty. */
  keys: Type.Array(
    Type.Object({
      column: Type.String(),
      transform: Type.Optional(
        Type.Enum([
          'exact',
          'first-3',
          'first-1',
          'metaphone',
          'year',
          'year-month',
          'postcode-sector',
          'postcode-district',
          'digits-last-4',
          'email-local',
        ]),
      ),
      withColumn: Type.Optional(
        Type.String({ description: 'Pair this column with another, in either order: finds names entered the wrong way round' }),
      ),
    }),
    { minItems: 1 },
  ),
});
export type BlockingRule = Static<typeof BlockingRule>;

export const LinkageSettings = Type.Object({
  $schema: Type.Optional(Type.String()),
  linkType: Type.Enum(['dedupe_only', 'link_only', 'link_and_dedupe']),
  uniqueIdColumn: Type.String(),
  sourceColumn: Type.Optional(Type.String({ description: 'Column naming each record’s source; defaults to the input file name' })),
  blockingRules: Type.Array(BlockingRule, { minItems: 1 }),
  comparisons: Type.Array(ComparisonSpec, { minItems: 1 }),
  /** Match probability at or above which pairs are linked into clusters. */
  threshold: Type.Number({ minimum: 0, maximum: 1, default: 0.9 }),
  /**
   * How clusters are made from the pairs at or above the threshold. connected-components:
   * every such pair joins its records (chains can join two people through a third);
   * single-best-links: pairs are taken best first and one is skipped when it would put two
   * records of a duplicate-free source in one cluster (Splink's cluster_single_best_links).
   */
  clustering: Type.Optional(Type.Enum(['connected-components', 'single-best-links'], { default: 'connected-components' })),
  /** For single-best-links: sources known to hold each person once. Default: every source for link_only, none otherwise. */
  duplicateFreeSources: Type.Optional(Type.Array(Type.String())),
  /** Blocks larger than this are refused rather than exploding into billions of pairs. */
  maxBlockSize: Type.Optional(Type.Integer({ minimum: 2, default: 5000 })),
  /** Random pairs sampled to estimate u values. */
  uSampleSize: Type.Optional(Type.Integer({ minimum: 1000, default: 300_000 })),
  seed: Type.Optional(Type.Integer({ default: 1 })),
});
export type LinkageSettings = Static<typeof LinkageSettings>;

/** The column a level tests: its own `column`, else its comparison's. */
export function levelColumn(comparison: ComparisonSpec, level: LevelSpec): string {
  return level.column ?? comparison.column;
}

/** Every column a comparison reads: its own first, then its levels' others. */
export function comparisonColumns(comparison: ComparisonSpec): string[] {
  return [...new Set([comparison.column, ...comparison.levels.map((l) => levelColumn(comparison, l))])];
}

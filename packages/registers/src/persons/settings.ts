/**
 * Linkage settings for the standard person shape: every source record, whatever its
 * system's layout, is compared on the same columns. Blocking pairs keys as Splink's people
 * examples do (date of birth with an initial; sounds-alike given name and surname; names either
 * way round; postcode with an initial; NHS number; UPRN; email).
 */
import { presetComparison, type InputTable, type LinkageSettings } from '@joinery/linkage';
import type { StoredRecord } from './store.ts';

export const DEFAULT_THRESHOLD = 0.9;
export const DEFAULT_REVIEW_LOWER_BOUND = 0.5;

/** The columns of a record as the linkage engine reads it. */
export const LINKAGE_COLUMNS = [
  'source_record_id',
  'given_name',
  'surname',
  'date_of_birth',
  'nhs_number',
  'postcode',
  'uprn',
  'address',
  'email',
  'phone',
] as const;

/**
 * Names are not independent (given names and surnames travel together by family origin), so
 * the product of their frequencies overstates how rare a full name is: no name's agreement
 * counts for more than one in 200 (on Wessex 113,148 records precision 0.917 → 0.966).
 */
const NAME_MINIMUM_U = 0.005;

function nameComparison(column: 'given_name' | 'surname', kind: 'forename' | 'surname', name: string) {
  const comparison = presetComparison(column, kind, name);
  for (const level of comparison.levels) if (level.termFrequency) level.tfMinimumU = NAME_MINIMUM_U;
  return comparison;
}

export function personLinkageSettings(threshold = DEFAULT_THRESHOLD): LinkageSettings {
  const forename = nameComparison('given_name', 'forename', 'given name');
  const exact = forename.levels.findIndex((l) => l.test === 'exact');
  // Names entered the wrong way round ("SMITH JOHN"): worth more than a near miss.
  forename.levels.splice(exact + 1, 0, { label: 'given name and surname swapped', test: 'swapped', otherColumn: 'surname' });
  return {
    linkType: 'link_and_dedupe',
    uniqueIdColumn: 'source_record_id',
    // Each rule pairs two keys, so blocks stay small as the population grows (one key alone, such as
    // a date of birth or a sounds-alike surname with an initial, grows with the square of the
    // records: at 113,148 Wessex records it made 5.8M pairs for the same F1 these make with 1.5M).
    blockingRules: [
      // A surname changed on marriage, or a nickname: the date of birth and one of the names' initials.
      { keys: [{ column: 'date_of_birth' }, { column: 'given_name', transform: 'first-1' }] },
      { keys: [{ column: 'date_of_birth' }, { column: 'surname', transform: 'first-1' }] },
      // No date of birth (a call-centre CRM): both names sound alike, or are the same either way round.
      {
        keys: [
          { column: 'surname', transform: 'metaphone' },
          { column: 'given_name', transform: 'metaphone' },
        ],
      },
      { keys: [{ column: 'given_name', withColumn: 'surname' }] },
      { keys: [{ column: 'postcode' }, { column: 'surname', transform: 'first-1' }] },
      { keys: [{ column: 'postcode' }, { column: 'given_name', transform: 'first-1' }] },
      { keys: [{ column: 'nhs_number' }] },
      { keys: [{ column: 'uprn' }] },
      { keys: [{ column: 'email', transform: 'email-local' }] },
    ],
    comparisons: [
      forename,
      nameComparison('surname', 'surname', 'surname'),
      {
        // Narrower than the preset: for people, a date "within ten years" is evidence against, not for.
        name: 'date of birth',
        column: 'date_of_birth',
        kind: 'date',
        levels: [
          { label: 'missing', test: 'null' },
          { label: 'exact', test: 'exact' },
          { label: 'day and month transposed', test: 'date-transposed' },
          { label: 'one edit', test: 'damerau-levenshtein', threshold: 1 },
          { label: 'all other', test: 'else' },
        ],
      },
      presetComparison('nhs_number', 'nhs-number', 'NHS number'),
      {
        // One comparison for where someone lives, finest evidence first: UPRN, address and postcode
        // agree together for a household, so weighing them apart counted one fact three times
        // (on Wessex, spouses at one address were linked: precision 0.966 → 0.993).
        // Neighbours share a street's words: only the same address (or one holding the other's words) counts.
        name: 'residence',
        column: 'address',
        kind: 'address',
        levels: [
          { label: 'missing', test: 'null' },
          { label: 'same UPRN', test: 'exact', column: 'uprn', kind: 'identifier' },
          { label: 'same address', test: 'exact' },
          { label: 'same address words (token set ≥ 0.95)', test: 'token-set', threshold: 0.95 },
          { label: 'address Jaro-Winkler ≥ 0.95', test: 'jaro-winkler', threshold: 0.95 },
          { label: 'same postcode', test: 'exact', column: 'postcode', kind: 'postcode', termFrequency: true },
          { label: 'same postcode sector', test: 'postcode', postcodeLevel: 'sector', column: 'postcode', kind: 'postcode' },
          { label: 'all other', test: 'else' },
        ],
      },
      presetComparison('email', 'email'),
      presetComparison('phone', 'phone'),
    ],
    threshold,
    clustering: 'connected-components',
  };
}

/**
 * The settings the model is trained with: the same comparisons, blocked without the postcode
 * and UPRN rules. Pairs blocked on where people live are mostly households — same surname,
 * same address, different people — and EM learns from them that a different date of birth or
 * NHS number is common among matches (on Wessex 0.02: 7,220 false pairs above 0.9 trained with
 * the postcode rules, 560 without; at 0.3 with register UPRNs, precision 0.972 trained with the
 * UPRN rule, 0.993 without). Prediction still blocks on both, to find records with no date of birth.
 */
export function personTrainingSettings(settings: LinkageSettings): LinkageSettings {
  const household = (rule: LinkageSettings['blockingRules'][number]) =>
    rule.keys.some((k) => k.column === 'postcode' || k.column === 'uprn');
  return { ...settings, blockingRules: settings.blockingRules.filter((rule) => !household(rule)) };
}

/** A stored record as the linkage engine's row of strings ('' for missing). */
export function linkageRow(record: Pick<StoredRecord, (typeof LINKAGE_COLUMNS)[number]>): Record<string, string> {
  const row: Record<string, string> = {};
  for (const column of LINKAGE_COLUMNS) row[column] = record[column] ?? '';
  return row;
}

/**
 * Active records as one input table per source system (the system key is the source), and
 * the records in the order the engine numbers them.
 */
export function linkageTables(records: readonly StoredRecord[]): { tables: InputTable[]; ordered: StoredRecord[] } {
  const bySystem = new Map<string, StoredRecord[]>();
  for (const record of records) {
    const list = bySystem.get(record.system_key) ?? [];
    list.push(record);
    bySystem.set(record.system_key, list);
  }
  const groups = [...bySystem].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    tables: groups.map(([source, list]) => ({ source, rows: list.map(linkageRow) })),
    ordered: groups.flatMap(([, list]) => list),
  };
}

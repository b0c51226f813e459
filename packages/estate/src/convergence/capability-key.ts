/**
 * The ONE place that decides which applications do the same job. Today: the capability as the
 * council words it, normalised (case, spacing, curly apostrophes, "&"). When applications carry
 * an LGA function classification this becomes that function's identifier; nothing else changes.
 */
import type { ConvergenceApplication } from './model.ts';

// Capabilities that name no function: grouping them would compare a spreadsheet with a database.
const NOT_A_CAPABILITY = new Set(['local tools', 'other', 'miscellaneous', 'misc', 'various', 'n/a', 'none', 'unknown']);

/**
 * The grouping key of an application's capability, or null when it names none.
 * @example capabilityKey({ capability: ' Children’s  Social Care ' }) // "children's social care"
 */
export function capabilityKey(application: Pick<ConvergenceApplication, 'capability'>): string | null {
  const key = (application.capability ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/\s+/g, ' ')
    .trim();
  return key === '' || NOT_A_CAPABILITY.has(key) ? null : key;
}

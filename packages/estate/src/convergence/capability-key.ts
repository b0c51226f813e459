/**
 * The ONE place that decides which applications do the same job: the LGA function an
 * application is classified on, when the Function list has been imported (classification/: so
 * "Revs & Bens" and "Benefits system" meet); else the capability as the council words it,
 * normalised (case, spacing, curly apostrophes, "&").
 */
import type { ConvergenceApplication } from './model.ts';

// Capabilities that name no function: grouping them would compare a spreadsheet with a database.
const NOT_A_CAPABILITY = new Set(['local tools', 'other', 'miscellaneous', 'misc', 'various', 'n/a', 'none', 'unknown']);

/**
 * The grouping key of an application's capability, or null when it names none.
 * @example capabilityKey({ capability: ' Children’s  Social Care ' }) // "children's social care"
 */
export function capabilityKey(application: Pick<ConvergenceApplication, 'capability' | 'functionLabel'>): string | null {
  if (application.functionLabel) return `function: ${normalise(application.functionLabel)}`;
  const key = normalise(application.capability ?? '');
  return key === '' || NOT_A_CAPABILITY.has(key) ? null : key;
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/\s+/g, ' ')
    .trim();
}

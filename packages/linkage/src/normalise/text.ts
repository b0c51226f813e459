/** Text and name normalisation before comparison: case, accents, punctuation, titles. */

/** Lower case, accents removed (NFKD), punctuation to spaces, spaces collapsed. Apostrophes inside words are dropped (o'brien → obrien). @example normaliseText('  Ó’Brien-Smith, JR ') // 'obrien smith jr' */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'rev',
  'revd',
  'sir',
  'dame',
  'lady',
  'lord',
  'prof',
  'professor',
  'master',
  'fr',
  'cllr',
]);
const SUFFIXES = new Set(['jr', 'jnr', 'junior', 'sr', 'snr', 'senior', 'ii', 'iii', 'esq', 'obe', 'mbe', 'cbe']);

/** A name without titles and suffixes; hyphens become spaces. @example normaliseName('Dr. Mary-Jane SMITH') // 'mary jane smith' */
export function normaliseName(s: string): string {
  const words = normaliseText(s).split(' ');
  return words.filter((w, i) => w !== '' && !(TITLES.has(w) && i === 0 && words.length > 1) && !(SUFFIXES.has(w) && i > 0)).join(' ');
}

/**
 * Splits a full name as systems write it: "SMITH, John A", "Mr John A Smith", "J Smith".
 * @example splitFullName('SMITH, John A') // { forenames: 'john a', surname: 'smith' }
 */
export function splitFullName(s: string): { forenames: string; surname: string } {
  if (s.includes(',')) {
    const [surname = '', forenames = ''] = s.split(',', 2);
    return { forenames: normaliseName(forenames), surname: normaliseName(surname) };
  }
  const words = normaliseName(s).split(' ').filter(Boolean);
  if (words.length === 0) return { forenames: '', surname: '' };
  return { forenames: words.slice(0, -1).join(' '), surname: words.at(-1)! };
}

/**
 * Text and name normalisation before comparison: one form per value, so the comparators
 * can work on code units without caring about case, accents or punctuation.
 *
 * - Letters are lower-cased and stripped of accents by Unicode compatibility decomposition
 *   (NFKD, UAX #15) then dropping the combining marks: "Zoë" → "zoe", "ﬁ" → "fi". Letters
 *   that do not decompose are spelt out as English-language registers write them:
 *   ß → ss, æ → ae, œ → oe, ø → o, ł → l, đ/ð → d, þ → th, ı → i, ħ → h ("Łukasz" → "lukasz").
 *   Letters and digits of other scripts are kept (lower-cased where the script has case),
 *   with their vowel signs, though Arabic and Hebrew vowel points, optional in writing, go.
 * - Apostrophes (' ’ ‘ ʼ `) are dropped, joining the word: "O'Brien" → "obrien", so that
 *   it meets "OBrien" and "O Brien" is not split from it by a typist's choice of mark.
 * - Everything else (spaces, hyphens, commas, full stops, brackets, slashes, …) separates
 *   words: "Mary-Jane" → "mary jane", "J.A." → "j a". Words are joined by single spaces,
 *   with none at either end.
 *
 * ASCII input, the common case, takes a fast path: one lower-casing by the engine and one
 * pass over the code units; when that leaves nothing to change ("John Smith"), the
 * lower-cased string is the answer, and no words are cut out and joined again.
 */

const KEEP = 1;
const DROP = 2;
const SEPARATE = 3;

/** Class of each ASCII code unit after lower-casing. */
const ASCII_CLASS = new Uint8Array(128).map((_, c) =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? KEEP : c === 39 || c === 96 ? DROP : SEPARATE,
);

/** Classes of non-ASCII code units, learnt on first sight (0 = not yet known). */
const OTHER_CLASS = new Uint8Array(65536);
const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u;

function classOfOther(c: number): number {
  let k = OTHER_CLASS[c]!;
  if (k === 0) {
    if (
      (c >= 0x300 && c <= 0x36f) || // combining diacritical marks, left by NFKD: the accents
      (c >= 0x1ab0 && c <= 0x1aff) ||
      (c >= 0x1dc0 && c <= 0x1dff) ||
      (c >= 0x20d0 && c <= 0x20ff) ||
      (c >= 0xfe20 && c <= 0xfe2f) ||
      (c >= 0x064b && c <= 0x065f) || // Arabic vowel marks (harakat), optional in writing
      c === 0x0670 ||
      (c >= 0x0591 && c <= 0x05c7) // Hebrew points (niqqud)
    )
      k = DROP;
    else if (c === 0x2018 || c === 0x2019 || c === 0x201b || c === 0x02bc || c === 0x02bb || c === 0x2032)
      k = DROP; // apostrophes
    else if (c >= 0xd800 && c <= 0xdfff)
      k = SEPARATE; // astral characters: emoji, mostly
    // Letters, digits and the other marks, which are part of the letter in scripts such as
    // Devanagari (the vowel sign in राम).
    else k = WORD_CHARACTER.test(String.fromCharCode(c)) ? KEEP : SEPARATE;
    OTHER_CLASS[c] = k;
  }
  return k;
}

const SPELT_OUT: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
const SPELT_OUT_PATTERN = /[ßæœøłđðþıħ]/g;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

/** True when lower-cased ASCII is already words of letters and digits joined by single spaces. */
function isNormalAscii(t: string): boolean {
  let previous = 32; // as if a space came before: no leading space allowed
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 32) {
      if (previous === 32) return false;
    } else if (ASCII_CLASS[c] !== KEEP) return false;
    previous = c;
  }
  return previous !== 32 || t.length === 0;
}

/**
 * Lower case, accents removed, apostrophes dropped, other punctuation to single spaces, trimmed.
 * @example normaliseText('  Ó’Brien-Smith, JR ') // 'obrien smith jr'
 */
export function normaliseText(s: string): string {
  let t: string;
  const ascii = isAscii(s);
  if (ascii) t = s.toLowerCase();
  else {
    t = s
      .normalize('NFKD')
      .toLowerCase()
      .replace(SPELT_OUT_PATTERN, (m) => SPELT_OUT[m]!);
  }
  const n = t.length;
  if (ascii && isNormalAscii(t)) return t; // "John Smith" is "john smith" once lower-cased
  let out = '';
  let start = -1;
  let spaceDue = false;
  for (let i = 0; i <= n; i++) {
    let k = SEPARATE;
    if (i < n) {
      const c = t.charCodeAt(i);
      k = c < 128 ? ASCII_CLASS[c]! : ascii ? SEPARATE : classOfOther(c);
    }
    if (k === KEEP) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      // A whole-string slice is the string itself: single words cost nothing.
      out = out.length === 0 ? t.slice(start, i) : spaceDue ? `${out} ${t.slice(start, i)}` : out + t.slice(start, i);
      start = -1;
      spaceDue = false;
    }
    if (k === SEPARATE && out.length > 0) spaceDue = true;
  }
  return out;
}

// Titles and honours, dropped from the front of a name, and suffixes, dropped from its end,
// so long as a word is left. 'md' is not a suffix here: it is a common abbreviation of
// Mohammed in Bangladeshi names ("Md Rahman").
// prettier-ignore
const TITLES = [
  'mr', 'mrs', 'ms', 'miss', 'mx', 'mstr', 'master', 'dr', 'doctor', 'prof', 'professor', 'rev', 'revd', 'reverend', 'fr', 'father',
  'sr', 'sister', 'br', 'brother', 'pastor', 'canon', 'rabbi', 'imam', 'sir', 'dame', 'lady', 'lord', 'hon', 'rt', 'cllr', 'capt',
  'captain', 'col', 'maj', 'major', 'lt', 'sgt', 'cpl', 'pte', 'cdr', 'shri', 'sri', 'smt',
];
// prettier-ignore
const SUFFIXES = [
  'jr', 'jnr', 'junior', 'sr', 'snr', 'senior', 'ii', 'iii', 'iv', 'esq', 'obe', 'mbe', 'cbe', 'kbe', 'dbe', 'qc', 'kc', 'mp', 'phd', 'rn', 'ret',
];

/** Words grouped by length, for an allocation-free membership test on a stretch of a string. */
function byLength(words: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (const w of words) (groups[w.length] ??= []).push(w);
  return groups;
}
const TITLES_BY_LENGTH = byLength(TITLES);
const SUFFIXES_BY_LENGTH = byLength(SUFFIXES);

function isOneOf(groups: readonly (readonly string[] | undefined)[], t: string, from: number, to: number): boolean {
  const candidates = groups[to - from];
  if (candidates === undefined) return false;
  next: for (const w of candidates) {
    for (let k = 0; k < w.length; k++) if (w.charCodeAt(k) !== t.charCodeAt(from + k)) continue next;
    return true;
  }
  return false;
}

/** Whether a normalised word is a title (for `splitFullName`). */
const isTitle = (word: string) => isOneOf(TITLES_BY_LENGTH, word, 0, word.length);
const isSuffix = (word: string) => isOneOf(SUFFIXES_BY_LENGTH, word, 0, word.length);

/**
 * `normaliseText`, then titles dropped from the front and suffixes from the end (while a word remains).
 * @example normaliseName('Dr. Mary-Jane SMITH Jnr') // 'mary jane smith'
 */
export function normaliseName(s: string): string {
  const t = normaliseText(s);
  let start = 0;
  let end = t.length;
  for (;;) {
    const space = t.indexOf(' ', start);
    if (space < 0 || space >= end || !isOneOf(TITLES_BY_LENGTH, t, start, space)) break;
    start = space + 1;
  }
  for (;;) {
    const space = t.lastIndexOf(' ', end - 1);
    if (space < start || !isOneOf(SUFFIXES_BY_LENGTH, t, space + 1, end)) break;
    end = space;
  }
  return start === 0 && end === t.length ? t : t.slice(start, end);
}

// Words that begin a surname with the word after them: "van der Berg", "de la Cruz", "St John", "bin Laden", "ap Rhys".
// prettier-ignore
const PARTICLES = new Set([
  'van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'st', 'ste', 'mac', 'mc', 'bin', 'ibn', 'bint', 'al', 'el',
  'ap', 'ab', 'ter', 'ten', 'dos', 'das', 'do', 'af',
]);

interface Token {
  word: string;
  /** Written in capitals (at least two upper-case letters, hardly any lower-case: "SMITH", "McDONALD"). */
  capitals: boolean;
  /** Written in mixed or lower case ("Smith", "john"). */
  lowerCase: boolean;
  /** A single letter ("J", "J."). */
  initial: boolean;
}

function tokenise(s: string): Token[] {
  const tokens: Token[] = [];
  for (const piece of s.split(/\s+/)) {
    const word = normaliseText(piece);
    if (word === '') continue;
    let upper = 0;
    let lower = 0;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (c >= 65 && c <= 90) upper++;
      else if (c >= 97 && c <= 122) lower++;
      else if (c >= 128) {
        const ch = piece[i]!;
        if (ch !== ch.toLowerCase()) upper++;
        else if (ch !== ch.toUpperCase()) lower++;
      }
    }
    const initial = word.length === 1;
    tokens.push({
      word,
      initial,
      capitals: !initial && upper >= 2 && lower * 3 < upper,
      lowerCase: !initial && lower > 0 && lower * 3 >= upper,
    });
  }
  return tokens;
}

const join = (tokens: readonly Token[]) => tokens.map((t) => t.word).join(' ');

/**
 * Splits a full name as systems write it into forenames and surname, both normalised:
 * "SMITH, John A" and "Smith, Mr John" (comma: surname first); "SMITH John" and "John SMITH"
 * (the surname in capitals among mixed-case forenames); "Smith J A" (a word then only
 * initials: surname first); otherwise the last word is the surname, with any particles
 * before it ("Jan van der Berg" → "van der berg"). Titles and suffixes are dropped.
 * @example splitFullName('SMITH, John A') // { forenames: 'john a', surname: 'smith' }
 */
export function splitFullName(s: string): { forenames: string; surname: string } {
  const comma = s.indexOf(',');
  if (comma >= 0) {
    const surname = normaliseName(s.slice(0, comma));
    if (surname !== '') return { forenames: normaliseName(s.slice(comma + 1)), surname };
    s = s.slice(comma + 1);
  }
  const tokens = tokenise(s);
  while (tokens.length > 1 && isTitle(tokens[0]!.word)) tokens.shift();
  while (tokens.length > 1 && isSuffix(tokens.at(-1)!.word)) tokens.pop();
  if (tokens.length === 0) return { forenames: '', surname: '' };
  if (tokens.length === 1) return { forenames: '', surname: tokens[0]!.word };

  // The surname in capitals among forenames in mixed case, at either end.
  if (tokens.some((t) => t.lowerCase)) {
    let leading = 0;
    while (leading < tokens.length && tokens[leading]!.capitals) leading++;
    if (leading > 0 && leading < tokens.length) return { forenames: join(tokens.slice(leading)), surname: join(tokens.slice(0, leading)) };
    let trailing = 0;
    while (trailing < tokens.length && tokens[tokens.length - 1 - trailing]!.capitals) trailing++;
    if (trailing > 0 && trailing < tokens.length) {
      return { forenames: join(tokens.slice(0, -trailing)), surname: join(tokens.slice(-trailing)) };
    }
  }
  // "Smith J A": a word, then only initials.
  if (!tokens[0]!.initial && tokens.slice(1).every((t) => t.initial)) return { forenames: join(tokens.slice(1)), surname: tokens[0]!.word };
  // Forenames then surname, taking particles before the last word into the surname.
  let split = tokens.length - 1;
  while (split > 1 && PARTICLES.has(tokens[split - 1]!.word)) split--;
  return { forenames: join(tokens.slice(0, split)), surname: join(tokens.slice(split)) };
}

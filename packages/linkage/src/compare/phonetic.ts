/**
 * Double Metaphone (Philips 2000), from wooorm's `double-metaphone` package (MIT): a
 * primary and an alternate code, so that "Smith" and "Schmidt" can meet on "XMT".
 *
 * Encoding costs a few hundred nanoseconds while names repeat heavily (a few thousand
 * surnames cover most people), so `phoneticMatch` keeps the codes of recent words in a
 * bounded cache; the pipeline itself encodes each record once.
 */
import { doubleMetaphone as encode } from 'double-metaphone';

/**
 * The primary and alternate Double Metaphone codes of a word (either may be '').
 * @example doubleMetaphone('smith') // ['SM0', 'XMT']
 */
export function doubleMetaphone(word: string): [string, string] {
  return encode(word);
}

const CACHE_LIMIT = 8192;
const cache = new Map<string, [string, string]>();

function codesOf(word: string): [string, string] {
  let codes = cache.get(word);
  if (codes === undefined) {
    codes = encode(word);
    if (cache.size >= CACHE_LIMIT) cache.clear(); // bounded memory; a cold restart is cheap
    cache.set(word, codes);
  }
  return codes;
}

/**
 * True when any Double Metaphone code of one word equals any of the other's (empty codes never match).
 * @example phoneticMatch('smith', 'smyth') // true
 */
export function phoneticMatch(a: string, b: string): boolean {
  const [a1, a2] = codesOf(a);
  const [b1, b2] = codesOf(b);
  if (a1 === '' || b1 === '') return false;
  return a1 === b1 || a1 === b2 || (a2 !== '' && (a2 === b1 || a2 === b2));
}

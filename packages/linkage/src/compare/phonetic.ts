/** Double Metaphone (Philips 2000), from the well-kept `double-metaphone` package. */
import { doubleMetaphone as encode } from 'double-metaphone';

/** @example doubleMetaphone('smith') // ['SM0', 'XMT'] */
export function doubleMetaphone(word: string): [string, string] {
  return encode(word);
}

/** True when any code of one equals any code of the other. @example phoneticMatch('smith', 'smyth') // true */
export function phoneticMatch(a: string, b: string): boolean {
  const [a1, a2] = encode(a);
  const [b1, b2] = encode(b);
  return a1 !== '' && (a1 === b1 || a1 === b2 || (a2 !== '' && (a2 === b1 || a2 === b2)));
}

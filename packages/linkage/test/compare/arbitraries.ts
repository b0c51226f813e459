/** Shared fast-check generators and slow reference implementations for the comparator tests. */
import fc from 'fast-check';

/** Words over a small alphabet, so that random pairs share letters often. */
export const smallWord = (maxLength = 12) => fc.string({ unit: fc.constantFrom(...'abcd'), maxLength });
/** Lower-case words over the whole alphabet. */
export const word = (maxLength = 12) => fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), maxLength });
/** Words long enough to leave the 32-code-unit bit-parallel paths. */
export const longWord = fc.string({ unit: fc.constantFrom(...'abcdefgh'), minLength: 30, maxLength: 90 });
/** Any UTF-16 code units (lone surrogates included), mixed with accented letters and punctuation. */
export const anyUnit = fc.oneof(
  fc.constantFrom(..."abcAB éÉøŁß,.-’'\t"),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
/** Any UTF-16 strings, surrogates and all (fast-check's 'binary' unit is slow to generate). */
export const anyString = fc.string({ unit: anyUnit, maxLength: 40 });

/** A string with a few random edits, so that pairs are close as well as far. */
export const nearPair = (base: fc.Arbitrary<string>) =>
  fc
    .tuple(
      base,
      fc.array(fc.tuple(fc.nat(100), fc.constantFrom('insert', 'delete', 'replace', 'swap'), fc.constantFrom(...'abcdxyz')), {
        maxLength: 4,
      }),
    )
    .map(([s, edits]) => {
      let t = s;
      for (const [at, kind, c] of edits) {
        const i = t.length === 0 ? 0 : at % t.length;
        if (kind === 'insert') t = t.slice(0, i) + c + t.slice(i);
        else if (kind === 'delete') t = t.slice(0, i) + t.slice(i + 1);
        else if (kind === 'replace') t = t.slice(0, i) + c + t.slice(i + 1);
        else if (i + 1 < t.length) t = t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
      }
      return [s, t] as [string, string];
    });

/** Textbook Wagner–Fischer, with the optimal-string-alignment transposition when asked. */
export function referenceDistance(a: string, b: string, transpositions: boolean): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Textbook Jaro (strcmp95's rules: window ⌊max/2⌋ − 1, leftmost match, half the out-of-order count rounded down). */
export function referenceJaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const flagsA: boolean[] = Array.from({ length: a.length }, () => false);
  const flagsB: boolean[] = Array.from({ length: b.length }, () => false);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!flagsB[j] && a[i] === b[j]) {
        flagsA[i] = flagsB[j] = true;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!flagsA[i]) continue;
    while (!flagsB[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  return (m / a.length + m / b.length + (m - Math.floor(t / 2)) / m) / 3;
}

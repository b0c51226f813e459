/**
 * Jaro and Jaro–Winkler similarity (Jaro 1989; Winkler 1990). Match flags live in reused
 * typed arrays, so the hot loop allocates nothing.
 */
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** @example jaro('MARTHA', 'MARHTA') // 0.944… */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === ca) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
}

/** @example jaroWinkler('MARTHA', 'MARHTA') // 0.961… */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1, maxPrefix = 4): number {
  const similarity = jaro(a, b);
  if (similarity === 0 || similarity === 1) return similarity;
  let prefix = 0;
  const limit = Math.min(maxPrefix, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return similarity + prefix * prefixScale * (1 - similarity);
}

/**
 * The postcode scanner behind `postcodes.ts` and `normalisePostcode` (internal: not
 * re-exported). A postcode is read into a reused buffer of upper-case code units without
 * spaces, then its shape is checked: outward code (area letters, district digit, optional
 * digit or letter), inward code (digit, letter, letter), or Girobank's GIR 0AA.
 */
const isLetter = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** A scanned postcode: upper-case code units without spaces, and where its parts end. */
export class Scan {
  readonly codes = new Uint16Array(8);
  length = 0;
  /** Letters in the area (1–3, 3 only for GIR). */
  area = 0;
}

/** The two reused scans: one per side of a comparison. */
export const first = new Scan();
export const second = new Scan();

/** Scans `raw` into `into`; false unless it is a well-formed postcode. @example scan('wx1 2ab', first) // true, first.codes holds 'WX12AB' */
export function scan(raw: string, into: Scan): boolean {
  let n = 0;
  const codes = into.codes;
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 160) continue;
    if (n === 7) return false;
    if (c >= 97 && c <= 122) c -= 32;
    codes[n++] = c;
  }
  into.length = n;
  if (n < 5) return false;
  // Inward code: digit, letter, letter.
  if (!isDigit(codes[n - 3]!) || !isLetter(codes[n - 2]!) || !isLetter(codes[n - 1]!)) return false;
  const outward = n - 3;
  if (!isLetter(codes[0]!)) return false;
  if (outward === 3 && codes[0] === 71 && codes[1] === 73 && codes[2] === 82) {
    into.area = 3; // GIR 0AA
    return true;
  }
  const area = isLetter(codes[1]!) ? 2 : 1;
  const rest = outward - area; // the district's characters after the area: 1 or 2
  if (rest < 1 || rest > 2 || !isDigit(codes[area]!)) return false;
  if (rest === 2 && !isDigit(codes[area + 1]!) && !isLetter(codes[area + 1]!)) return false;
  into.area = area;
  return true;
}

/** The code units codes[from, to) as a string. @example text(first.codes, 0, first.area) // 'WX' */
export function text(codes: Uint16Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(codes[i]!);
  return s;
}

/** The normalised unit postcode ('AB1 2CD'), or undefined when `raw` is not a postcode. @example unitPostcode('wx12ab') // 'WX1 2AB' */
export function unitPostcode(raw: string): string | undefined {
  if (!scan(raw, first)) return undefined;
  const { codes, length } = first;
  // Already normal (the common case once records are prepared): no new string.
  if (raw.length === length + 1 && raw.charCodeAt(length - 3) === 32) {
    let same = true;
    for (let i = 0; same && i < length; i++) same = raw.charCodeAt(i < length - 3 ? i : i + 1) === codes[i];
    if (same) return raw;
  }
  return `${text(codes, 0, length - 3)} ${text(codes, length - 3, length)}`;
}

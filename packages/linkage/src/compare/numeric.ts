/**
 * Numeric distances, for levels such as "within 1" on ages, house numbers or amounts.
 * Non-finite inputs give NaN (absolute) or 1 (relative), which no "within" threshold accepts.
 */

/**
 * |a − b|.
 * @example absoluteDifference(3, 5) // 2
 */
export function absoluteDifference(a: number, b: number): number {
  return Math.abs(a - b);
}

/**
 * |a − b| relative to the larger magnitude, in [0, 1]: 0 when equal (both 0 included), 1 when of opposite signs or not finite.
 * @example relativeDifference(90, 100) // 0.1
 */
export function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  const d = Math.abs(a - b) / scale;
  return d <= 1 ? d : 1; // also 1 for NaN and ∞/∞
}

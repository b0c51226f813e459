/** @example absoluteDifference(3, 5) // 2 */
export function absoluteDifference(a: number, b: number): number {
  return Math.abs(a - b);
}

/** Difference relative to the larger magnitude, 0..1. @example relativeDifference(90, 100) // 0.1 */
export function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.min(1, Math.abs(a - b) / scale);
}

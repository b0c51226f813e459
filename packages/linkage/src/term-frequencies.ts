/**
 * Term-frequency adjustment (Splink's tf adjustments): agreeing on "Smith" is weaker
 * evidence than agreeing on "Featherstonehaugh". For exact levels marked `termFrequency`,
 * u becomes the value's own frequency instead of the level's average.
 */
import type { Records } from './records.ts';
import { levelColumn, type LinkageSettings } from './settings.ts';

export type TermFrequencies = Map<string, Map<string, number>>;

export function computeTermFrequencies(settings: LinkageSettings, records: Records): TermFrequencies {
  const result: TermFrequencies = new Map();
  for (const comparison of settings.comparisons) {
    for (const level of comparison.levels) {
      const column = levelColumn(comparison, level);
      if (!level.termFrequency || result.has(column)) continue;
      const counts = new Map<string, number>();
      let total = 0;
      for (const value of records.columns.get(column)!) {
        if (value == null) continue;
        counts.set(value, (counts.get(value) ?? 0) + 1);
        total++;
      }
      const frequencies = new Map<string, number>();
      for (const [value, count] of counts) frequencies.set(value, count / total);
      result.set(column, frequencies);
    }
  }
  return result;
}

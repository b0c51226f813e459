/** The comparators: pure functions on normalised values, for the comparison levels. */
export * from './jaro-winkler.ts';
export * from './levenshtein.ts';
export * from './jaccard.ts';
export * from './phonetic.ts';
export * from './names.ts';
export * from './dates.ts';
export * from './postcodes.ts';
export * from './numeric.ts';

/** The normalisers: raw values as systems write them, to the one form the comparators expect. */
export * from './text.ts';
export * from './dates.ts';
export * from './identifiers.ts';

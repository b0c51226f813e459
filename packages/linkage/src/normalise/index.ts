export * from './text.ts';
export * from './dates.ts';
export * from './identifiers.ts';

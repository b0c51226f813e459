export * from './identifiers/index.ts';

export * from './nhs-number.ts';
export * from './identifier-kinds.ts';

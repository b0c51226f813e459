/** The gazetteer readers and the merge: pure functions, no database. */
export { parseDtf73 } from './dtf73.ts';
export { parseAddressBase } from './addressbase.ts';
export { parseOpenUprn } from './open-uprn.ts';
export { mergePredecessorGazetteers, type MergeConflict, type MergedRegister } from './merge.ts';
export type { GazetteerProblem, ParsedGazetteer, ParseOptions } from './model.ts';

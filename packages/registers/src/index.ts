/**
 * @joinery/registers — the canonical registers a merging council converges on: an address
 * register keyed by UPRN (merged from the predecessors' gazetteers, with free-text address
 * matching) and a person index linking each resident across every source system.
 *
 * @example
 * import { singleLineAddress } from '@joinery/registers';
 * singleLineAddress(address); // 'FLAT 2, 14 HIGH STREET, CASTERBRIDGE, WX1 2AB'
 */
import { fileURLToPath } from 'node:url';

export { addressLines, numberRange, singleLineAddress, type RegisterAddress } from './address.ts';
export { registersRoutes, type RegistersRouteOptions } from './http.ts';
export { REGISTERS_MIGRATIONS } from './migrations.ts';
export { REGISTERS_ERRORS, registersError, type RegistersErrorCode } from './errors.ts';
export { searchAddresses, getProperty, addressConflicts, type AddressSearch, type PropertyFacts } from './service/address-search.ts';
export type { RegistersTables } from './tables.ts';

/** The registers' page templates folder, for the server's view engine. */
export const REGISTERS_VIEWS = fileURLToPath(new URL('./views', import.meta.url));

// Person index: source systems, extracts, the linked index, real-time matching, review, single view.
export * from './persons/index.ts';
export {
  importGazetteer,
  rebuildAddressRegister,
  GAZETTEER_FORMATS,
  GAZETTEER_FORMAT_LABELS,
  type GazetteerFormat,
  type GazetteerImportInput,
  type GazetteerImportResult,
} from './service/gazetteer-import.ts';
export {
  matchAddress,
  matchAddressFile,
  addressMatchResults,
  addressMatchResultsCsv,
  getAddressMatchRun,
  reviewAddressMatch,
  addressColumns,
  DEFAULT_MATCH_THRESHOLD,
  DEFAULT_REVIEW_FLOOR,
  type AddressMatch,
  type MatchOutcome,
} from './service/address-matching.ts';
export {
  parseDtf73,
  parseAddressBase,
  parseOpenUprn,
  mergePredecessorGazetteers,
  type GazetteerProblem,
  type ParsedGazetteer,
  type MergeConflict,
  type MergedRegister,
} from './gazetteer/index.ts';
export {
  createAddressIndex,
  parseAddress,
  type AddressIndex,
  type AddressCandidate,
  type ExplanationStep,
  type ParsedAddress,
} from './address-matching/index.ts';

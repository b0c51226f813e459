/**
 * @joinery/registers — the canonical registers a merging council converges on: an address
 * register keyed by UPRN (merged from the predecessors' gazetteers, with free-text address
 * matching) and a person index linking each resident across every source system.
 *
 * @example
 * import { singleLineAddress } from '@joinery/registers';
 * singleLineAddress(address); // 'FLAT 2, 14 HIGH STREET, CASTERBRIDGE, WX1 2AB'
 */
export { addressLines, numberRange, singleLineAddress, type RegisterAddress } from './address.ts';

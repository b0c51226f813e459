/**
 * @joinery/exchange — the data exchange layer (after X-Road): a federation authority that
 * registers members, issues certificates and publishes a signed configuration, and one gateway
 * per organisation that signs, verifies and logs every message it carries.
 * @example
 * import { parseServiceId, formatServiceId } from '@joinery/exchange';
 * formatServiceId(parseServiceId('wessex/GOV/wessex-council/addresses/address-lookup')!);
 */
export * from './identifiers.ts';
export * from './faults.ts';
export * from './configuration/model.ts';
export * from './configuration/signature.ts';
export { EXCHANGE_MIGRATIONS } from './migrations.ts';
export * from './authority/index.ts';

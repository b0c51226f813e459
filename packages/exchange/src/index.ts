/**
 * @joinery/exchange — the data exchange layer (after X-Road): a federation authority that
 * registers members, issues certificates and publishes a signed configuration, and one gateway
 * per organisation that signs, verifies and logs every message it carries.
 * @example
 * import { startGateway } from '@joinery/exchange';
 * const gateway = await startGateway({ dir: '.joinery/gateway' });
 * await fetch(`${gateway.localUrl}/r1/wessex/GOV/wessex-council/addresses/address-lookup/addresses/100040001`, { headers: { 'X-Road-Client': 'wessex/GOV/casterbridge/housing' } });
 */
import { fileURLToPath } from 'node:url';

export * from './identifiers.ts';
export * from './faults.ts';
export * from './configuration/model.ts';
export * from './configuration/signature.ts';
export { EXCHANGE_MIGRATIONS } from './migrations.ts';
export * from './signing/index.ts';
export * from './log/index.ts';
export * from './pki/index.ts';
export * from './timestamp/index.ts';
export { startGateway, type RunningGateway, type StartGatewayOptions } from './gateway/gateway.ts';
export { initGateway, requestCertificates, EnrolmentFailed, type InitGatewayOptions } from './gateway/enrol.ts';
export {
  readGatewaySettings,
  writeGatewaySettings,
  setGatewayBackend,
  gatewayFiles,
  GatewaySettingsInvalid,
  GatewaySettings,
  DEFAULT_LIMITS,
  DEFAULT_LOG,
  type Backend,
} from './gateway/gateway-settings.ts';
export { gatewayStatus, type GatewayStatus } from './gateway/status.ts';
export { freeLoopbackPort } from './gateway/free-port.ts';
export type { GatewayHealth } from './gateway/local-api.ts';
export { exportEvidence, verifyEvidenceBundle, verifyGatewayLog, evidenceCertificates, type EvidenceReport } from './evidence/evidence.ts';
export * from './authority/index.ts';
export { exchangePages, PAGE_GROUPS, type ExchangePageOptions } from './pages/index.ts';

/** The exchange's page templates folder, for the server's view engine. */
export const EXCHANGE_VIEWS = fileURLToPath(new URL('./views', import.meta.url));

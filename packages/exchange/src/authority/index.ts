/**
 * The federation authority (X-Road's central server): federations and their keys, members and
 * subsystems, gateways and their enrolment, services, access rights, successions, trusted
 * federations, the signed configuration, timestamps, and gateways' reports.
 * @example
 * const authority = openAuthority(database, { dataDir: config.dataDir });
 * await createFederation(authority, systemActor('cli'), { code: 'wessex', name: 'Wessex', publicUrl: 'http://localhost:3000', operatorOrganisationCode: 'wessex-council' });
 * const { token } = await registerGateway(authority, systemActor('cli'), { federationCode: 'wessex', memberCode: 'casterbridge', gatewayCode: 'gw1', address: 'https://127.0.0.1:5501' });
 */
export { systemActor, userActor, type Actor } from './actor.ts';
export { openAuthority, type AuthorityContext } from './context.ts';
export { resolveExchangeKey, type ExchangeKeySource } from './exchange-key.ts';
export { AUTHORITY_ERRORS, authorityError, type AuthorityErrorCode } from './errors.ts';
export * from './model.ts';
export { GatewayReport, SignedGatewayReport } from './gateway-report.ts';
export {
  createFederation,
  getFederation,
  listFederations,
  updateFederation,
  publishNow,
  configurationUrlOf,
  type NewFederation,
} from './federations.ts';
export { admitMember, revokeMember, addSubsystem, listMembers, getMember, memberClassOf } from './members.ts';
export { registerGateway, issueEnrolmentToken, revokeGateway, listGateways, ENROLMENT_TOKEN_HOURS } from './gateways.ts';
export { makeEnrolmentToken, readEnrolmentToken, type EnrolmentTokenClaims } from './enrolment-token.ts';
export { enrolGateway, type EnrolmentRequest } from './enrolment.ts';
export { listCertificates, revokeCertificate } from './certificates.ts';
export { applyRevocationList, type AppliedRevocationList } from './revocation-lists.ts';
export {
  checkOpenApiDescription,
  deriveOperationId,
  openApiSha256,
  OPENAPI_MAX_BYTES,
  type CheckedDescription,
} from './openapi-description.ts';
export { registerService, updateService, setServiceEnabled } from './services.ts';
export { listServices, getService, serviceDescription, serviceKeyOf, type ServiceKey } from './service-catalogue.ts';
export { proposeGrant, listGrants, getGrant, type GrantProposal, type GrantFilter } from './grants.ts';
export { approveGrant, refuseGrant, revokeGrant, recertifyGrant, mayDecideGrant } from './grant-decisions.ts';
export { declareSuccession, withdrawSuccession, listSuccessions } from './successions.ts';
export { trustFederation, untrustFederation, listTrustedFederations } from './trust.ts';
export {
  trustCertificationAuthority,
  stopTrustingCertificationAuthority,
  listCertificationAuthorities,
} from './certification-authorities.ts';
export { buildConfiguration, publishConfiguration, latestConfiguration, configurationBySerial, federationAnchor } from './configuration.ts';
export { respondToTimestampQuery } from './timestamps.ts';
export { receiveGatewayReport } from './reports.ts';
export { operationsOverview, NOT_REPORTING_AFTER_MS, CERTIFICATE_WARNING_DAYS } from './operations-overview.ts';
export { exchangeAuthorityRoutes, type ExchangeAuthorityRouteOptions } from './http.ts';

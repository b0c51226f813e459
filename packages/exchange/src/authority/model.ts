/**
 * What the federation authority's functions return and its API sends: TypeBox schemas, each
 * with its type of the same name (the OpenAPI description is generated from these).
 */
import { Type, type Static } from 'typebox';
import { SigningKey } from '../configuration/model.ts';

const Instant = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const Federation = Type.Object({
  code: Type.String({ description: 'The instance part of every identifier in it, e.g. wessex' }),
  name: Type.String(),
  isHosted: Type.Boolean({ description: 'True when this server is its authority' }),
  configurationUrl: Type.String(),
  configurationValidityHours: Type.Integer(),
  operatorOrganisationCode: Nullable(Type.String({ description: 'Its administrators administer the federation' })),
  createdAt: Instant,
});
export type Federation = Static<typeof Federation>;

export const Subsystem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  id: Type.String({ description: 'INSTANCE/CLASS/MEMBER/SUBSYSTEM' }),
});
export type Subsystem = Static<typeof Subsystem>;

export const Member = Type.Object({
  id: Type.String({ description: 'INSTANCE/CLASS/MEMBER' }),
  memberCode: Type.String(),
  memberClass: Type.String({ description: 'GOV, NHS, NGO or COM' }),
  organisationCode: Nullable(Type.String()),
  name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
  revokedAt: Nullable(Instant),
  revokedReason: Nullable(Type.String()),
  subsystems: Type.Array(Subsystem),
  createdAt: Instant,
});
export type Member = Static<typeof Member>;

export const GatewayStatus = Type.Union([Type.Literal('enrolling'), Type.Literal('active'), Type.Literal('revoked')]);

export const Gateway = Type.Object({
  id: Type.String({ description: 'INSTANCE/CLASS/MEMBER/GATEWAY' }),
  memberCode: Type.String(),
  gatewayCode: Type.String(),
  address: Type.String({ description: 'https://host:port' }),
  status: GatewayStatus,
  createdAt: Instant,
});
export type Gateway = Static<typeof Gateway>;

export const EnrolmentTokenIssued = Type.Object({
  gateway: Gateway,
  token: Type.String({ description: 'jx1.<claims>.<secret>: shown once, give it to the gateway (joinery gateway init --token)' }),
  expiresAt: Instant,
});
export type EnrolmentTokenIssued = Static<typeof EnrolmentTokenIssued>;

export const ConfigurationAnchor = Type.Object({
  instance: Type.String(),
  name: Type.String(),
  configurationUrl: Type.String(),
  signingKeys: Type.Array(SigningKey),
});
export type ConfigurationAnchor = Static<typeof ConfigurationAnchor>;

export const Enrolment = Type.Object({
  gatewayId: Type.String(),
  authCertificatePem: Type.String({ description: 'For mutual TLS between gateways (subjectAltName: the gateway’s host)' }),
  signCertificatePem: Type.String({ description: 'For the gateway’s message signatures' }),
  caCertificatePem: Type.String(),
  anchor: ConfigurationAnchor,
  configurationSerial: Type.Integer({ description: 'The configuration published with the gateway in it' }),
  address: Type.String({ description: 'Where other gateways reach it, as registered' }),
});
export type Enrolment = Static<typeof Enrolment>;

export const IssuedCertificateUsage = Type.Union([
  Type.Literal('auth'),
  Type.Literal('sign'),
  Type.Literal('timestamping'),
  Type.Literal('certification'),
]);

export const Certificate = Type.Object({
  serialNumber: Type.String({ description: 'Lower-case hex' }),
  usage: IssuedCertificateUsage,
  memberCode: Nullable(Type.String()),
  gatewayCode: Nullable(Type.String()),
  gatewayId: Nullable(Type.String()),
  subject: Type.String(),
  notBefore: Instant,
  notAfter: Instant,
  certificatePem: Type.String(),
  revokedAt: Nullable(Instant),
  revokedReason: Nullable(Type.String()),
  issuerFingerprint: Nullable(
    Type.String({ description: 'SHA-256 of the external CA that issued it; null when the federation’s own CA did' }),
  ),
});
export type Certificate = Static<typeof Certificate>;

export const CertificationAuthority = Type.Object({
  fingerprint: Type.String({ description: 'SHA-256 of the CA certificate’s DER, lower-case hex' }),
  name: Type.String(),
  isExternal: Type.Boolean({ description: 'False for the federation’s own CA, which issues certificates at enrolment' }),
  subject: Type.String(),
  notBefore: Instant,
  notAfter: Instant,
  certificatePem: Type.String(),
  isTrusted: Type.Boolean({ description: 'False once the federation has stopped trusting it' }),
  certificatesInForce: Type.Integer({ description: 'Gateway certificates it issued that are neither revoked nor expired' }),
  addedBy: Nullable(Type.String()),
  addedAt: Nullable(Instant),
  removedAt: Nullable(Instant),
  removedBy: Nullable(Type.String()),
  removedReason: Nullable(Type.String()),
  revocationList: Nullable(
    Type.Object(
      {
        number: Nullable(Type.String({ description: 'Its CRL number, when it has one' })),
        thisUpdate: Instant,
        nextUpdate: Nullable(Instant),
        isOverdue: Type.Boolean({ description: 'Its next update is past: the CA should have issued a newer list' }),
        entries: Type.Integer({ description: 'How many certificates it revokes (of any issued by the CA, here or not)' }),
        appliedAt: Instant,
        appliedBy: Nullable(Type.String()),
      },
      { description: 'The CA’s revocation list last applied here (external CAs only; null until one is)' },
    ),
  ),
});
export type CertificationAuthority = Static<typeof CertificationAuthority>;

export const ServiceOperation = Type.Object({ operationId: Type.String(), method: Type.String(), path: Type.String() });
export type ServiceOperation = Static<typeof ServiceOperation>;

export const Service = Type.Object({
  id: Type.String({ description: 'INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]' }),
  memberCode: Type.String(),
  subsystemCode: Type.String(),
  serviceCode: Type.String(),
  serviceVersion: Type.String({ description: 'Empty when unversioned' }),
  gatewayCode: Type.String(),
  title: Type.String(),
  openApiSha256: Type.String({ description: 'SHA-256 (hex) of the OpenAPI document’s RFC 8785 (JCS) form' }),
  isEnabled: Type.Boolean(),
  operations: Type.Array(ServiceOperation),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Service = Static<typeof Service>;

export const ServiceRegistration = Type.Object({
  service: Service,
  derivedOperationIds: Type.Array(Type.String(), { description: 'operationIds made up as <method>-<path> for operations that had none' }),
});
export type ServiceRegistration = Static<typeof ServiceRegistration>;

export const GrantStatus = Type.Union([
  Type.Literal('proposed'),
  Type.Literal('approved'),
  Type.Literal('refused'),
  Type.Literal('revoked'),
  Type.Literal('superseded'),
]);

export const Grant = Type.Object({
  id: Type.String({ format: 'uuid' }),
  client: Type.String({ description: 'INSTANCE/CLASS/MEMBER/SUBSYSTEM' }),
  service: Type.String(),
  operations: Type.Array(Type.String(), { description: 'operationIds, or ["*"]' }),
  purpose: Type.String(),
  lawfulBasis: Type.String(),
  agreement: Type.String(),
  validFrom: Day,
  expiresOn: Day,
  recertifyBy: Day,
  status: GrantStatus,
  supersedes: Nullable(Type.String()),
  proposedBy: Nullable(Type.String()),
  proposedAt: Instant,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Instant),
  decisionNote: Nullable(Type.String()),
  daysToExpiry: Type.Integer({ description: 'Negative once expired' }),
  isExpired: Type.Boolean(),
  isRecertificationOverdue: Type.Boolean(),
});
export type Grant = Static<typeof Grant>;

export const Succession = Type.Object({
  predecessor: Type.String({ description: 'INSTANCE/CLASS/MEMBER' }),
  successor: Type.String(),
  predecessorCode: Type.String(),
  successorCode: Type.String(),
  dualRunningFrom: Day,
  dualRunningUntil: Day,
  declaredBy: Nullable(Type.String()),
  declaredAt: Instant,
});
export type Succession = Static<typeof Succession>;

export const TrustedFederation = Type.Object({
  code: Type.String(),
  name: Type.String(),
  configurationUrl: Type.String(),
  signingKeys: Type.Array(SigningKey),
  createdBy: Nullable(Type.String()),
  createdAt: Instant,
});
export type TrustedFederation = Static<typeof TrustedFederation>;

export const GatewayHealth = Type.Object({
  gatewayId: Type.String(),
  address: Type.String(),
  status: GatewayStatus,
  health: Type.Union(
    [
      Type.Literal('reporting'),
      Type.Literal('not reporting'),
      Type.Literal('no certificate'),
      Type.Literal('enrolling'),
      Type.Literal('revoked'),
    ],
    {
      description:
        '"no certificate": active, but its TLS or signing certificate was revoked or has expired, so it is left out of the configuration until it enrols again',
    },
  ),
  lastReportAt: Nullable(Instant),
  logHead: Nullable(Type.Object({ seq: Type.Integer(), hash: Type.String() })),
  lastCheckpointSeq: Nullable(Type.Integer()),
  configurationSerial: Nullable(Type.Integer({ description: 'The configuration it last reported routing by' })),
  isConfigurationBehind: Type.Boolean({
    description: `True when it reported an older configuration than one published more than 15 minutes before the report`,
  }),
});
export type GatewayHealth = Static<typeof GatewayHealth>;

export const Traffic = Type.Object({
  gatewayId: Type.String({ description: 'The gateway that reported it' }),
  service: Type.String(),
  client: Type.String(),
  requests: Type.Integer(),
  errors: Type.Integer(),
  faults: Type.Record(Type.String(), Type.Integer()),
  p50Ms: Type.Number({ description: 'Request-weighted mean of the reported medians (approximate)' }),
  p99Ms: Type.Number({ description: 'Highest reported 99th percentile (an upper bound)' }),
});
export type Traffic = Static<typeof Traffic>;

export const CertificateWarning = Type.Object({
  serialNumber: Type.String(),
  usage: Type.String(),
  memberCode: Nullable(Type.String()),
  gatewayCode: Nullable(Type.String()),
  notAfter: Instant,
  daysLeft: Type.Integer(),
  isExpired: Type.Boolean(),
});
export type CertificateWarning = Static<typeof CertificateWarning>;

export const RevocationListWarning = Type.Object({
  fingerprint: Type.String({ description: 'The external CA, by SHA-256 fingerprint' }),
  name: Type.String(),
  number: Nullable(Type.String()),
  thisUpdate: Instant,
  nextUpdate: Instant,
  certificatesInForce: Type.Integer({ description: 'Gateway certificates it issued here that are in force' }),
});
export type RevocationListWarning = Static<typeof RevocationListWarning>;

export const OperationsOverview = Type.Object({
  federationCode: Type.String(),
  at: Instant,
  windowHours: Type.Integer(),
  gateways: Type.Array(GatewayHealth),
  traffic: Type.Array(Traffic),
  certificateWarnings: Type.Array(CertificateWarning, { description: 'Unrevoked certificates ending within 30 days, or ended' }),
  revocationListWarnings: Type.Array(RevocationListWarning, {
    description: 'Trusted external CAs whose revocation list applied here is past its next update: revocations since are not known here',
  }),
});
export type OperationsOverview = Static<typeof OperationsOverview>;

export const ReceivedReport = Type.Object({ id: Type.Integer(), receivedAt: Instant, isDuplicate: Type.Boolean() });
export type ReceivedReport = Static<typeof ReceivedReport>;

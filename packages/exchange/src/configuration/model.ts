/**
 * The federation configuration: what the federation authority publishes, signed and versioned,
 * and what every gateway downloads, verifies and routes by (X-Road's "global configuration").
 * It holds no secrets and no backend addresses: those stay on the provider's gateway.
 * Identifiers are strings in X-Road's slash form (see identifiers.ts).
 */
import { Type, type Static } from 'typebox';

const Pem = Type.String({ minLength: 1, maxLength: 20_000, description: 'A PEM-encoded certificate or public key' });
const Instant = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });

export const SigningKey = Type.Object({
  keyId: Type.String({ minLength: 1, maxLength: 200, description: 'SHA-256 of the public key (SPKI DER), hex' }),
  publicKeyPem: Pem,
});
export type SigningKey = Static<typeof SigningKey>;

export const ConfigurationMember = Type.Object({
  id: Type.String({ description: 'INSTANCE/CLASS/MEMBER' }),
  name: Type.String(),
  organisationCode: Type.String({ description: 'The Joinery organisation this member is' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
  revokedAt: Type.Optional(Instant),
  subsystems: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});
export type ConfigurationMember = Static<typeof ConfigurationMember>;

export const ConfigurationGateway = Type.Object({
  id: Type.String({ description: 'INSTANCE/CLASS/MEMBER/GATEWAY' }),
  address: Type.String({ description: 'Where other gateways reach it, https://host:port' }),
  authCertificatePem: Pem,
  signCertificatePem: Pem,
});
export type ConfigurationGateway = Static<typeof ConfigurationGateway>;

export const ConfigurationOperation = Type.Object({
  operationId: Type.String(),
  method: Type.String(),
  path: Type.String({ description: 'OpenAPI path template, e.g. /addresses/{uprn}' }),
});
export type ConfigurationOperation = Static<typeof ConfigurationOperation>;

export const ConfigurationService = Type.Object({
  id: Type.String({ description: 'INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]' }),
  title: Type.String(),
  gatewayId: Type.String({ description: 'The provider’s gateway that serves it' }),
  openApiSha256: Type.String({ description: 'SHA-256 (hex) of the OpenAPI 3.1 document the authority holds' }),
  operations: Type.Array(ConfigurationOperation),
});
export type ConfigurationService = Static<typeof ConfigurationService>;

export const ConfigurationGrant = Type.Object({
  id: Type.String(),
  client: Type.String({ description: 'INSTANCE/CLASS/MEMBER/SUBSYSTEM' }),
  service: Type.String(),
  operations: Type.Array(Type.String(), { description: 'operationIds, or ["*"] for all' }),
  purpose: Type.String(),
  lawfulBasis: Type.String(),
  agreement: Type.String({ description: 'The data-sharing agreement the grant rests on' }),
  validFrom: Day,
  expiresOn: Day,
  recertifyBy: Day,
  approvedBy: Type.String({ description: 'Who approved it for the provider' }),
  approvedAt: Instant,
});
export type ConfigurationGrant = Static<typeof ConfigurationGrant>;

export const ConfigurationSuccession = Type.Object({
  predecessor: Type.String({ description: 'INSTANCE/CLASS/MEMBER' }),
  successor: Type.String({ description: 'INSTANCE/CLASS/MEMBER' }),
  dualRunningFrom: Day,
  dualRunningUntil: Day,
});
export type ConfigurationSuccession = Static<typeof ConfigurationSuccession>;

export const FederationConfiguration = Type.Object({
  format: Type.Literal('joinery-federation-configuration/1'),
  instance: Type.String({ description: 'The federation’s code, the first part of every identifier' }),
  name: Type.String(),
  serial: Type.Integer({ minimum: 1, description: 'Version: each publication increases it' }),
  issuedAt: Instant,
  expiresAt: Instant,
  authority: Type.Object({ configurationUrl: Type.String(), signingKeys: Type.Array(SigningKey) }),
  certificationAuthorities: Type.Array(Type.Object({ name: Type.String(), certificatePem: Pem, isExternal: Type.Boolean() })),
  timestampingServices: Type.Array(Type.Object({ name: Type.String(), url: Type.String(), certificatePem: Pem })),
  members: Type.Array(ConfigurationMember),
  gateways: Type.Array(ConfigurationGateway),
  services: Type.Array(ConfigurationService),
  grants: Type.Array(ConfigurationGrant),
  successions: Type.Array(ConfigurationSuccession),
  revokedCertificates: Type.Array(Type.Object({ serialNumber: Type.String(), revokedAt: Instant, reason: Type.String() })),
  trustedFederations: Type.Array(
    Type.Object({
      instance: Type.String(),
      name: Type.String(),
      configurationUrl: Type.String(),
      signingKeys: Type.Array(SigningKey),
    }),
  ),
});
export type FederationConfiguration = Static<typeof FederationConfiguration>;

/** What the authority serves: the configuration and its detached Ed25519 signature over its RFC 8785 (JCS) form. */
export const SignedConfiguration = Type.Object({
  configuration: FederationConfiguration,
  signature: Type.Object({
    keyId: Type.String(),
    algorithm: Type.Literal('ed25519'),
    value: Type.String({ description: 'base64 Ed25519 signature over JCS(configuration)' }),
  }),
});
export type SignedConfiguration = Static<typeof SignedConfiguration>;

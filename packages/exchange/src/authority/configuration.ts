/**
 * The federation configuration (X-Road's global configuration): assembled from the tables,
 * signed with the federation's configuration key (JCS + Ed25519, configuration/signature.ts)
 * and stored under the next serial. Every change that a gateway routes by publishes a new one,
 * in the same transaction as the change, so a gateway never sees a change half made.
 *
 * What goes in: every member (revoked ones too, marked, so gateways refuse them by name) with
 * its subsystems; active gateways with their newest unrevoked auth and sign certificates;
 * enabled services with their operations and the SHA-256 of their OpenAPI document; approved
 * grants, expired ones included with their dates (gateways refuse those with the reason);
 * successions (during dual running a gateway treats a successor's subsystem as holding its
 * predecessor's grants for the same subsystem code; afterwards calls to the predecessor are
 * answered Server.ClientProxy.SuccessionEnded); revoked certificates; the CA and timestamping
 * certificates, and the external CAs the operators trust; trusted federations with their anchors.
 */
import { Value } from 'typebox/value';
import { FederationConfiguration, type SignedConfiguration, type SigningKey } from '../configuration/model.ts';
import { signConfiguration } from '../configuration/signature.ts';
import { formatGatewayId, formatMemberId, formatServiceId } from '../identifiers.ts';
import { auditAs, type Actor } from './actor.ts';
import { openAuthorityKey } from './authority-keys.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findHostedFederation } from './lookups.ts';
import type { AuthorityDb } from './tables.ts';
import type { ConfigurationAnchor } from './model.ts';

const iso = (value: Date | string) => new Date(value).toISOString();
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Where a hosted federation's endpoints live: its configuration URL without the last segment. */
export const federationBaseUrl = (configurationUrl: string) => configurationUrl.replace(/\/configuration$/, '');

/** The authority's current configuration-signing keys (the anchor gateways pin). */
export async function signingKeysOf(db: AuthorityDb, federationCode: string): Promise<SigningKey[]> {
  const rows = await db
    .selectFrom('exchange_authority_keys')
    .select(['key_id', 'public_key_pem'])
    .where('federation_code', '=', federationCode)
    .where('purpose', '=', 'configuration')
    .where('retired_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ keyId: r.key_id, publicKeyPem: r.public_key_pem }));
}

/**
 * The configuration as the tables say it is now, with the next serial (not yet signed or stored).
 * @example const configuration = await buildConfiguration(authority.db, 'wessex', new Date());
 */
export async function buildConfiguration(db: AuthorityDb, federationCode: string, now: Date): Promise<FederationConfiguration> {
  const federation = await findHostedFederation(db, federationCode);
  const [latest, keys, members, subsystems, gateways, certificates, services, operations, grants, successions, trusted, externalCas] =
    await Promise.all([
      db
        .selectFrom('exchange_configurations')
        .select((eb) => eb.fn.max('serial').as('serial'))
        .where('federation_code', '=', federationCode)
        .executeTakeFirst(),
      db
        .selectFrom('exchange_authority_keys')
        .selectAll()
        .where('federation_code', '=', federationCode)
        .where('retired_at', 'is', null)
        .orderBy('created_at')
        .execute(),
      db.selectFrom('exchange_members').selectAll().where('federation_code', '=', federationCode).execute(),
      db.selectFrom('exchange_subsystems').selectAll().where('federation_code', '=', federationCode).orderBy('code').execute(),
      db.selectFrom('exchange_gateways').selectAll().where('federation_code', '=', federationCode).where('status', '=', 'active').execute(),
      db
        .selectFrom('exchange_certificates')
        .selectAll()
        .where('federation_code', '=', federationCode)
        .orderBy('not_after', 'desc')
        .orderBy('serial_number')
        .execute(),
      db.selectFrom('exchange_services').selectAll().where('federation_code', '=', federationCode).where('is_enabled', '=', true).execute(),
      db
        .selectFrom('exchange_service_operations')
        .selectAll()
        .where('federation_code', '=', federationCode)
        .orderBy('operation_id')
        .execute(),
      db.selectFrom('exchange_grants').selectAll().where('federation_code', '=', federationCode).where('status', '=', 'approved').execute(),
      db.selectFrom('exchange_successions').selectAll().where('federation_code', '=', federationCode).execute(),
      db
        .selectFrom('exchange_trusted_federations')
        .selectAll()
        .where('federation_code', '=', federationCode)
        .orderBy('trusted_code')
        .execute(),
      db
        .selectFrom('exchange_external_cas')
        .select(['name', 'certificate_pem'])
        .where('federation_code', '=', federationCode)
        .where('removed_at', 'is', null)
        .orderBy('added_at')
        .orderBy('fingerprint_sha256')
        .execute(),
    ]);
  const memberIds = new Map(
    members.map((m) => [
      m.member_code,
      formatMemberId({ instance: federationCode, memberClass: m.member_class, memberCode: m.member_code }),
    ]),
  );
  const memberClass = (code: string) => members.find((m) => m.member_code === code)?.member_class ?? 'GOV';
  const current = (memberCode: string, gatewayCode: string, usage: 'auth' | 'sign') =>
    certificates.find(
      (c) => c.member_code === memberCode && c.gateway_code === gatewayCode && c.usage === usage && !c.revoked_at && c.not_after > now,
    );
  const serviceIdOf = (s: { member_code: string; subsystem_code: string; service_code: string; service_version: string }) =>
    formatServiceId({
      instance: federationCode,
      memberClass: memberClass(s.member_code),
      memberCode: s.member_code,
      subsystemCode: s.subsystem_code,
      serviceCode: s.service_code,
      serviceVersion: s.service_version || undefined,
    });
  const base = federationBaseUrl(federation.configuration_url);
  const configuration: FederationConfiguration = {
    format: 'joinery-federation-configuration/1',
    instance: federationCode,
    name: federation.name,
    serial: Number(latest?.serial ?? 0) + 1,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + federation.configuration_validity_hours * 3_600_000).toISOString(),
    authority: {
      configurationUrl: federation.configuration_url,
      signingKeys: keys.filter((k) => k.purpose === 'configuration').map((k) => ({ keyId: k.key_id, publicKeyPem: k.public_key_pem })),
    },
    certificationAuthorities: keys
      .filter((k) => k.purpose === 'certification' && k.certificate_pem)
      .map((k) => ({ name: `${federation.name} certification authority`, certificatePem: k.certificate_pem!, isExternal: false }))
      .concat(externalCas.map((c) => ({ name: c.name, certificatePem: c.certificate_pem, isExternal: true }))),
    timestampingServices: keys
      .filter((k) => k.purpose === 'timestamping' && k.certificate_pem)
      .map((k) => ({ name: `${federation.name} timestamping`, url: `${base}/timestamps`, certificatePem: k.certificate_pem! })),
    members: members
      .map((m) => ({
        id: memberIds.get(m.member_code)!,
        name: m.name,
        organisationCode: m.organisation_code ?? '',
        status: m.status,
        ...(m.revoked_at ? { revokedAt: iso(m.revoked_at) } : {}),
        subsystems: subsystems.filter((s) => s.member_code === m.member_code).map((s) => ({ code: s.code, name: s.name })),
      }))
      .sort(byId),
    gateways: gateways
      .filter((g) => members.find((m) => m.member_code === g.member_code)?.status === 'active')
      .flatMap((g) => {
        const auth = current(g.member_code, g.gateway_code, 'auth');
        const sign = current(g.member_code, g.gateway_code, 'sign');
        if (!auth || !sign) return [];
        const id = formatGatewayId({
          instance: federationCode,
          memberClass: memberClass(g.member_code),
          memberCode: g.member_code,
          gatewayCode: g.gateway_code,
        });
        return [{ id, address: g.address, authCertificatePem: auth.certificate_pem, signCertificatePem: sign.certificate_pem }];
      })
      .sort(byId),
    services: services
      .map((s) => ({
        id: serviceIdOf(s),
        title: s.title,
        gatewayId: formatGatewayId({
          instance: federationCode,
          memberClass: memberClass(s.member_code),
          memberCode: s.member_code,
          gatewayCode: s.gateway_code,
        }),
        openApiSha256: s.openapi_sha256,
        operations: operations
          .filter(
            (o) =>
              o.member_code === s.member_code &&
              o.subsystem_code === s.subsystem_code &&
              o.service_code === s.service_code &&
              o.service_version === s.service_version,
          )
          .map((o) => ({ operationId: o.operation_id, method: o.method, path: o.path })),
      }))
      .sort(byId),
    grants: grants
      .map((g) => ({
        id: g.id,
        client: g.client_id,
        service: serviceIdOf(g),
        operations: [...g.operations].sort(),
        purpose: g.purpose,
        lawfulBasis: g.lawful_basis,
        agreement: g.agreement,
        validFrom: g.valid_from,
        expiresOn: g.expires_on,
        recertifyBy: g.recertify_by,
        approvedBy: g.decided_by ?? '',
        approvedAt: iso(g.decided_at ?? g.proposed_at),
      }))
      .sort(byId),
    successions: successions
      .map((s) => ({
        predecessor: memberIds.get(s.predecessor_code)!,
        successor: memberIds.get(s.successor_code)!,
        dualRunningFrom: s.dual_running_from,
        dualRunningUntil: s.dual_running_until,
      }))
      .sort((a, b) => (a.predecessor < b.predecessor ? -1 : 1)),
    revokedCertificates: certificates
      .filter((c) => c.revoked_at)
      .map((c) => ({ serialNumber: c.serial_number, revokedAt: iso(c.revoked_at!), reason: c.revoked_reason ?? '' }))
      .sort((a, b) => (a.serialNumber < b.serialNumber ? -1 : 1)),
    trustedFederations: trusted.map((t) => ({
      instance: t.trusted_code,
      name: t.name,
      configurationUrl: t.configuration_url,
      signingKeys: t.signing_keys,
    })),
  };
  if (!Value.Check(FederationConfiguration, configuration)) {
    const first = [...Value.Errors(FederationConfiguration, configuration)][0];
    throw new Error(`The configuration built for ${federationCode} is not well formed: ${first?.instancePath} ${first?.message}`);
  }
  return configuration;
}

/**
 * Signs and stores the next configuration. Pass the transaction of the change that needs it.
 * The federation row is locked first, so two publications never take the same serial.
 * @example const signed = await publishConfiguration(authority, actor, 'wessex');
 */
export async function publishConfiguration(
  authority: AuthorityContext,
  actor: Actor | null,
  federationCode: string,
  db: AuthorityDb = authority.db,
): Promise<SignedConfiguration> {
  const publish = async (trx: AuthorityDb) => {
    await findHostedFederation(trx, federationCode, { forUpdate: true });
    const configuration = await buildConfiguration(trx, federationCode, authority.now());
    const key = await openAuthorityKey(authority, trx, federationCode, 'configuration');
    const signed = signConfiguration(configuration, key.privateKey);
    await trx
      .insertInto('exchange_configurations')
      .values({
        federation_code: federationCode,
        serial: configuration.serial,
        signed_document: JSON.stringify(signed),
        published_at: configuration.issuedAt,
        // Published by hand: who did it; automatically after a change: empty (the change is audited).
        published_by: actor ? (actor.kind === 'user' ? actor.user.username : actor.via) : null,
      })
      .execute();
    if (actor)
      await auditAs(trx, actor, {
        action: 'exchange.configuration.publish',
        subjectType: 'exchange-federation',
        subjectId: federationCode,
        details: { serial: configuration.serial },
      });
    return signed;
  };
  return db.isTransaction ? publish(db) : db.transaction().execute(publish);
}

/** The latest signed configuration, or undefined before the first publication. */
export async function latestConfiguration(authority: AuthorityContext, federationCode: string): Promise<SignedConfiguration | undefined> {
  await findHostedFederation(authority.db, federationCode);
  const row = await authority.db
    .selectFrom('exchange_configurations')
    .select('signed_document')
    .where('federation_code', '=', federationCode)
    .orderBy('serial', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.signed_document as SignedConfiguration | undefined;
}

/** One published configuration by its serial (gateways and auditors fetch old ones to check evidence). */
export async function configurationBySerial(
  authority: AuthorityContext,
  federationCode: string,
  serial: number,
): Promise<SignedConfiguration> {
  await findHostedFederation(authority.db, federationCode);
  const row = Number.isInteger(serial)
    ? await authority.db
        .selectFrom('exchange_configurations')
        .select('signed_document')
        .where('federation_code', '=', federationCode)
        .where('serial', '=', serial)
        .executeTakeFirst()
    : undefined;
  if (!row)
    throw authorityError('EXCHANGE_CONFIGURATION_UNKNOWN', `Federation "${federationCode}" has published no configuration ${serial}`);
  return row.signed_document as SignedConfiguration;
}

/** What a gateway pins (and another authority records to trust this one): where to fetch, and which keys sign. */
export async function federationAnchor(authority: AuthorityContext, federationCode: string): Promise<ConfigurationAnchor> {
  const federation = await findHostedFederation(authority.db, federationCode);
  return {
    instance: federation.code,
    name: federation.name,
    configurationUrl: federation.configuration_url,
    signingKeys: await signingKeysOf(authority.db, federationCode),
  };
}

/**
 * Finding services: by key (member, subsystem, code, version) or by X-Road service id, the
 * federation's catalogue with every operation, and the OpenAPI document a gateway fetches to
 * check against the hash in the configuration.
 */
import { formatServiceId, parseServiceId } from '../identifiers.ts';
import { shown } from './checks.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findHostedFederation } from './lookups.ts';
import type { Service } from './model.ts';
import type { AuthorityDb } from './tables.ts';

export interface ServiceKey {
  federationCode: string;
  memberCode: string;
  subsystemCode: string;
  serviceCode: string;
  /** Empty or absent when unversioned. */
  serviceVersion?: string;
}

export const keyWhere = (key: ServiceKey) =>
  [
    ['federation_code', key.federationCode],
    ['member_code', key.memberCode],
    ['subsystem_code', key.subsystemCode],
    ['service_code', key.serviceCode],
    ['service_version', key.serviceVersion ?? ''],
  ] as const;

/** The key of a service id in a federation, or EXCHANGE_ID_INVALID. */
export function serviceKeyOf(federationCode: string, serviceId: string): ServiceKey & { memberClass: string } {
  const id = parseServiceId(serviceId);
  if (!id)
    throw authorityError(
      'EXCHANGE_ID_INVALID',
      `"${shown(String(serviceId))}" is not a service id INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]`,
    );
  if (id.instance !== federationCode)
    throw authorityError('EXCHANGE_SERVICE_UNKNOWN', `${serviceId} is a service of federation ${id.instance}, not ${federationCode}`);
  return {
    federationCode,
    memberClass: id.memberClass,
    memberCode: id.memberCode,
    subsystemCode: id.subsystemCode,
    serviceCode: id.serviceCode,
    serviceVersion: id.serviceVersion ?? '',
  };
}

export async function findService(db: AuthorityDb, key: ServiceKey) {
  let query = db.selectFrom('exchange_services').selectAll();
  for (const [column, value] of keyWhere(key)) query = query.where(column, '=', value);
  const row = await query.executeTakeFirst();
  if (!row)
    throw authorityError(
      'EXCHANGE_SERVICE_UNKNOWN',
      `Federation "${key.federationCode}" has no service ${key.memberCode}/${key.subsystemCode}/${key.serviceCode}${key.serviceVersion ? `/${key.serviceVersion}` : ''}`,
    );
  return row;
}

/** Every service of a federation (or of one member), with its operations. */
export async function listServices(
  authority: AuthorityContext,
  federationCode: string,
  filter: { memberCode?: string } = {},
): Promise<Service[]> {
  await findHostedFederation(authority.db, federationCode);
  let query = authority.db
    .selectFrom('exchange_services as s')
    .innerJoin('exchange_members as m', (j) =>
      j.onRef('m.federation_code', '=', 's.federation_code').onRef('m.member_code', '=', 's.member_code'),
    )
    .select([
      's.member_code',
      's.subsystem_code',
      's.service_code',
      's.service_version',
      's.gateway_code',
      's.title',
      's.openapi_sha256',
      's.is_enabled',
      's.created_at',
      's.updated_at',
      'm.member_class',
    ])
    .where('s.federation_code', '=', federationCode)
    .orderBy('s.member_code')
    .orderBy('s.subsystem_code')
    .orderBy('s.service_code')
    .orderBy('s.service_version');
  if (filter.memberCode) query = query.where('s.member_code', '=', filter.memberCode);
  const [rows, operations] = await Promise.all([
    query.execute(),
    authority.db
      .selectFrom('exchange_service_operations')
      .selectAll()
      .where('federation_code', '=', federationCode)
      .orderBy('path')
      .orderBy('method')
      .execute(),
  ]);
  return rows.map((s) => ({
    id: formatServiceId({
      instance: federationCode,
      memberClass: s.member_class,
      memberCode: s.member_code,
      subsystemCode: s.subsystem_code,
      serviceCode: s.service_code,
      serviceVersion: s.service_version || undefined,
    }),
    memberCode: s.member_code,
    subsystemCode: s.subsystem_code,
    serviceCode: s.service_code,
    serviceVersion: s.service_version,
    gatewayCode: s.gateway_code,
    title: s.title,
    openApiSha256: s.openapi_sha256,
    isEnabled: s.is_enabled,
    operations: operations
      .filter(
        (o) =>
          o.member_code === s.member_code &&
          o.subsystem_code === s.subsystem_code &&
          o.service_code === s.service_code &&
          o.service_version === s.service_version,
      )
      .map((o) => ({ operationId: o.operation_id, method: o.method, path: o.path })),
    createdAt: new Date(s.created_at).toISOString(),
    updatedAt: new Date(s.updated_at).toISOString(),
  }));
}

export async function getService(authority: AuthorityContext, federationCode: string, serviceId: string): Promise<Service> {
  const key = serviceKeyOf(federationCode, serviceId);
  const found = (await listServices(authority, federationCode, { memberCode: key.memberCode })).find(
    (s) => s.subsystemCode === key.subsystemCode && s.serviceCode === key.serviceCode && s.serviceVersion === (key.serviceVersion ?? ''),
  );
  if (!found || found.id !== serviceId)
    throw authorityError('EXCHANGE_SERVICE_UNKNOWN', `Federation "${federationCode}" has no service ${shown(serviceId)}`);
  return found;
}

/** The OpenAPI document as stored, and its hash (what a gateway fetches to check against the configuration). */
export async function serviceDescription(
  authority: AuthorityContext,
  federationCode: string,
  serviceId: string,
): Promise<{ document: Record<string, unknown>; sha256: string }> {
  await findHostedFederation(authority.db, federationCode);
  const key = serviceKeyOf(federationCode, serviceId);
  const row = await findService(authority.db, key);
  const member = await authority.db
    .selectFrom('exchange_members')
    .select('member_class')
    .where('federation_code', '=', federationCode)
    .where('member_code', '=', key.memberCode)
    .executeTakeFirst();
  if (member?.member_class !== key.memberClass)
    throw authorityError('EXCHANGE_SERVICE_UNKNOWN', `Federation "${federationCode}" has no service ${shown(serviceId)}`);
  return { document: row.openapi_document, sha256: row.openapi_sha256 };
}

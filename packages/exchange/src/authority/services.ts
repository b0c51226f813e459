/**
 * Services: REST APIs a provider offers through one of its gateways, each described by an
 * OpenAPI 3.1 document whose operations are what grants name. Only the provider's own
 * administrators register, change and disable them. A changed description gets a new hash in
 * the next configuration (gateways fetch the document and check it); a change that would drop
 * operations named by a live grant (proposed or approved) is refused, naming the grants.
 */
import { Problems } from '@joinery/core';
import { formatServiceId } from '../identifiers.ts';
import { auditAs, mustBeAllowed, type Actor } from './actor.ts';
import { checkPart, checkText } from './checks.ts';
import { publishConfiguration } from './configuration.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findActiveMember, findGateway, findHostedFederation, findSubsystem } from './lookups.ts';
import { checkOpenApiDescription, type CheckedDescription } from './openapi-description.ts';
import type { AuthorityDb } from './tables.ts';
import type { Service, ServiceOperation, ServiceRegistration } from './model.ts';
import { findService, getService, keyWhere, serviceKeyOf, type ServiceKey } from './service-catalogue.ts';

async function insertOperations(db: AuthorityDb, key: ServiceKey, operations: ServiceOperation[]) {
  // 8 parameters a row: batches of 500 stay well inside PostgreSQL's 65,535.
  for (let i = 0; i < operations.length; i += 500)
    await db
      .insertInto('exchange_service_operations')
      .values(
        operations.slice(i, i + 500).map((o) => ({
          federation_code: key.federationCode,
          member_code: key.memberCode,
          subsystem_code: key.subsystemCode,
          service_code: key.serviceCode,
          service_version: key.serviceVersion ?? '',
          operation_id: o.operationId,
          method: o.method,
          path: o.path,
        })),
      )
      .execute();
}

/**
 * @example await registerService(authority, actor, { federationCode: 'wessex', memberCode: 'wessex-council', subsystemCode: 'addresses', serviceCode: 'address-lookup', gatewayCode: 'gw1', title: 'Address lookup', openApi });
 */
export async function registerService(
  authority: AuthorityContext,
  actor: Actor,
  input: ServiceKey & { gatewayCode: string; title: string; openApi: unknown },
): Promise<ServiceRegistration> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  checkPart(problems, 'serviceCode', 'the service code', input.serviceCode);
  if (input.serviceVersion) checkPart(problems, 'serviceVersion', 'the service version', input.serviceVersion);
  checkPart(problems, 'gatewayCode', 'the gateway code', input.gatewayCode);
  const title = checkText(problems, 'title', 'the service’s title', input.title, 200);
  if (!problems.isEmpty) throw authorityError('EXCHANGE_SERVICE_INVALID', 'The service cannot be registered', problems.list);
  const member = await findActiveMember(db, federation.code, input.memberCode);
  await findSubsystem(db, federation.code, member.member_code, input.subsystemCode);
  const gateway = await findGateway(db, federation.code, member.member_code, input.gatewayCode);
  if (gateway.status === 'revoked')
    throw authorityError('EXCHANGE_GATEWAY_REVOKED', `Gateway ${input.gatewayCode} of ${member.id} has been revoked: choose another`);
  const key: ServiceKey = { ...input, federationCode: federation.code, serviceVersion: input.serviceVersion ?? '' };
  const id = formatServiceId({
    instance: federation.code,
    memberClass: member.member_class,
    memberCode: member.member_code,
    subsystemCode: key.subsystemCode,
    serviceCode: key.serviceCode,
    serviceVersion: key.serviceVersion || undefined,
  });
  await mustBeAllowed(db, actor, {
    administrators: [member.organisation_code],
    doing: `register services of ${member.id}`,
    who: `an administrator of ${member.organisation_code} (the provider)`,
    subjectType: 'exchange-service',
    subjectId: id,
  });
  const description = checkOpenApiDescription(input.openApi);
  const exists = await findService(db, key).then(
    () => true,
    () => false,
  );
  if (exists) throw authorityError('EXCHANGE_SERVICE_EXISTS', `${id} is already registered: update it instead`);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('exchange_services')
      .values({
        federation_code: key.federationCode,
        member_code: key.memberCode,
        subsystem_code: key.subsystemCode,
        service_code: key.serviceCode,
        service_version: key.serviceVersion ?? '',
        gateway_code: input.gatewayCode,
        title,
        openapi_document: JSON.stringify(description.document),
        openapi_sha256: description.sha256,
      })
      .execute();
    await insertOperations(trx, key, description.operations);
    await auditAs(trx, actor, {
      action: 'exchange.service.register',
      organisationCode: member.organisation_code,
      subjectType: 'exchange-service',
      subjectId: id,
      details: {
        title,
        gateway: input.gatewayCode,
        openApiSha256: description.sha256,
        operations: description.operations.length,
        derivedOperationIds: description.derivedOperationIds,
      },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
  return { service: await getService(authority, federation.code, id), derivedOperationIds: description.derivedOperationIds };
}

/** Changes a service's title, gateway or description (its provider's administrators); publishes. */
export async function updateService(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; serviceId: string; title?: string; gatewayCode?: string; openApi?: unknown },
): Promise<ServiceRegistration> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const key = serviceKeyOf(federation.code, input.serviceId);
  const member = await findActiveMember(db, federation.code, key.memberCode);
  const row = await findService(db, key);
  await mustBeAllowed(db, actor, {
    administrators: [member.organisation_code],
    doing: `change services of ${member.id}`,
    who: `an administrator of ${member.organisation_code} (the provider)`,
    subjectType: 'exchange-service',
    subjectId: input.serviceId,
  });
  const problems = new Problems();
  const title = input.title === undefined ? row.title : checkText(problems, 'title', 'the service’s title', input.title, 200);
  if (input.gatewayCode !== undefined) checkPart(problems, 'gatewayCode', 'the gateway code', input.gatewayCode);
  if (!problems.isEmpty) throw authorityError('EXCHANGE_SERVICE_INVALID', 'The service cannot be changed', problems.list);
  const gatewayCode = input.gatewayCode ?? row.gateway_code;
  if (input.gatewayCode !== undefined) {
    const gateway = await findGateway(db, federation.code, member.member_code, gatewayCode);
    if (gateway.status === 'revoked')
      throw authorityError('EXCHANGE_GATEWAY_REVOKED', `Gateway ${gatewayCode} of ${member.id} has been revoked: choose another`);
  }
  const description: CheckedDescription | undefined = input.openApi === undefined ? undefined : checkOpenApiDescription(input.openApi);
  if (description) await mustKeepGrantedOperations(db, key, input.serviceId, description.operations);
  await db.transaction().execute(async (trx) => {
    let update = trx.updateTable('exchange_services').set({
      title,
      gateway_code: gatewayCode,
      updated_at: authority.now(),
      ...(description ? { openapi_document: JSON.stringify(description.document), openapi_sha256: description.sha256 } : {}),
    });
    for (const [column, value] of keyWhere(key)) update = update.where(column, '=', value);
    await update.execute();
    if (description) {
      let remove = trx.deleteFrom('exchange_service_operations');
      for (const [column, value] of keyWhere(key)) remove = remove.where(column, '=', value);
      await remove.execute();
      await insertOperations(trx, key, description.operations);
    }
    await auditAs(trx, actor, {
      action: 'exchange.service.update',
      organisationCode: member.organisation_code,
      subjectType: 'exchange-service',
      subjectId: input.serviceId,
      details: {
        title,
        gateway: gatewayCode,
        ...(description ? { openApiSha256: description.sha256, previousSha256: row.openapi_sha256 } : {}),
      },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
  return {
    service: await getService(authority, federation.code, input.serviceId),
    derivedOperationIds: description?.derivedOperationIds ?? [],
  };
}

async function mustKeepGrantedOperations(db: AuthorityDb, key: ServiceKey, serviceId: string, operations: ServiceOperation[]) {
  let query = db.selectFrom('exchange_grants').select(['id', 'operations']).where('status', 'in', ['proposed', 'approved']);
  for (const [column, value] of keyWhere(key)) query = query.where(column, '=', value);
  const ids = new Set(operations.map((o) => o.operationId));
  const problems = (await query.execute()).flatMap((g) =>
    g.operations
      .filter((o) => o !== '*' && !ids.has(o))
      .map((o) => ({
        field: 'openApi',
        message: `Grant ${g.id} names operation "${o}", which the new description does not have: revoke or supersede the grant first`,
      })),
  );
  if (problems.length)
    throw authorityError(
      'EXCHANGE_OPENAPI_INVALID',
      `The new description of ${serviceId} drops operations that access rights name`,
      problems,
    );
}

/** Takes a service out of the configuration, or puts it back (its provider's administrators); publishes. */
export async function setServiceEnabled(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; serviceId: string; isEnabled: boolean },
): Promise<Service> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const key = serviceKeyOf(federation.code, input.serviceId);
  const member = await findActiveMember(db, federation.code, key.memberCode);
  const row = await findService(db, key);
  await mustBeAllowed(db, actor, {
    administrators: [member.organisation_code],
    doing: `${input.isEnabled ? 'enable' : 'disable'} services of ${member.id}`,
    who: `an administrator of ${member.organisation_code} (the provider)`,
    subjectType: 'exchange-service',
    subjectId: input.serviceId,
  });
  if (row.is_enabled !== input.isEnabled)
    await db.transaction().execute(async (trx) => {
      let update = trx.updateTable('exchange_services').set({ is_enabled: input.isEnabled, updated_at: authority.now() });
      for (const [column, value] of keyWhere(key)) update = update.where(column, '=', value);
      await update.execute();
      await auditAs(trx, actor, {
        action: input.isEnabled ? 'exchange.service.enable' : 'exchange.service.disable',
        organisationCode: member.organisation_code,
        subjectType: 'exchange-service',
        subjectId: input.serviceId,
      });
      await publishConfiguration(authority, null, federation.code, trx);
    });
  return getService(authority, federation.code, input.serviceId);
}

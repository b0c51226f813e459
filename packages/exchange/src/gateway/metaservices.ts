/**
 * X-Road's REST metaservices, answered from the signed configuration the gateway holds:
 *   GET /listClients[?xRoadInstance=…]                      members and subsystems
 *   GET /r1/{providerSubsystem}/listMethods                   the subsystem's services
 *   GET /r1/{providerSubsystem}/allowedMethods                those the calling client may use
 *   GET /r1/{providerSubsystem}/getOpenAPI?serviceCode=…      a service's OpenAPI 3.1 description
 * and one of our own, GET /gateway/allowed-services (every service the client may call,
 * across the federations in view). Shapes follow X-Road's JSON (snake_case ids, object_type).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../configuration/signature.ts';
import { fault } from '../faults.ts';
import { parseMemberId, parseServiceId, parseSubsystemId } from '../identifiers.ts';
import { decideAccess } from './access.ts';
import type { ConfigurationView } from './configuration-view.ts';

export const METASERVICES = ['listMethods', 'allowedMethods', 'getOpenAPI'] as const;

function serviceEntry(serviceId: string, title: string) {
  const id = parseServiceId(serviceId)!;
  return {
    object_type: 'SERVICE',
    xroad_instance: id.instance,
    member_class: id.memberClass,
    member_code: id.memberCode,
    subsystem_code: id.subsystemCode,
    service_code: id.serviceCode,
    service_type: 'REST',
    title,
  };
}

export function listClients(view: ConfigurationView, instance: string | null) {
  const member = [];
  for (const m of view.allMembers()) {
    const id = parseMemberId(m.id)!;
    if (instance && id.instance !== instance) continue;
    if (m.status !== 'active') continue;
    const base = { xroad_instance: id.instance, member_class: id.memberClass, member_code: id.memberCode };
    member.push({ id: { ...base, object_type: 'MEMBER' }, name: m.name });
    for (const s of m.subsystems) member.push({ id: { ...base, subsystem_code: s.code, object_type: 'SUBSYSTEM' }, name: s.name });
  }
  return { member };
}

export function listMethods(view: ConfigurationView, subsystemId: string) {
  return {
    service: view
      .allServices()
      .filter((s) => s.id.startsWith(`${subsystemId}/`))
      .map((s) => serviceEntry(s.id, s.title)),
  };
}

/** Services (and their operations) the client holds a current access right to. */
export function allowedMethods(view: ConfigurationView, clientId: string, subsystemId: string | undefined, now: Date) {
  const service = [];
  for (const s of view.allServices()) {
    if (subsystemId && !s.id.startsWith(`${subsystemId}/`)) continue;
    const operations = s.operations
      .filter((o) => decideAccess(view, { clientId, serviceId: s.id, operationId: o.operationId, side: 'client', now }).isAllowed)
      .map((o) => ({ operation_id: o.operationId, method: o.method, path: o.path }));
    if (operations.length > 0) service.push({ ...serviceEntry(s.id, s.title), endpoint_list: operations });
  }
  return { service };
}

/** Fetches the description from the authority and checks it is the one the configuration names. */
export async function getOpenApi(
  view: ConfigurationView,
  subsystemId: string,
  serviceCode: string | null,
  fetchImpl: typeof fetch = fetch,
): Promise<unknown> {
  const subsystem = parseSubsystemId(subsystemId);
  if (!subsystem || !serviceCode) throw fault('Client.InvalidRequest', 'Give ?serviceCode= for a service of this subsystem');
  const service = view.service(`${subsystemId}/${serviceCode}`);
  if (!service) throw fault('Server.ClientProxy.UnknownService', `${subsystemId} offers no service ${serviceCode.slice(0, 100)}`);
  const configuration = view.federations.get(subsystem.instance)!;
  const base = configuration.authority.configurationUrl.replace(/\/configuration$/, '');
  const response = await fetchImpl(`${base}/services/${service.id}/openapi`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok)
    throw fault('Server.ClientProxy.NetworkError', `The authority answered ${response.status} for ${service.id}'s description`);
  const document: unknown = await response.json();
  const digest = createHash('sha256').update(canonicalJson(document)).digest('hex');
  if (digest !== service.openApiSha256)
    throw fault(
      'Server.ClientProxy.InvalidSignature',
      `The description served for ${service.id} is not the one the signed configuration names (SHA-256 ${digest.slice(0, 12)}… ≠ ${service.openApiSha256.slice(0, 12)}…)`,
    );
  return document;
}

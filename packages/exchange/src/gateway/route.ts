/**
 * Where a call goes: the service named in the path, the provider gateway that serves it, and —
 * when the provider has been succeeded in a reorganisation — what the caller must be told.
 * During dual running the predecessor's service still answers and every answer says who its
 * successor is (`Deprecation`, RFC 9745; `Sunset`, RFC 8594; `Link: rel="successor-version"`).
 * When the predecessor no longer offers the service (or dual running is over) and the successor
 * offers the same subsystem and service code, the call goes to the successor's, and says so.
 * Otherwise the caller gets a 410 naming the successor: told, not broken.
 */
import type { ConfigurationService, ConfigurationSuccession } from '../configuration/model.ts';
import { fault, type ExchangeFault } from '../faults.ts';
import { formatMemberId, formatServiceId, parseServiceId, type ServiceId } from '../identifiers.ts';
import type { ConfigurationView, IndexedGateway } from './configuration-view.ts';

export interface SuccessionNotice {
  successor: string;
  dualRunningFrom: string;
  dualRunningUntil: string;
  /** The successor's service the call was routed to, when it was. */
  routedTo?: string;
}

export type Route =
  | { isRoutable: true; service: ConfigurationService; gateway: IndexedGateway; notice?: SuccessionNotice }
  | { isRoutable: false; fault: ExchangeFault };

const day = (at: Date): string => at.toISOString().slice(0, 10);

function serviceAtSuccessor(view: ConfigurationView, id: ServiceId, succession: ConfigurationSuccession): ConfigurationService | undefined {
  const successor = succession.successor.split('/');
  const moved: ServiceId = { ...id, instance: successor[0]!, memberClass: successor[1]!, memberCode: successor[2]! };
  return view.service(formatServiceId(moved));
}

const noticeOf = (s: ConfigurationSuccession): SuccessionNotice => ({
  successor: s.successor,
  dualRunningFrom: s.dualRunningFrom,
  dualRunningUntil: s.dualRunningUntil,
});

export function routeService(view: ConfigurationView, serviceIdText: string, now: Date): Route {
  const id = parseServiceId(serviceIdText);
  if (!id)
    return { isRoutable: false, fault: fault('Client.InvalidServiceIdentifier', `"${serviceIdText.slice(0, 200)}" is not a service id`) };
  if (!view.federations.has(id.instance))
    return {
      isRoutable: false,
      fault: fault('Server.ClientProxy.UnknownMember', `No federation ${id.instance} is trusted by this gateway's authority`),
    };
  const memberId = formatMemberId(id);
  const member = view.member(memberId);
  if (!member)
    return { isRoutable: false, fault: fault('Server.ClientProxy.UnknownMember', `Federation ${id.instance} has no member ${memberId}`) };
  const succession = view.successionOf(memberId);
  const isDualRunning = succession !== undefined && day(now) <= succession.dualRunningUntil;
  const own = view.service(serviceIdText);

  const gatewayFor = (service: ConfigurationService, notice?: SuccessionNotice): Route => {
    const gateway = view.gateway(service.gatewayId);
    if (!gateway)
      return {
        isRoutable: false,
        fault: fault(
          'Server.ClientProxy.UnknownService',
          `The gateway ${service.gatewayId} serving ${service.id} is not in the configuration (it has not enrolled, or its certificates were revoked): its provider must enrol it again`,
        ),
      };
    return { isRoutable: true, service, gateway, ...(notice ? { notice } : {}) };
  };

  if (own && member.status === 'active' && (!succession || isDualRunning)) return gatewayFor(own, succession && noticeOf(succession));
  if (succession) {
    const moved = serviceAtSuccessor(view, id, succession);
    if (moved) return gatewayFor(moved, { ...noticeOf(succession), routedTo: moved.id });
    return {
      isRoutable: false,
      fault: fault(
        'Server.ClientProxy.SuccessionEnded',
        `${memberId} was succeeded by ${succession.successor}${isDualRunning ? '' : ` (dual running ended ${succession.dualRunningUntil})`}, which offers no service ${id.subsystemCode}/${id.serviceCode}`,
      ),
    };
  }
  if (member.status === 'revoked')
    return {
      isRoutable: false,
      fault: fault(
        'Server.ClientProxy.MemberRevoked',
        `${memberId} was revoked${member.revokedAt ? ` on ${member.revokedAt.slice(0, 10)}` : ''}`,
      ),
    };
  return { isRoutable: false, fault: fault('Server.ClientProxy.UnknownService', `${memberId} offers no service ${serviceIdText}`) };
}

/** Headers that tell a caller about a succession (added to the answer the caller's gateway returns). */
export function successionHeaders(notice: SuccessionNotice | undefined): Record<string, string> {
  if (!notice) return {};
  const sunset = new Date(`${notice.dualRunningUntil}T00:00:00Z`);
  sunset.setUTCDate(sunset.getUTCDate() + 1);
  const headers: Record<string, string> = {
    'x-joinery-successor': notice.successor,
    sunset: sunset.toUTCString(),
    deprecation: `@${Math.floor(Date.parse(`${notice.dualRunningFrom}T00:00:00Z`) / 1000)}`,
    link: `</r1/${notice.routedTo ?? notice.successor}>; rel="successor-version"`,
  };
  if (notice.routedTo) headers['x-joinery-routed-to'] = notice.routedTo;
  return headers;
}

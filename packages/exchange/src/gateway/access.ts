/**
 * May this client call this operation? Both gateways ask, from the same signed configuration:
 * the client's before it sends, the provider's before its system is called. A grant works from
 * its first day to the day before it expires; an expired grant says when it expired and which
 * agreement to renew. A successor's subsystem holds its predecessors' grants for the same
 * subsystem code (access rights carry across a reorganisation).
 */
import type { ConfigurationGrant } from '../configuration/model.ts';
import { fault, type ExchangeFault } from '../faults.ts';
import { formatMemberId, parseSubsystemId } from '../identifiers.ts';
import type { ConfigurationView } from './configuration-view.ts';

export type AccessDecision =
  { isAllowed: true; grant: ConfigurationGrant; viaPredecessor?: string; warnings: string[] } | { isAllowed: false; fault: ExchangeFault };

const day = (at: Date): string => at.toISOString().slice(0, 10);

/** The client ids whose grants this client may use: itself, and the same subsystem of each member it succeeded. */
function clientsActingAs(view: ConfigurationView, clientId: string): string[] {
  const client = parseSubsystemId(clientId);
  if (!client) return [clientId];
  const ids = [clientId];
  for (const succession of view.predecessorsOf(formatMemberId(client))) ids.push(`${succession.predecessor}/${client.subsystemCode}`);
  return ids;
}

export function decideAccess(
  view: ConfigurationView,
  input: { clientId: string; serviceId: string; operationId: string; side: 'client' | 'provider'; now: Date },
): AccessDecision {
  const proxy = input.side === 'client' ? 'Server.ClientProxy' : 'Server.ServerProxy';
  const today = day(input.now);
  const actingAs = clientsActingAs(view, input.clientId);
  const candidates = view
    .grantsFor(input.serviceId)
    .filter((grant) => actingAs.includes(grant.client) && (grant.operations.includes('*') || grant.operations.includes(input.operationId)));
  const current = candidates.find((grant) => grant.validFrom <= today && today < grant.expiresOn);
  if (current) {
    const warnings: string[] = [];
    if (current.recertifyBy < today) warnings.push(`grant ${current.id} was due for recertification on ${current.recertifyBy}`);
    const viaPredecessor = current.client === input.clientId ? undefined : current.client;
    return { isAllowed: true, grant: current, ...(viaPredecessor ? { viaPredecessor } : {}), warnings };
  }
  const expired = candidates.filter((grant) => grant.expiresOn <= today).sort((a, b) => b.expiresOn.localeCompare(a.expiresOn))[0];
  if (expired)
    return {
      isAllowed: false,
      fault: fault(
        `${proxy}.GrantExpired`,
        `Grant ${expired.id} for ${input.clientId} to call ${input.operationId} expired on ${expired.expiresOn}; it rested on "${expired.agreement}": ask the provider to renew it`,
      ),
    };
  const future = candidates.find((grant) => grant.validFrom > today);
  if (future)
    return {
      isAllowed: false,
      fault: fault(`${proxy}.AccessDenied`, `Grant ${future.id} for ${input.clientId} only starts on ${future.validFrom}`),
    };
  return {
    isAllowed: false,
    fault: fault(`${proxy}.AccessDenied`, `${input.clientId} has no access right to operation ${input.operationId} of ${input.serviceId}`),
  };
}

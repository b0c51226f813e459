/**
 * A hosted federation at a glance, for the overview and its summary page: its current
 * configuration, how many members, gateways, services and access rights it has, and what
 * needs attention. Warnings come from the authority: access rights expired or overdue for
 * recertification (listGrants, any signed-in user), and — for its operators, who alone may see
 * the operations overview — certificates ending within 30 days and gateways not reporting.
 */
import type { Actor } from '../authority/actor.ts';
import { latestConfiguration } from '../authority/configuration.ts';
import type { AuthorityContext } from '../authority/context.ts';
import { listGateways } from '../authority/gateways.ts';
import { listGrants } from '../authority/grants.ts';
import { listMembers } from '../authority/members.ts';
import type { Federation } from '../authority/model.ts';
import { operationsOverview } from '../authority/operations-overview.ts';
import { listServices } from '../authority/service-catalogue.ts';
import { dayInWords, instantInWords, mayOperate, plural, segment } from './page-kit.ts';

export interface FederationWarning {
  text: string;
  /** The federation page that deals with it (FEDERATION_SECTIONS key). */
  section: string;
}

export interface FederationStatus {
  federation: Federation;
  href: string;
  isOperator: boolean;
  /** The operating organisation's name as a member (its code when it is not one). */
  operatorName: string;
  configuration?: { serial: number; issuedAt: string; expiresAt: string; isExpired: boolean };
  counts: { members: number; revokedMembers: number; gateways: number; services: number; grants: number; proposedGrants: number };
  warnings: FederationWarning[];
}

/** @example const status = await federationStatus(authority, actorOf(request), federation); */
export async function federationStatus(authority: AuthorityContext, actor: Actor, federation: Federation): Promise<FederationStatus> {
  const code = federation.code;
  const href = `/exchange/federations/${segment(code)}`;
  const isOperator = mayOperate(actor, federation);
  const [latest, members, gateways, services, grants, operations] = await Promise.all([
    latestConfiguration(authority, code),
    listMembers(authority, code),
    listGateways(authority, code),
    listServices(authority, code),
    listGrants(authority, code),
    isOperator ? operationsOverview(authority, actor, code) : undefined,
  ]);
  const warnings: FederationWarning[] = [];
  const now = authority.now();
  if (latest && new Date(latest.configuration.expiresAt) <= now)
    warnings.push({
      text: `The configuration expired on ${instantInWords(latest.configuration.expiresAt)}: gateways refuse calls until one is published`,
      section: 'configuration',
    });
  for (const c of operations?.certificateWarnings ?? [])
    warnings.push({
      text: `The ${c.usage} certificate ${c.serialNumber.slice(0, 12)}…${c.gatewayCode ? ` of gateway ${c.memberCode}/${c.gatewayCode}` : ''} ${
        c.isExpired ? `expired on ${dayInWords(c.notAfter)}` : `ends on ${dayInWords(c.notAfter)} (in ${plural(c.daysLeft, 'day')})`
      }`,
      section: 'certificates',
    });
  for (const l of operations?.revocationListWarnings ?? [])
    warnings.push({
      text: `${l.name}’s revocation list was due again on ${dayInWords(l.nextUpdate)}: apply its current list, or certificates it has revoked since still work here`,
      section: 'certification-authorities',
    });
  for (const g of operations?.gateways ?? [])
    if (g.health === 'no certificate')
      warnings.push({
        text: `Gateway ${g.gatewayId} has no certificate in force (revoked or ended), so no one can reach it: issue it a new enrolment token and enrol it again in a new folder`,
        section: 'gateways',
      });
    else if (g.health === 'not reporting')
      warnings.push({
        text: `Gateway ${g.gatewayId} is not reporting${g.lastReportAt ? ` (last report ${instantInWords(g.lastReportAt)})` : ' (no report yet)'}`,
        section: 'gateways',
      });
  for (const g of grants.filter((grant) => grant.status === 'approved')) {
    if (g.isExpired)
      warnings.push({ text: `The access right of ${g.client} to ${g.service} expired on ${dayInWords(g.expiresOn)}`, section: 'grants' });
    else if (g.isRecertificationOverdue)
      warnings.push({
        text: `The access right of ${g.client} to ${g.service} was due for recertification by ${dayInWords(g.recertifyBy)}`,
        section: 'grants',
      });
  }
  const operator = members.find((m) => m.organisationCode === federation.operatorOrganisationCode);
  return {
    federation,
    href,
    isOperator,
    operatorName: operator ? operator.name : (federation.operatorOrganisationCode ?? ''),
    configuration: latest && {
      serial: latest.configuration.serial,
      issuedAt: latest.configuration.issuedAt,
      expiresAt: latest.configuration.expiresAt,
      isExpired: new Date(latest.configuration.expiresAt) <= now,
    },
    counts: {
      members: members.filter((m) => m.status === 'active').length,
      revokedMembers: members.filter((m) => m.status === 'revoked').length,
      gateways: gateways.filter((g) => g.status !== 'revoked').length,
      services: services.length,
      grants: grants.filter((g) => g.status === 'approved').length,
      proposedGrants: grants.filter((g) => g.status === 'proposed').length,
    },
    warnings,
  };
}

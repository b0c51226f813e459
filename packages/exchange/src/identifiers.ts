/**
 * X-Road's identifiers, so that integrators who know X-Road feel at home:
 *   member     INSTANCE/CLASS/MEMBER            e.g. wessex/GOV/casterbridge
 *   subsystem  INSTANCE/CLASS/MEMBER/SUBSYSTEM  e.g. wessex/GOV/casterbridge/housing
 *   service    …/SUBSYSTEM/SERVICE[/VERSION]    e.g. wessex/GOV/wessex-council/addresses/address-lookup/v1
 *   gateway    INSTANCE/CLASS/MEMBER/GATEWAY    (X-Road's security server id)
 * The instance is the federation's code. X-Road REST puts the service id in the path
 * (`/r1/{serviceId}/{path}`) and the client in the `X-Road-Client` header.
 */

/** Member classes, as X-Road's: GOV (public bodies), NHS, NGO (charities, housing associations), COM (companies). */
export const MEMBER_CLASSES = ['GOV', 'NHS', 'NGO', 'COM'] as const;
export type MemberClass = (typeof MEMBER_CLASSES)[number];

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export interface MemberId {
  instance: string;
  memberClass: string;
  memberCode: string;
}

export interface SubsystemId extends MemberId {
  subsystemCode: string;
}

export interface ServiceId extends SubsystemId {
  serviceCode: string;
  serviceVersion?: string;
}

export interface GatewayId extends MemberId {
  gatewayCode: string;
}

function parts(text: string, min: number, max: number): string[] | undefined {
  if (typeof text !== 'string' || text.length > 400) return undefined;
  const split = text.split('/');
  if (split.length < min || split.length > max) return undefined;
  return split.every((part) => PART.test(part)) ? split : undefined;
}

/** @example parseMemberId('wessex/GOV/casterbridge') → { instance: 'wessex', memberClass: 'GOV', memberCode: 'casterbridge' } */
export function parseMemberId(text: string): MemberId | undefined {
  const p = parts(text, 3, 3);
  return p && { instance: p[0]!, memberClass: p[1]!, memberCode: p[2]! };
}

/** A client is a subsystem (X-Road 7 requires one); `wessex/GOV/casterbridge/housing`. */
export function parseSubsystemId(text: string): SubsystemId | undefined {
  const p = parts(text, 4, 4);
  return p && { instance: p[0]!, memberClass: p[1]!, memberCode: p[2]!, subsystemCode: p[3]! };
}

/** `wessex/GOV/wessex-council/addresses/address-lookup` with an optional `/v1`. */
export function parseServiceId(text: string): ServiceId | undefined {
  const p = parts(text, 5, 6);
  if (!p) return undefined;
  const id: ServiceId = { instance: p[0]!, memberClass: p[1]!, memberCode: p[2]!, subsystemCode: p[3]!, serviceCode: p[4]! };
  if (p[5]) id.serviceVersion = p[5];
  return id;
}

export function parseGatewayId(text: string): GatewayId | undefined {
  const p = parts(text, 4, 4);
  return p && { instance: p[0]!, memberClass: p[1]!, memberCode: p[2]!, gatewayCode: p[3]! };
}

export const formatMemberId = (id: MemberId): string => `${id.instance}/${id.memberClass}/${id.memberCode}`;
export const formatSubsystemId = (id: SubsystemId): string => `${formatMemberId(id)}/${id.subsystemCode}`;
export const formatGatewayId = (id: GatewayId): string => `${formatMemberId(id)}/${id.gatewayCode}`;
export function formatServiceId(id: ServiceId): string {
  const base = `${formatSubsystemId(id)}/${id.serviceCode}`;
  return id.serviceVersion ? `${base}/${id.serviceVersion}` : base;
}

/** The member a subsystem, service or gateway belongs to. */
export const memberOf = (id: MemberId): string => formatMemberId(id);
/** The subsystem a service belongs to. */
export const subsystemOf = (id: ServiceId): string => formatSubsystemId(id);

/** True when the text is a valid identifier part (member code, subsystem code, service code). */
export const isIdentifierPart = (text: string): boolean => PART.test(text);

/**
 * Whose a certificate is, written into its subject name so that any TLS peer can read it:
 * `C=GB, O=<organisation>, OU=<member id>, CN=<gateway id or member id>` — X-Road puts the
 * member in the subject the same way (its `O`/`CN`/`serialNumber` profile); we use the X-Road
 * identifiers themselves (`wessex/GOV/casterbridge`, `wessex/GOV/casterbridge/gw1`).
 */
import { parseGatewayId, parseMemberId } from '../identifiers.ts';
import { CertificateProblem } from './certificate-problem.ts';
import type { x509 } from './x509.ts';

export interface CertificateSubject {
  /** The organisation's name, e.g. Casterbridge District Council. */
  organisationName: string;
  /** The member's X-Road id, INSTANCE/CLASS/MEMBER, e.g. wessex/GOV/casterbridge. */
  memberId: string;
  /** The gateway's id, INSTANCE/CLASS/MEMBER/GATEWAY, when the certificate is a gateway's. */
  gatewayId?: string;
}

// RFC 5280 Appendix A: ub-organization-name 64, ub-common-name 64, ub-organizational-unit-name 64.
const UPPER_BOUND = 64;

/** Checks the subject and returns it as the name to write, in RFC 4514 order (C, O, OU, CN). */
export function nameOfSubject(subject: CertificateSubject): x509.JsonName {
  const { organisationName, memberId, gatewayId } = subject;
  const problems: string[] = [];
  if (typeof organisationName !== 'string' || organisationName.trim() === '' || organisationName.length > UPPER_BOUND)
    problems.push(`the organisation name must be 1–${UPPER_BOUND} characters`);
  if (!parseMemberId(memberId)) problems.push(`"${memberId}" is not a member id INSTANCE/CLASS/MEMBER`);
  if (gatewayId !== undefined && (!parseGatewayId(gatewayId) || !gatewayId.startsWith(`${memberId}/`)))
    problems.push(`"${gatewayId}" is not a gateway id INSTANCE/CLASS/MEMBER/GATEWAY of member ${memberId}`);
  const commonName = gatewayId ?? memberId;
  if (typeof commonName === 'string' && (commonName.length > UPPER_BOUND || memberId.length > UPPER_BOUND))
    problems.push(`identifiers in a certificate are at most ${UPPER_BOUND} characters`);
  if (problems.length) throw new CertificateProblem('invalid-request', `The certificate subject is not valid: ${problems.join('; ')}`);
  return [{ C: ['GB'] }, { O: [organisationName] }, { OU: [memberId] }, { CN: [commonName] }];
}

/** Reads the member and gateway back out of a parsed subject name. */
export function subjectOfName(name: x509.Name): Partial<CertificateSubject> {
  const [organisationName] = name.getField('O');
  const [memberId] = name.getField('OU');
  const [commonName] = name.getField('CN');
  const result: Partial<CertificateSubject> = {};
  if (organisationName) result.organisationName = organisationName;
  if (memberId && parseMemberId(memberId)) {
    result.memberId = memberId;
    if (commonName && commonName !== memberId && commonName.startsWith(`${memberId}/`) && parseGatewayId(commonName))
      result.gatewayId = commonName;
  }
  return result;
}

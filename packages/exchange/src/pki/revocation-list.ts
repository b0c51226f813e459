/**
 * Reading a certificate revocation list (RFC 5280 §5) that a member's own CA publishes, so that a
 * certificate that CA revokes stops working in the federation too (X-Road checks each
 * certificate's status with its CA; an NHS trust or a council that runs its own PKI revokes a
 * lost gateway key there first). The list must be one X.509 CRL, PEM or DER, issued and signed
 * by the CA it is given for, and not dated in the future; a list whose next update is past is
 * still read (revocations never lapse) and said to be overdue.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber, id_ce_cRLNumber, id_ce_deltaCRLIndicator } from '@peculiar/asn1-x509';
import { CertificateProblem } from './certificate-problem.ts';
import { CLOCK_SKEW_MS } from './certificate-authority.ts';
import type { ParsedCertificate } from './identity-of-certificate.ts';
import { normaliseSerialNumber, x509 } from './x509.ts';

/** A national CA's list can reach megabytes; this is the most one upload may carry. */
export const REVOCATION_LIST_MAX_BYTES = 4 * 1024 * 1024;

export interface RevokedEntry {
  /** Lower-case hex, without leading zero octets, as certificates' serial numbers are kept. */
  serialNumber: string;
  revokedAt: Date;
  /** RFC 5280 §5.3.1 reason, in words (e.g. keyCompromise), when the list gives one. */
  reason?: string;
}

export interface RevocationList {
  issuer: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** The CRL number (RFC 5280 §5.2.3), when present: lists from one CA only ever go up. */
  number?: number;
  entries: RevokedEntry[];
  isOverdue: boolean;
  /** The list as DER, to keep. */
  der: Buffer;
}

const REASONS: Record<number, string> = Object.fromEntries(
  Object.entries(x509.X509CrlReason)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [v as number, k]),
);

type Form = 'PEM' | 'base64' | 'DER';

/** The list's bytes: PEM text (-----BEGIN X509 CRL-----), or DER given as bytes or base64 text. */
function derOf(input: string | Buffer): { der: Buffer; form: Form } {
  if (Buffer.isBuffer(input)) {
    const text = input.subarray(0, 64).toString('latin1');
    return text.includes('-----BEGIN') ? derOf(input.toString('latin1')) : { der: input, form: 'DER' };
  }
  if (input.includes('-----BEGIN')) {
    // RFC 7468 §5 labels it X509 CRL; some tools write plain CRL.
    const match = /-----BEGIN (X509 )?CRL-----([A-Za-z0-9+/=\s]+)-----END \1CRL-----/.exec(input);
    if (!match)
      throw new CertificateProblem(
        'malformed',
        'The text is not a revocation list: it should run from -----BEGIN X509 CRL----- to -----END X509 CRL-----',
      );
    if (input.split('-----BEGIN').length > 2)
      throw new CertificateProblem('malformed', 'Give one revocation list at a time: the text holds more than one PEM block');
    return { der: Buffer.from(match[2]!.replace(/\s+/g, ''), 'base64'), form: 'PEM' };
  }
  const compact = input.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new CertificateProblem('malformed', NOT_A_LIST_TEXT);
  return { der: Buffer.from(compact, 'base64'), form: 'base64' };
}

const NOT_A_LIST_TEXT = 'The text is not a revocation list: give it as PEM (-----BEGIN X509 CRL-----), or as DER';
const notAList: Record<Form, string> = {
  PEM: 'The PEM block is not an X.509 revocation list',
  base64: `${NOT_A_LIST_TEXT} (as base64, it does not decode to one)`,
  DER: 'The bytes are not an X.509 revocation list',
};

/**
 * Parses a CRL and checks it against the CA it is given for; throws CertificateProblem with the
 * reason. `ca` is the CA's certificate as parseCertificate reads it; without `now` (a list read
 * back after it was applied) its dates are not checked against the clock.
 * @example const list = await readRevocationList(pemText, parseCertificate(caPem), new Date());
 */
export async function readRevocationList(input: string | Buffer, ca: ParsedCertificate, now?: Date): Promise<RevocationList> {
  const { der, form } = derOf(input);
  if (der.length === 0) throw new CertificateProblem('malformed', 'The revocation list is empty');
  if (der.length > REVOCATION_LIST_MAX_BYTES)
    throw new CertificateProblem('malformed', `The revocation list is larger than ${REVOCATION_LIST_MAX_BYTES / 1024 / 1024} MB`);
  let crl: x509.X509Crl;
  let entries: RevokedEntry[];
  let number: number | undefined;
  let isDelta = false;
  try {
    crl = new x509.X509Crl(der);
    entries = crl.entries.map((entry) => ({
      serialNumber: normaliseSerialNumber(entry.serialNumber),
      revokedAt: entry.revocationDate,
      ...(entry.reason === undefined ? {} : { reason: REASONS[entry.reason] ?? `reason ${entry.reason}` }),
    }));
    if (crl.extensions.some((e) => e.type === id_ce_deltaCRLIndicator)) isDelta = true;
    const numberExtension = crl.extensions.find((e) => e.type === id_ce_cRLNumber);
    if (numberExtension) number = AsnConvert.parse(numberExtension.value, CRLNumber).value;
  } catch (error) {
    throw new CertificateProblem('malformed', `${notAList[form]}: ${(error as Error).message}`);
  }
  if (isDelta)
    throw new CertificateProblem(
      'malformed',
      'This is a delta list (it holds only the changes since a full one): give the CA’s full revocation list',
    );
  const { subject } = ca.identity;
  if (crl.issuer !== subject) throw new CertificateProblem('untrusted', `The list was issued by ${crl.issuer}, not by ${subject}`);
  if (ca.keyUsage !== undefined && !(ca.keyUsage & x509.KeyUsageFlags.cRLSign))
    throw new CertificateProblem('wrong-usage', `${subject} may not sign revocation lists (its key usage lacks cRLSign)`);
  // A list that cannot even be checked (an algorithm WebCrypto lacks) is as good as unsigned.
  const isSigned = await crl.verify({ publicKey: new x509.X509Certificate(ca.native.raw) }).catch(() => false);
  if (!isSigned)
    throw new CertificateProblem(
      'bad-signature',
      `The list’s signature does not verify under ${subject}’s key: it is damaged, or another CA made it`,
    );
  if (now && crl.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw new CertificateProblem('not-yet-valid', `The list is dated ${crl.thisUpdate.toISOString()}, in the future (check the clocks)`);
  return {
    issuer: crl.issuer,
    thisUpdate: crl.thisUpdate,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate } : {}),
    ...(number === undefined ? {} : { number }),
    entries,
    isOverdue: now !== undefined && crl.nextUpdate !== undefined && crl.nextUpdate < now,
    der,
  };
}

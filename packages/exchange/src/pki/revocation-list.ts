/**
 * Reading a certificate revocation list (RFC 5280 §5) that a member's own CA publishes, so that a
 * certificate that CA revokes stops working in the federation too (X-Road checks each
 * certificate's status with its CA; an NHS trust or a council that runs its own PKI revokes a
 * lost gateway key there first). The list must be one X.509 CRL, PEM or DER, issued and signed
 * by the CA it is given for, the CA's own full list (no delta, partition or indirect list, and no
 * critical extension this does not read: RFC 5280 §5.2 says such a list must not be used), with
 * a next update and not dated in the future; a list whose next update is past is still read
 * (revocations never lapse) and said to be overdue.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  CertificateList,
  CRLNumber,
  id_ce_authorityKeyIdentifier,
  id_ce_certificateIssuer,
  id_ce_cRLNumber,
  id_ce_cRLReasons,
  id_ce_deltaCRLIndicator,
  id_ce_freshestCRL,
  id_ce_invalidityDate,
  id_ce_issuerAltName,
  id_ce_issuingDistributionPoint,
  id_pe_authorityInfoAccess,
  type RevokedCertificate,
} from '@peculiar/asn1-x509';
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
  nextUpdate: Date;
  /** The CRL number (RFC 5280 §5.2.3) as decimal text, when present: lists from one CA only ever go up. */
  number?: string;
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

// Extensions of the list and of its entries that this reading understands (RFC 5280 §5.2, §5.3).
const LIST_EXTENSIONS_READ = new Set([
  id_ce_cRLNumber,
  id_ce_authorityKeyIdentifier,
  id_ce_issuerAltName,
  id_pe_authorityInfoAccess,
  id_ce_freshestCRL,
]);
// holdInstructionCode (2.5.29.23) has no constant in asn1-x509.
const ENTRY_EXTENSIONS_READ = new Set([id_ce_cRLReasons, id_ce_invalidityDate, '2.5.29.23']);
const LIST_SCOPE_REFUSED: Record<string, string> = {
  [id_ce_deltaCRLIndicator]: 'This is a delta list (it holds only the changes since a full one): give the CA’s full revocation list',
  [id_ce_issuingDistributionPoint]:
    'This list covers only part of what the CA issued (it has an issuing distribution point): give the CA’s full revocation list',
};

/** What the list says, read from its DER; throws CertificateProblem('malformed') when it cannot be read whole. */
function parseList(der: Buffer, form: Form): { crl: x509.X509Crl; asn: CertificateList } {
  let asn: CertificateList;
  try {
    // Every ASN.1 node takes two bytes at least, so this bounds the parse by the list's own size (asn1js's default is 10,000 nodes).
    asn = AsnConvert.parse(der, CertificateList, { berOptions: { maxNodes: Math.ceil(der.length / 2) + 16 } });
  } catch (error) {
    // The parser's own words ("constructed encoding used for primitive type") go last, in brackets: the reason comes first.
    throw new CertificateProblem(
      'malformed',
      `${notAList[form]}: it is damaged or some other kind of file; ask the CA for its current list (.crl) again (${(error as Error).message})`,
    );
  }
  return { crl: new x509.X509Crl(asn), asn };
}

/** The serial number of an entry, as certificates' are kept; a negative one (RFC 5280 §4.1.2.2 forbids them) is refused. */
function serialOf(entry: RevokedCertificate): string {
  const octets = Buffer.from(entry.userCertificate);
  if (octets.length === 0 || (octets[0]! & 0x80) !== 0)
    throw new CertificateProblem(
      'malformed',
      `The list names a negative or empty serial number (${octets.toString('hex') || 'none'}), which no certificate may have`,
    );
  return normaliseSerialNumber(octets.toString('hex'));
}

/** The CRL number as decimal text (RFC 5280 §5.2.3: a non-negative integer of at most 20 octets, so 49 digits). */
function crlNumberOf(asn: CertificateList): string | undefined {
  const extension = asn.tbsCertList.crlExtensions?.find((e) => e.extnID === id_ce_cRLNumber);
  if (!extension) return undefined;
  // asn1-schema gives a small INTEGER as a number and a larger one as exact decimal text.
  const value = String(AsnConvert.parse(extension.extnValue.buffer, CRLNumber).value);
  if (!/^\d{1,49}$/.test(value))
    throw new CertificateProblem(
      'malformed',
      `The list’s CRL number (${value.slice(0, 60)}) is not a non-negative integer of at most 20 octets`,
    );
  return BigInt(value).toString();
}

/** Refuses a list whose scope or extensions this reading does not understand: such a list must not be used (RFC 5280 §5.2). */
function refuseUnreadExtensions(asn: CertificateList): void {
  for (const extension of asn.tbsCertList.crlExtensions ?? []) {
    const refusal = LIST_SCOPE_REFUSED[extension.extnID];
    if (refusal) throw new CertificateProblem('malformed', refusal);
    if (extension.critical && !LIST_EXTENSIONS_READ.has(extension.extnID))
      throw new CertificateProblem(
        'malformed',
        `The list has a critical extension (${extension.extnID}) that Joinery cannot read, so it must not be used`,
      );
  }
  for (const entry of asn.tbsCertList.revokedCertificates ?? [])
    for (const extension of entry.crlEntryExtensions ?? []) {
      if (extension.extnID === id_ce_certificateIssuer)
        throw new CertificateProblem(
          'malformed',
          'This is an indirect list (it names certificates other CAs issued): give the CA’s own revocation list',
        );
      if (extension.critical && !ENTRY_EXTENSIONS_READ.has(extension.extnID))
        throw new CertificateProblem(
          'malformed',
          `An entry of the list has a critical extension (${extension.extnID}) that Joinery cannot read, so it must not be used`,
        );
    }
}

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
  const { crl, asn } = parseList(der, form);
  refuseUnreadExtensions(asn);
  const { subject } = ca.identity;
  if (crl.issuer !== subject) throw new CertificateProblem('untrusted', `The list was issued by ${crl.issuer}, not by ${subject}`);
  if (ca.keyUsage !== undefined && !(ca.keyUsage & x509.KeyUsageFlags.cRLSign))
    throw new CertificateProblem('wrong-usage', `${subject} may not sign revocation lists (its key usage lacks cRLSign)`);
  // The CA's public key, imported for the list's own signature algorithm (not the one that signed the CA's certificate).
  const publicKey = new x509.X509Certificate(ca.native.raw).publicKey;
  // A list that cannot even be checked (an algorithm WebCrypto lacks) is as good as unsigned.
  const isSigned = await crl.verify({ publicKey }).catch(() => false);
  if (!isSigned)
    throw new CertificateProblem(
      'bad-signature',
      `The list’s signature does not verify under ${subject}’s key: it is damaged, or another CA made it`,
    );
  // Required by RFC 5280 §5.1.2.5, and more: without it asn1-x509 reads the list's entries as none.
  if (!crl.nextUpdate)
    throw new CertificateProblem('malformed', 'The list does not say when the next one is due (RFC 5280 §5.1.2.5 requires nextUpdate)');
  if (now && crl.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw new CertificateProblem('not-yet-valid', `The list is dated ${crl.thisUpdate.toISOString()}, in the future (check the clocks)`);
  const entries = (asn.tbsCertList.revokedCertificates ?? []).map((entry, i): RevokedEntry => {
    const read = crl.entries[i]!;
    return {
      serialNumber: serialOf(entry),
      revokedAt: read.revocationDate,
      ...(read.reason === undefined ? {} : { reason: REASONS[read.reason] ?? `reason ${read.reason}` }),
    };
  });
  const number = crlNumberOf(asn);
  return {
    issuer: crl.issuer,
    thisUpdate: crl.thisUpdate,
    nextUpdate: crl.nextUpdate,
    ...(number === undefined ? {} : { number }),
    entries,
    isOverdue: now !== undefined && crl.nextUpdate < now,
    der,
  };
}

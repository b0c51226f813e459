/**
 * A timestamp token taken apart: RFC 3161 §2.4.2's TimeStampToken is a CMS ContentInfo holding a
 * SignedData (RFC 5652 §5) whose content is the DER TSTInfo, signed by one signer, the TSA.
 */
import { ContentInfo, SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { TSTInfo } from '@peculiar/asn1-tsp';
import { Certificate } from '@peculiar/asn1-x509';
import { parseCertificate } from '../pki/identity-of-certificate.ts';
import { certificatePemOf } from '../pki/x509.ts';
import { integerHex, OID } from './algorithms.ts';
import { TimestampProblem } from './timestamp-problem.ts';

export interface ParsedTimestampToken {
  signedData: SignedData;
  signer: SignerInfo;
  /** The TSTInfo's DER: what the signed message-digest attribute covers. */
  content: Buffer;
  tstInfo: TSTInfo;
}

const fail = (reason: TimestampProblem['reason'], message: string): never => {
  throw new TimestampProblem(reason, message);
};

/** Parses a token, insisting on DER and on the framing RFC 3161 and RFC 5652 require; throws TimestampProblem('malformed'). */
export function parseTimestampToken(tokenDer: Buffer): ParsedTimestampToken {
  try {
    const info = AsnConvert.parse(tokenDer, ContentInfo);
    if (info.contentType !== OID.signedData) fail('malformed', `The token is ${info.contentType}, not a CMS SignedData`);
    const signedData = AsnConvert.parse(info.content, SignedData);
    // A token is DER (RFC 3161 §2.4.2). asn1js is lenient (it reads some wrong tags and lengths),
    // and what is checked below is re-encoded from what it read, so the token must be exactly the
    // DER of what was read: then no byte goes unchecked.
    const reencoded = new ContentInfo({ contentType: info.contentType, content: AsnConvert.serialize(signedData) });
    if (!Buffer.from(AsnConvert.serialize(reencoded)).equals(tokenDer))
      fail('malformed', 'The timestamp token is not in DER (or has bytes after it)');
    const { eContentType, eContent } = signedData.encapContentInfo;
    if (eContentType !== OID.tstInfo || !eContent?.single) fail('malformed', 'The token does not encapsulate a TSTInfo');
    if (signedData.signerInfos.length !== 1) fail('malformed', `The token has ${signedData.signerInfos.length} signers, not 1`); // §2.4.2
    const signer = signedData.signerInfos[0]!;
    // RFC 5652 §5.1, §5.3: the unsigned framing must agree with what was signed.
    if (signedData.version !== 3) fail('malformed', `The token's SignedData is version ${signedData.version}, not 3`);
    if (signer.version !== (signer.sid.subjectKeyIdentifier ? 3 : 1))
      fail('malformed', `The token's SignerInfo version ${signer.version} does not fit its signer identifier`);
    if (!signedData.digestAlgorithms.some((digest) => digest.algorithm === signer.digestAlgorithm.algorithm))
      fail('malformed', 'The token does not list its signer’s digest algorithm');
    const content = Buffer.from(eContent!.single!.buffer);
    return { signedData, signer, content, tstInfo: AsnConvert.parse(content, TSTInfo) };
  } catch (error) {
    if (error instanceof TimestampProblem) throw error;
    throw new TimestampProblem('malformed', `The timestamp token cannot be read: ${(error as Error).message}`);
  }
}

/** The TSA certificate: the one in the token that the signer identifier names, or the one given. */
export function signerCertificate(
  signedData: SignedData,
  signer: SignerInfo,
  given: string | undefined,
): { asn: Certificate; der: Buffer } {
  const embedded = (signedData.certificates ?? []).flatMap((choice) => (choice.certificate ? [choice.certificate] : []));
  const candidates: Certificate[] = [...embedded, ...(given ? [AsnConvert.parse(parseCertificate(given).native.raw, Certificate)] : [])];
  const { issuerAndSerialNumber, subjectKeyIdentifier } = signer.sid;
  const match = candidates.find((certificate) => {
    const tbs = certificate.tbsCertificate;
    if (issuerAndSerialNumber)
      return (
        integerHex(tbs.serialNumber) === integerHex(issuerAndSerialNumber.serialNumber) &&
        Buffer.from(AsnConvert.serialize(tbs.issuer)).equals(Buffer.from(AsnConvert.serialize(issuerAndSerialNumber.issuer)))
      );
    const ski = tbs.extensions?.find((extension) => extension.extnID === '2.5.29.14');
    return (
      !!subjectKeyIdentifier &&
      !!ski &&
      Buffer.from(AsnConvert.parse(ski.extnValue.buffer, OctetString).buffer).equals(Buffer.from(subjectKeyIdentifier.buffer))
    );
  });
  if (!match)
    return fail(
      candidates.length ? 'certificate-mismatch' : 'missing-certificate',
      candidates.length
        ? 'No certificate in or given with the token is the one its signer names'
        : 'The token carries no TSA certificate and none was given (request tokens with certReq, or pass tsaCertificatePem)',
    );
  return { asn: match, der: Buffer.from(AsnConvert.serialize(match)) };
}

/** The TSA certificate a token carries, as PEM (for showing whose it is). */
export function certificateOfTimestampToken(tokenDer: Buffer): string | undefined {
  const { signedData } = parseTimestampToken(tokenDer);
  const certificate = signedData.certificates?.find((choice) => choice.certificate)?.certificate;
  return certificate ? certificatePemOf(Buffer.from(AsnConvert.serialize(certificate))) : undefined;
}

/**
 * Checking a timestamp token offline: everything a verifier needs is
 * the token, the digest it should be for and the CA certificates it trusts (the TSA certificate
 * travels inside the token when it was requested with certReq). The checks follow RFC 3161 §2.4.2
 * and RFC 5652 §5.4–5.6, plus RFC 5816's ESS binding of the signature to the TSA certificate.
 */
import { createHash, verify } from 'node:crypto';
import type { Attribute, SignerInfo } from '@peculiar/asn1-cms';
import { AsnConvert, AsnObjectIdentifierConverter, AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import type { Certificate, Name } from '@peculiar/asn1-x509';
import { CertificateProblem } from '../pki/certificate-problem.ts';
import { parseCertificate } from '../pki/identity-of-certificate.ts';
import { verifyCertificate } from '../pki/verify-certificate.ts';
import { DIGESTS, integerHex, OID, SIGNATURES, unsignedIntegerBytes } from './algorithms.ts';
import { SignedAttributes, SigningCertificate, SigningCertificateV2 } from './signing-certificate.ts';
import { TimestampProblem } from './timestamp-problem.ts';
import { parseTimestampToken, signerCertificate } from './timestamp-token.ts';

export interface VerifyTimestampOptions {
  /** The digest the token must be for (its hash algorithm is the token's). */
  digest: Buffer;
  /** CA certificates (PEM) the TSA's certificate must chain to. */
  trustAnchors: readonly string[];
  /** The TSA certificate, when the token does not carry it (requested without certReq). */
  tsaCertificatePem?: string;
  /** The nonce sent in the request, to check it was echoed. */
  nonce?: bigint | Buffer;
  revokedSerialNumbers?: ReadonlySet<string>;
  /** Tokens dated after now (plus a minute's grace) are refused. */
  now?: Date;
}

export interface VerifiedTimestamp {
  genTime: Date;
  /** The token's serial number, hex. */
  serialNumber: string;
  tsaSubject: string;
  /** SHA-256 of the TSA certificate's DER, hex: which certificate to keep with the evidence. */
  tsaFingerprint256: string;
  policy: string;
  /** 'sha256' or 'sha512': how the imprint was hashed. */
  digestAlgorithm: string;
}

const fail = (reason: TimestampProblem['reason'], message: string): never => {
  throw new TimestampProblem(reason, message);
};

// DER is unique, so the attribute's value is compared as bytes.
const TST_INFO_TYPE = Buffer.from(AsnSerializer.serialize(AsnObjectIdentifierConverter.toASN(OID.tstInfo)));

const attributeValue = (signer: SignerInfo, type: string): ArrayBuffer | undefined =>
  signer.signedAttrs?.find((attribute: Attribute) => attribute.attrType === type)?.attrValues[0];

/** RFC 5816 / RFC 2634 §5.4: the ESS attribute must name this very certificate. */
function checkSigningCertificate(signer: SignerInfo, certificate: { asn: Certificate; der: Buffer }): void {
  const v2 = attributeValue(signer, OID.signingCertificateV2);
  const v1 = attributeValue(signer, OID.signingCertificate);
  if (!v2 && !v1)
    fail('certificate-mismatch', 'The token has no ESS signing-certificate attribute binding it to the TSA certificate (RFC 3161 §2.4.1)');
  const [first] = v2 ? AsnConvert.parse(v2, SigningCertificateV2).certs : AsnConvert.parse(v1!, SigningCertificate).certs;
  if (!first) return fail('certificate-mismatch', 'The ESS signing-certificate attribute names no certificate');
  const hashOid = v2
    ? ((first as SigningCertificateV2['certs'][number]).hashAlgorithm?.algorithm ?? '2.16.840.1.101.3.4.2.1')
    : '1.3.14.3.2.26';
  const hash = DIGESTS[hashOid] ?? fail('unsupported-algorithm', `The ESS certificate hash uses ${hashOid}, which is not supported`);
  if (!createHash(hash.name).update(certificate.der).digest().equals(Buffer.from(first.certHash.buffer)))
    fail('certificate-mismatch', 'The TSA certificate is not the one the token’s ESS signing-certificate attribute names');
  if (first.issuerSerial) {
    const tbs = certificate.asn.tbsCertificate;
    const issuerDer = Buffer.from(AsnConvert.serialize(tbs.issuer));
    const namesIssuer = [...first.issuerSerial.issuer].some(
      (name) => name.directoryName && Buffer.from(AsnConvert.serialize(name.directoryName as Name)).equals(issuerDer),
    );
    if (!namesIssuer || integerHex(first.issuerSerial.serialNumber) !== integerHex(tbs.serialNumber))
      fail('certificate-mismatch', 'The ESS signing-certificate attribute names another issuer or serial number');
  }
}

const CERTIFICATE_REASONS: Partial<Record<CertificateProblem['reason'], TimestampProblem['reason']>> = {
  untrusted: 'untrusted',
  'wrong-usage': 'wrong-usage',
  revoked: 'revoked',
  expired: 'outside-validity',
  'not-yet-valid': 'outside-validity',
  malformed: 'malformed',
};

/**
 * @example
 * const { genTime } = verifyTimestampToken(token, { digest: sha256(checkpoint), trustAnchors: [caPem] });
 */
export function verifyTimestampToken(tokenDer: Buffer, options: VerifyTimestampOptions): VerifiedTimestamp {
  try {
    return verifyToken(tokenDer, options);
  } catch (error) {
    if (error instanceof TimestampProblem) throw error;
    if (error instanceof CertificateProblem)
      throw new TimestampProblem(CERTIFICATE_REASONS[error.reason] ?? 'untrusted', `The TSA certificate is not good: ${error.message}`);
    throw new TimestampProblem('malformed', `The timestamp token cannot be read: ${(error as Error).message}`);
  }
}

function verifyToken(tokenDer: Buffer, options: VerifyTimestampOptions): VerifiedTimestamp {
  const { signedData, signer, content, tstInfo } = parseTimestampToken(tokenDer);
  // RFC 3161 §2.4.2: the imprint is the one asked for.
  const { hashAlgorithm, hashedMessage } = tstInfo.messageImprint;
  const imprintDigest = DIGESTS[hashAlgorithm.algorithm];
  if (!imprintDigest || imprintDigest.name === 'sha1') fail('unsupported-algorithm', `The token's imprint uses ${hashAlgorithm.algorithm}`);
  if (!Buffer.from(hashedMessage.buffer).equals(options.digest))
    fail('imprint-mismatch', 'The timestamp token is for other data: its message imprint is not the digest given');
  if (
    options.nonce !== undefined &&
    (!tstInfo.nonce || !Buffer.from(tstInfo.nonce).equals(Buffer.from(unsignedIntegerBytes(options.nonce))))
  )
    fail('nonce-mismatch', 'The token does not carry the nonce that was sent: it answers another request');

  // RFC 5652 §5.6: content-type and message-digest attributes, then the signature over them.
  if (!signer.signedAttrs?.length) return fail('malformed', 'The token has no signed attributes');
  const contentType = attributeValue(signer, OID.contentType);
  if (!contentType || !Buffer.from(contentType).equals(TST_INFO_TYPE))
    fail('malformed', 'The token’s content-type attribute is not id-ct-TSTInfo');
  const digestAlgorithm =
    DIGESTS[signer.digestAlgorithm.algorithm] ??
    fail('unsupported-algorithm', `The token is digested with ${signer.digestAlgorithm.algorithm}`);
  const messageDigest = attributeValue(signer, OID.messageDigest);
  if (
    !messageDigest ||
    !createHash(digestAlgorithm.name)
      .update(content)
      .digest()
      .equals(Buffer.from(AsnConvert.parse(messageDigest, OctetString).buffer))
  )
    fail('bad-signature', 'The token’s TSTInfo does not match its signed message digest: it was altered');

  const certificate = signerCertificate(signedData, signer, options.tsaCertificatePem);
  const signature = SIGNATURES[signer.signatureAlgorithm.algorithm];
  if (!signature)
    return fail('unsupported-algorithm', `The token is signed with ${signer.signatureAlgorithm.algorithm}, which is not supported`);
  // RFC 5652 §5.4: the signature is over the attributes' DER as an explicit SET OF (not the
  // IMPLICIT [0] they travel in). asn1-schema keeps each value's bytes and the order received, so
  // re-encoding the SET gives back what the signer signed.
  const signedBytes = Buffer.from(AsnConvert.serialize(new SignedAttributes(signer.signedAttrs)));
  const tsa = parseCertificate(certificate.der);
  const digestName = signature.digest === 'from-digest-algorithm' ? digestAlgorithm.name : signature.digest;
  const verified = (() => {
    try {
      return verify(digestName, signedBytes, tsa.native.publicKey, Buffer.from(signer.signature.buffer));
    } catch {
      return false; // e.g. an ECDSA signature that is not even DER
    }
  })();
  if (!verified)
    fail('bad-signature', `The token's signature does not verify with the key of ${tsa.identity.subject}: it was altered or forged`);
  checkSigningCertificate(signer, certificate);

  // The TSA certificate: trusted, fit for timestamping, and valid when the token was made.
  const genTime = tstInfo.genTime;
  try {
    verifyCertificate(certificate.der, {
      trustAnchors: options.trustAnchors,
      usage: 'timestamping',
      now: genTime,
      ...(options.revokedSerialNumbers ? { revokedSerialNumbers: options.revokedSerialNumbers } : {}),
    });
  } catch (error) {
    if (!(error instanceof CertificateProblem)) throw error;
    throw new TimestampProblem(
      CERTIFICATE_REASONS[error.reason] ?? 'untrusted',
      `The TSA certificate was not good at ${genTime.toISOString()}: ${error.message}`,
    );
  }
  if (genTime.getTime() > (options.now ?? new Date()).getTime() + 60_000)
    fail('future-time', `The token claims a time in the future (${genTime.toISOString()}); check the TSA's clock`);
  return {
    genTime,
    serialNumber: integerHex(tstInfo.serialNumber),
    tsaSubject: tsa.identity.subject,
    tsaFingerprint256: tsa.identity.fingerprint256,
    policy: tstInfo.policy,
    digestAlgorithm: imprintDigest!.name,
  };
}

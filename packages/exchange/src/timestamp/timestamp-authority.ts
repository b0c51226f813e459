/**
 * The federation's RFC 3161 timestamping authority (TSA): it answers a TimeStampReq with a
 * TimeStampResp whose token is a CMS SignedData (RFC 5652) over a TSTInfo, so that anyone holding
 * the token, the TSA certificate and the federation CA can later show that a digest — a message
 * log checkpoint — existed at `genTime`, without asking us.
 *
 * The TSA key is ECDSA P-256 with SHA-256 by default, not Ed25519: OpenSSL 3.0's `openssl ts`
 * verifies tokens through its PKCS #7 code, which cannot sign or verify with Ed25519 ("signing
 * not supported for this key type"), and a token that the most common third-party tool cannot
 * check is weak evidence. Ed25519 TSA keys still work here (RFC 8419: PureEdDSA, SHA-512 digest).
 */
import { createHash, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  SigningTime,
} from '@peculiar/asn1-cms';
import { AsnConvert, AsnObjectIdentifierConverter, AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import {
  Accuracy,
  PKIFailureInfo,
  PKIFreeText,
  PKIStatus,
  PKIStatusInfo,
  TimeStampResp,
  TimeStampToken,
  TSTInfo,
} from '@peculiar/asn1-tsp';
import { Certificate, GeneralName, GeneralNames } from '@peculiar/asn1-x509';
import { parseCertificate } from '../pki/identity-of-certificate.ts';
import { randomSerialNumber } from '../pki/x509.ts';
import { algorithm, ECDSA_WITH_SHA256, ED25519, OID, SHA256, SHA512 } from './algorithms.ts';
import { EssCertIdV2, IssuerSerial, SignedAttributes, SigningCertificateV2 } from './signing-certificate.ts';
import { readTimestampRequest } from './timestamp-request.ts';
import { TimestampProblem } from './timestamp-problem.ts';

/**
 * The default TSA policy: an OID under X.660's `example` arc (2.999), which is reserved for
 * examples and tests and belongs to no one. A federation in production names its own policy
 * under an arc it owns (e.g. its IANA enterprise number, 1.3.6.1.4.1.N).
 */
export const DEFAULT_TIMESTAMP_POLICY = '2.999.3161.1';

// RFC 3161 §2.4.2 PKIFailureInfo bit numbers (asn1-tsp's PKIFailureInfoFlags numbers them wrongly).
const FAILURE_BITS = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;
export type TimestampFailure = keyof typeof FAILURE_BITS;

export interface TimestampAuthority {
  readonly certificatePem: string;
  readonly policy: string;
  /** Answers a DER TimeStampReq with a DER TimeStampResp; never throws (bad requests get a rejection). */
  respond(requestDer: Buffer, now?: Date): Buffer;
}

export interface TimestampAuthorityOptions {
  privateKey: KeyObject;
  /** Its certificate, with the critical id-kp-timeStamping extended key usage (RFC 3161 §2.3). */
  certificatePem: string;
  /** OID; default DEFAULT_TIMESTAMP_POLICY. */
  policy?: string;
  /** The TSTInfo's accuracy, seconds (default 1). */
  accuracySeconds?: number;
}

/** A TSA key: ECDSA P-256 (see above for why not Ed25519). */
export function generateTimestampingKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

const der = (value: object): Buffer => Buffer.from(AsnConvert.serialize(value));
const arrayBufferOf = (bytes: Buffer): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;

function rejection(failure: TimestampFailure, text: string): Buffer {
  const status = new PKIStatusInfo({
    status: PKIStatus.rejection,
    statusString: new PKIFreeText([text]),
    failInfo: new PKIFailureInfo(2 ** FAILURE_BITS[failure]),
  });
  return der(new TimeStampResp({ status }));
}

/** @example const tsa = createTimestampAuthority({ privateKey, certificatePem }); const response = tsa.respond(requestDer); */
export function createTimestampAuthority(options: TimestampAuthorityOptions): TimestampAuthority {
  const { privateKey, certificatePem, policy = DEFAULT_TIMESTAMP_POLICY, accuracySeconds = 1 } = options;
  const certificate = parseCertificate(certificatePem);
  const { subject, notBefore, notAfter } = certificate.identity;
  const usage = certificate.extendedKeyUsage;
  if (!usage?.isCritical || usage.purposes.length !== 1 || usage.purposes[0] !== '1.3.6.1.5.5.7.3.8')
    throw new TimestampProblem(
      'invalid-authority',
      `${subject} is not a timestamping certificate (RFC 3161 §2.3: one critical id-kp-timeStamping)`,
    );
  const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });
  if (privateKey?.type !== 'private' || !spki(createPublicKey(privateKey)).equals(spki(certificate.native.publicKey)))
    throw new TimestampProblem('invalid-authority', `The private key given is not the key of ${subject}`);
  const isEd25519 = privateKey.asymmetricKeyType === 'ed25519';
  if (!isEd25519 && !(privateKey.asymmetricKeyType === 'ec' && privateKey.asymmetricKeyDetails?.namedCurve === 'prime256v1'))
    throw new TimestampProblem('invalid-authority', 'A TSA key is ECDSA P-256 or Ed25519');
  // RFC 8419 §3.1: with Ed25519 the message digest is SHA-512; with P-256, SHA-256 (RFC 5753 §2.1.1).
  const digest = isEd25519 ? { oid: SHA512, name: 'sha512' } : { oid: SHA256, name: 'sha256' };
  const signatureAlgorithm = algorithm(isEd25519 ? ED25519 : ECDSA_WITH_SHA256);

  // Everything about the signer that does not change between tokens, worked out once.
  const asn = AsnConvert.parse(certificate.native.raw, Certificate);
  const { issuer, serialNumber } = asn.tbsCertificate;
  const sid = new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer, serialNumber }) });
  const signingCertificate = new SigningCertificateV2({
    certs: [
      new EssCertIdV2({
        certHash: new OctetString(createHash('sha256').update(certificate.native.raw).digest()), // SHA-256: the DEFAULT, left out
        issuerSerial: new IssuerSerial({ issuer: new GeneralNames([new GeneralName({ directoryName: issuer })]), serialNumber }),
      }),
    ],
  });
  const signingCertificateAttribute = new Attribute({
    attrType: OID.signingCertificateV2,
    attrValues: [AsnConvert.serialize(signingCertificate)],
  });
  const contentTypeAttribute = new Attribute({
    attrType: OID.contentType,
    attrValues: [AsnSerializer.serialize(AsnObjectIdentifierConverter.toASN(OID.tstInfo))],
  });
  const certificates = new CertificateSet([new CertificateChoices({ certificate: asn })]);

  function token(request: ReturnType<typeof readTimestampRequest>, now: Date): Buffer {
    const tstInfo = new TSTInfo({
      version: 1,
      policy,
      messageImprint: request.messageImprint, // RFC 3161 §2.4.2: the same as in the request
      serialNumber: arrayBufferOf(Buffer.from(randomSerialNumber(), 'hex')),
      genTime: now,
      accuracy: new Accuracy({ seconds: accuracySeconds }),
    });
    if (request.nonce) tstInfo.nonce = request.nonce; // §2.4.2: MUST be echoed
    const content = der(tstInfo);
    // RFC 5652 §5.3: content-type and message-digest are required once there are signed
    // attributes; ESS signing-certificate-v2 is RFC 3161 §2.4.1's (as amended by RFC 5816).
    const attributes = [
      contentTypeAttribute,
      new Attribute({ attrType: OID.signingTime, attrValues: [AsnConvert.serialize(new SigningTime(now))] }),
      new Attribute({
        attrType: OID.messageDigest,
        attrValues: [AsnConvert.serialize(new OctetString(createHash(digest.name).update(content).digest()))],
      }),
      signingCertificateAttribute,
    ]
      .map((attribute) => ({ attribute, encoding: der(attribute) }))
      .sort((a, b) => Buffer.compare(a.encoding, b.encoding)) // X.690 §11.6: DER orders a SET OF by encoding
      .map(({ attribute }) => attribute);
    // RFC 5652 §5.4: the signature is over the DER of the SET OF attributes, not its [0] form.
    const signature = sign(isEd25519 ? null : 'sha256', der(new SignedAttributes(attributes)), privateKey);
    const signedData = new SignedData({
      version: CMSVersion.v3, // RFC 5652 §5.1: eContentType is not id-data
      digestAlgorithms: new DigestAlgorithmIdentifiers([algorithm(digest.oid)]),
      encapContentInfo: new EncapsulatedContentInfo({
        eContentType: OID.tstInfo,
        eContent: new EncapsulatedContent({ single: new OctetString(content) }),
      }),
      signerInfos: new SignerInfos([
        new SignerInfo({
          version: CMSVersion.v1, // sid is issuerAndSerialNumber
          sid,
          digestAlgorithm: algorithm(digest.oid),
          signedAttrs: attributes,
          signatureAlgorithm,
          signature: new OctetString(signature),
        }),
      ]),
    });
    if (request.certReq) signedData.certificates = certificates; // §2.4.1: only when asked
    const timeStampToken = new TimeStampToken({ contentType: OID.signedData, content: AsnConvert.serialize(signedData) });
    return der(new TimeStampResp({ status: new PKIStatusInfo({ status: PKIStatus.granted }), timeStampToken }));
  }

  return {
    certificatePem,
    policy,
    respond(requestDer: Buffer, now: Date = new Date()): Buffer {
      let request: ReturnType<typeof readTimestampRequest>;
      try {
        request = readTimestampRequest(requestDer);
      } catch (error) {
        const problem = error instanceof TimestampProblem ? error : undefined;
        return rejection(
          problem?.reason === 'unsupported-algorithm' ? 'badAlg' : 'badDataFormat',
          problem?.message ?? 'The request cannot be read',
        );
      }
      if (request.policy && request.policy !== policy)
        return rejection('unacceptedPolicy', `This TSA time-stamps under policy ${policy} only, not ${request.policy}`);
      if (request.hasExtensions) return rejection('unacceptedExtension', 'This TSA accepts no request extensions'); // §2.4.2
      if (now < notBefore || now > notAfter)
        return rejection('timeNotAvailable', 'The TSA’s certificate is not valid at this time; it cannot time-stamp');
      try {
        return token(request, now);
      } catch {
        return rejection('systemFailure', 'The TSA could not sign the token');
      }
    },
  };
}

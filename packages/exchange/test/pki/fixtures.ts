/** A small federation for the PKI and timestamping tests: one CA, two gateways, a stranger CA. */
import type { KeyObject } from 'node:crypto';
import { createCertificateAuthority, type CertificateAuthority } from '../../src/pki/certificate-authority.ts';
import { issueCertificate, type CertificateRequest } from '../../src/pki/issue-certificate.ts';
import { generateSigningKeyPair } from '../../src/pki/keys.ts';

export interface TestGateway {
  memberId: string;
  gatewayId: string;
  authKey: KeyObject;
  authCertificatePem: string;
  authSerial: string;
  signKey: KeyObject;
  signCertificatePem: string;
  signSerial: string;
}

export async function gatewayOf(
  ca: CertificateAuthority,
  organisationName: string,
  memberId: string,
  gatewayCode: string,
): Promise<TestGateway> {
  const gatewayId = `${memberId}/${gatewayCode}`;
  const subject = { organisationName, memberId, gatewayId };
  const auth = generateSigningKeyPair();
  const sign = generateSigningKeyPair();
  const authCertificate = await issueCertificate(ca, {
    publicKey: auth.publicKey,
    usage: 'auth',
    subject,
    subjectAltNames: { ip: ['127.0.0.1'] },
  });
  const signCertificate = await issueCertificate(ca, { publicKey: sign.publicKey, usage: 'sign', subject });
  return {
    memberId,
    gatewayId,
    authKey: auth.privateKey,
    authCertificatePem: authCertificate.certificatePem,
    authSerial: authCertificate.serialNumber,
    signKey: sign.privateKey,
    signCertificatePem: signCertificate.certificatePem,
    signSerial: signCertificate.serialNumber,
  };
}

export interface TestFederation {
  ca: CertificateAuthority;
  casterbridge: TestGateway;
  budmouth: TestGateway;
  /** Another federation's CA, with a gateway of its own. */
  strangerCa: CertificateAuthority;
  stranger: TestGateway;
}

export async function makeFederation(): Promise<TestFederation> {
  const [ca, strangerCa] = await Promise.all([
    createCertificateAuthority({ name: 'Wessex Data Exchange', federation: 'wessex' }),
    createCertificateAuthority({ name: 'Lyonesse Data Exchange', federation: 'lyonesse' }),
  ]);
  const [casterbridge, budmouth, stranger] = await Promise.all([
    gatewayOf(ca, 'Casterbridge District Council', 'wessex/GOV/casterbridge', 'gw1'),
    gatewayOf(ca, 'Budmouth Borough Council', 'wessex/GOV/budmouth', 'gw1'),
    gatewayOf(strangerCa, 'Lyonesse County Council', 'lyonesse/GOV/lyonesse', 'gw1'),
  ]);
  return { ca, casterbridge, budmouth, strangerCa, stranger };
}

/** Issues one more certificate from `ca` (tests vary validity and usage). */
export async function issue(
  ca: CertificateAuthority,
  overrides: Partial<CertificateRequest> = {},
): Promise<{ certificatePem: string; serialNumber: string; key: KeyObject }> {
  const keys = generateSigningKeyPair();
  const issued = await issueCertificate(ca, {
    publicKey: keys.publicKey,
    usage: 'auth',
    subject: { organisationName: 'Melchester City Council', memberId: 'wessex/GOV/melchester', gatewayId: 'wessex/GOV/melchester/gw1' },
    ...overrides,
  });
  return { ...issued, key: keys.privateKey };
}

export const DAY = 86_400_000;

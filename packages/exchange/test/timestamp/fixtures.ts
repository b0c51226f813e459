/** A federation CA with a timestamping authority, and a stranger CA with one of its own. */
import type { KeyObject } from 'node:crypto';
import { createCertificateAuthority, type CertificateAuthority } from '../../src/pki/certificate-authority.ts';
import { issueCertificate, type CertificateRequest } from '../../src/pki/issue-certificate.ts';
import { createTimestampAuthority, generateTimestampingKeyPair, type TimestampAuthority } from '../../src/timestamp/timestamp-authority.ts';

export interface TestTsa {
  tsa: TimestampAuthority;
  privateKey: KeyObject;
  certificatePem: string;
  serialNumber: string;
}

export async function tsaOf(
  ca: CertificateAuthority,
  overrides: Partial<CertificateRequest> & { privateKey?: KeyObject } = {},
): Promise<TestTsa> {
  const privateKey = overrides.privateKey ?? generateTimestampingKeyPair().privateKey;
  const { certificatePem, serialNumber } = await issueCertificate(ca, {
    publicKey: privateKey,
    usage: 'timestamping',
    subject: {
      organisationName: 'Wessex Data Exchange',
      memberId: 'wessex/GOV/wessex-exchange',
      gatewayId: 'wessex/GOV/wessex-exchange/tsa1',
    },
    ...overrides,
  });
  return { tsa: createTimestampAuthority({ privateKey, certificatePem }), privateKey, certificatePem, serialNumber };
}

export interface TestTimestamping {
  ca: CertificateAuthority;
  tsa: TestTsa;
  strangerCa: CertificateAuthority;
  strangerTsa: TestTsa;
}

export async function makeTimestamping(): Promise<TestTimestamping> {
  const [ca, strangerCa] = await Promise.all([
    createCertificateAuthority({ name: 'Wessex Data Exchange', federation: 'wessex' }),
    createCertificateAuthority({ name: 'Lyonesse Data Exchange', federation: 'lyonesse' }),
  ]);
  const [tsa, strangerTsa] = await Promise.all([tsaOf(ca), tsaOf(strangerCa)]);
  return { ca, tsa, strangerCa, strangerTsa };
}

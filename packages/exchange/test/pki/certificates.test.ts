import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { createCertificateAuthority } from '../../src/pki/certificate-authority.ts';
import { CertificateProblem } from '../../src/pki/certificate-problem.ts';
import { fingerprint, identityOfCertificate } from '../../src/pki/identity-of-certificate.ts';
import { issueCertificate } from '../../src/pki/issue-certificate.ts';
import { generateSigningKeyPair } from '../../src/pki/keys.ts';
import { verifyCertificate } from '../../src/pki/verify-certificate.ts';
import { x509 } from '../../src/pki/x509.ts';
import { DAY, issue, makeFederation, type TestFederation } from './fixtures.ts';

let federation: TestFederation;
beforeAll(async () => {
  federation = await makeFederation();
});

/** The reason verifyCertificate gives, or 'ok'. */
function reasonOf(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof CertificateProblem) return error.reason;
    throw error;
  }
}

describe('the certification authority', () => {
  test('is a self-signed Ed25519 root marked as a CA, for certificates and CRLs only', async () => {
    const { ca } = federation;
    const certificate = new x509.X509Certificate(ca.certificatePem);
    expect(certificate.subject).toBe('C=GB, O=Wessex Data Exchange, CN=wessex federation CA');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(await certificate.verify({ signatureOnly: true })).toBe(true);
    expect((certificate.signatureAlgorithm as { name?: string }).name).toBe('Ed25519');
    const basic = certificate.getExtension(x509.BasicConstraintsExtension)!;
    expect([basic.ca, basic.critical, basic.pathLength]).toEqual([true, true, 0]);
    const usage = certificate.getExtension(x509.KeyUsagesExtension)!;
    expect([usage.usages, usage.critical]).toEqual([x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true]);
    expect(certificate.getExtension(x509.SubjectKeyIdentifierExtension)).toBeTruthy();
    const years = (certificate.notAfter.getTime() - certificate.notBefore.getTime()) / DAY / 365;
    expect(years).toBeGreaterThan(9.9);
  });

  test('refuses a federation code that is not one', async () => {
    await expect(createCertificateAuthority({ name: 'X', federation: 'Not A Code' })).rejects.toMatchObject({ reason: 'invalid-request' });
  });
});

describe('issued certificates', () => {
  test('carry the member and gateway in the subject, the profile of their usage, and the CA’s key id', async () => {
    const { ca, casterbridge } = federation;
    const auth = new x509.X509Certificate(casterbridge.authCertificatePem);
    expect(auth.subject).toBe('C=GB, O=Casterbridge District Council, OU=wessex/GOV/casterbridge, CN=wessex/GOV/casterbridge/gw1');
    expect(auth.getExtension(x509.KeyUsagesExtension)!.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    expect(auth.getExtension(x509.ExtendedKeyUsageExtension)!.usages).toEqual([
      x509.ExtendedKeyUsage.serverAuth,
      x509.ExtendedKeyUsage.clientAuth,
    ]);
    expect(auth.getExtension(x509.SubjectAlternativeNameExtension)!.names.toJSON()).toEqual([{ type: 'ip', value: '127.0.0.1' }]);
    const caKeyId = new x509.X509Certificate(ca.certificatePem).getExtension(x509.SubjectKeyIdentifierExtension)!.keyId;
    expect(auth.getExtension(x509.AuthorityKeyIdentifierExtension)!.keyId).toBe(caKeyId);
    expect(auth.serialNumber).toBe(casterbridge.authSerial);
    expect(casterbridge.authSerial).toMatch(/^[0-7][0-9a-f]{31}$/); // 128 bits, positive
    const sign = new x509.X509Certificate(casterbridge.signCertificatePem);
    expect(sign.getExtension(x509.KeyUsagesExtension)!.usages).toBe(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
    );
    expect(sign.getExtension(x509.ExtendedKeyUsageExtension)).toBeNull();
    const years = (sign.notAfter.getTime() - sign.notBefore.getTime()) / DAY / 365;
    expect(years).toBeCloseTo(2, 1);
    const timestamping = new x509.X509Certificate((await issue(ca, { usage: 'timestamping' })).certificatePem);
    const eku = timestamping.getExtension(x509.ExtendedKeyUsageExtension)!;
    expect([eku.usages, eku.critical]).toEqual([[x509.ExtendedKeyUsage.timeStamping], true]);
  });

  test('identityOfCertificate says whose a certificate is, from PEM or DER', () => {
    const { casterbridge } = federation;
    const der = new X509Certificate(casterbridge.authCertificatePem).raw;
    const identity = identityOfCertificate(der);
    expect(identity).toMatchObject({
      memberId: 'wessex/GOV/casterbridge',
      gatewayId: 'wessex/GOV/casterbridge/gw1',
      organisationName: 'Casterbridge District Council',
      serialNumber: casterbridge.authSerial,
      issuer: 'C=GB, O=Wessex Data Exchange, CN=wessex federation CA',
    });
    expect(identity.fingerprint256).toBe(new X509Certificate(der).fingerprint256.replace(/:/g, '').toLowerCase());
    expect(identityOfCertificate(casterbridge.authCertificatePem)).toEqual(identity);
    expect(fingerprint(casterbridge.authCertificatePem)).toBe(identity.fingerprint256);
    identity.notAfter.setTime(0); // a copy: changing it changes nothing cached
    expect(identityOfCertificate(der).notAfter.getTime()).not.toBe(0);
  });

  test('a member certificate without a gateway names the member in CN', async () => {
    const { certificatePem } = await issue(federation.ca, {
      usage: 'sign',
      subject: { organisationName: 'Wessex County Council', memberId: 'wessex/GOV/wessex-council' },
    });
    const identity = identityOfCertificate(certificatePem);
    expect(identity.memberId).toBe('wessex/GOV/wessex-council');
    expect(identity.gatewayId).toBeUndefined();
  });

  test('refuses bad subjects, keys and a CA key that is not its certificate’s', async () => {
    const { ca, strangerCa } = federation;
    const publicKey = generateSigningKeyPair().publicKey;
    const subject = { organisationName: 'Casterbridge', memberId: 'wessex/GOV/casterbridge' };
    await expect(issueCertificate(ca, { publicKey, usage: 'auth', subject: { ...subject, memberId: 'casterbridge' } })).rejects.toThrow(
      /not a member id/,
    );
    await expect(
      issueCertificate(ca, { publicKey, usage: 'auth', subject: { ...subject, gatewayId: 'wessex/GOV/budmouth/gw1' } }),
    ).rejects.toThrow(/not a gateway id .* of member wessex\/GOV\/casterbridge/);
    await expect(issueCertificate(ca, { publicKey: 'not a key', usage: 'auth', subject })).rejects.toMatchObject({
      reason: 'invalid-request',
    });
    await expect(issueCertificate(ca, { publicKey, usage: 'email' as 'auth', subject })).rejects.toThrow(/not a certificate usage/);
    await expect(
      issueCertificate({ privateKey: strangerCa.privateKey, certificatePem: ca.certificatePem }, { publicKey, usage: 'auth', subject }),
    ).rejects.toThrow(/not the key of its certificate/);
    // The public key may come as SPKI PEM (as readCertificateRequest gives it).
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect((await issueCertificate(ca, { publicKey: pem, usage: 'sign', subject })).certificatePem).toContain('BEGIN CERTIFICATE');
  });

  test('OpenSSL agrees the chain is good', () => {
    const { ca, casterbridge } = federation;
    const certificate = new X509Certificate(casterbridge.authCertificatePem);
    expect(certificate.checkIssued(new X509Certificate(ca.certificatePem))).toBe(true);
    expect(certificate.verify(new X509Certificate(ca.certificatePem).publicKey)).toBe(true);
  });
});

describe('verifyCertificate', () => {
  const anchors = () => [federation.ca.certificatePem];

  test('accepts both gateways’ certificates for their usages and says whose they are', () => {
    const { casterbridge, budmouth } = federation;
    for (const gateway of [casterbridge, budmouth]) {
      expect(verifyCertificate(gateway.authCertificatePem, { trustAnchors: anchors(), usage: 'auth' }).gatewayId).toBe(gateway.gatewayId);
      expect(verifyCertificate(gateway.signCertificatePem, { trustAnchors: anchors(), usage: 'sign' }).memberId).toBe(gateway.memberId);
    }
  });

  test('refuses another CA’s certificate, unless that CA is trusted too (a federated CA)', () => {
    const { stranger, strangerCa } = federation;
    expect(() => verifyCertificate(stranger.authCertificatePem, { trustAnchors: anchors(), usage: 'auth' })).toThrow(
      /Certificate C=GB, O=Lyonesse County Council.* \(serial [0-9a-f]+\) was issued by C=GB, O=Lyonesse Data Exchange, CN=lyonesse federation CA, which is not a certification authority trusted here/,
    );
    expect(reasonOf(() => verifyCertificate(stranger.authCertificatePem, { trustAnchors: anchors() }))).toBe('untrusted');
    const both = [...anchors(), strangerCa.certificatePem];
    expect(verifyCertificate(stranger.authCertificatePem, { trustAnchors: both, usage: 'auth' }).gatewayId).toBe(
      'lyonesse/GOV/lyonesse/gw1',
    );
    expect(verifyCertificate(federation.casterbridge.authCertificatePem, { trustAnchors: both, usage: 'auth' }).gatewayId).toBe(
      'wessex/GOV/casterbridge/gw1',
    );
  });

  test('refuses a certificate whose signature bytes were altered', () => {
    const der = Buffer.from(new X509Certificate(federation.casterbridge.authCertificatePem).raw);
    der[der.length - 5]! ^= 0x01; // inside the Ed25519 signature, the certificate's last element
    expect(() => verifyCertificate(der, { trustAnchors: anchors() })).toThrow(
      /signature does not verify with the key of .*wessex federation CA.*altered or forged/,
    );
    expect(reasonOf(() => verifyCertificate(der, { trustAnchors: anchors() }))).toBe('untrusted');
  });

  test('a same-named CA with another key (an impostor) is no anchor', async () => {
    const impostor = await createCertificateAuthority({ name: 'Wessex Data Exchange', federation: 'wessex' });
    const forged = await issue(impostor);
    expect(reasonOf(() => verifyCertificate(forged.certificatePem, { trustAnchors: anchors() }))).toBe('untrusted');
  });

  test('refuses expired and not-yet-valid certificates, and those of an expired CA', async () => {
    const { ca } = federation;
    const now = Date.now();
    const expired = await issue(ca, { notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - 35 * DAY) });
    expect(reasonOf(() => verifyCertificate(expired.certificatePem, { trustAnchors: anchors() }))).toBe('expired');
    expect(() => verifyCertificate(expired.certificatePem, { trustAnchors: anchors() })).toThrow(/expired on \d{4}-/);
    const future = await issue(ca, { notBefore: new Date(now + DAY), notAfter: new Date(now + 30 * DAY) });
    expect(reasonOf(() => verifyCertificate(future.certificatePem, { trustAnchors: anchors() }))).toBe('not-yet-valid');
    expect(reasonOf(() => verifyCertificate(future.certificatePem, { trustAnchors: anchors(), now: new Date(now + 2 * DAY) }))).toBe('ok');
    const oldCa = await createCertificateAuthority({
      name: 'Old Exchange',
      federation: 'old',
      notBefore: new Date(now - 900 * DAY),
      notAfter: new Date(now - DAY),
    });
    const ofOldCa = await issue(oldCa, { notBefore: new Date(now - 10 * DAY), notAfter: new Date(now + 10 * DAY) });
    expect(() => verifyCertificate(ofOldCa.certificatePem, { trustAnchors: [oldCa.certificatePem] })).toThrow(
      /issued by .*Old Exchange.*which is valid only/,
    );
  });

  test('refuses a revoked serial number (in whichever case the list has it)', () => {
    const { casterbridge, budmouth } = federation;
    const revokedSerialNumbers = new Set([casterbridge.authSerial]);
    expect(reasonOf(() => verifyCertificate(casterbridge.authCertificatePem, { trustAnchors: anchors(), revokedSerialNumbers }))).toBe(
      'revoked',
    );
    expect(reasonOf(() => verifyCertificate(budmouth.authCertificatePem, { trustAnchors: anchors(), revokedSerialNumbers }))).toBe('ok');
    const upper = new Set([casterbridge.authSerial.toUpperCase()]);
    expect(() => verifyCertificate(casterbridge.authCertificatePem, { trustAnchors: anchors(), revokedSerialNumbers: upper })).toThrow(
      /has been revoked by the federation authority/,
    );
  });

  test('refuses a certificate used for what it is not for', async () => {
    const { ca, casterbridge } = federation;
    const check = (pem: string, usage: 'auth' | 'sign' | 'timestamping') =>
      reasonOf(() => verifyCertificate(pem, { trustAnchors: anchors(), usage }));
    expect(check(casterbridge.signCertificatePem, 'auth')).toBe('wrong-usage');
    expect(check(casterbridge.authCertificatePem, 'sign')).toBe('wrong-usage');
    expect(check(casterbridge.authCertificatePem, 'timestamping')).toBe('wrong-usage');
    const timestamping = await issue(ca, { usage: 'timestamping' });
    expect(check(timestamping.certificatePem, 'timestamping')).toBe('ok');
    expect(check(timestamping.certificatePem, 'auth')).toBe('wrong-usage');
    expect(check(timestamping.certificatePem, 'sign')).toBe('wrong-usage');
    expect(check(ca.certificatePem, 'auth')).toBe('wrong-usage'); // the CA itself is not a gateway
    expect(() => verifyCertificate(casterbridge.signCertificatePem, { trustAnchors: anchors(), usage: 'auth' })).toThrow(
      /cannot be used for auth: it lacks extended key usage serverAuth and clientAuth/,
    );
  });

  test('refuses garbage, and a trust anchor that is not a CA', () => {
    for (const garbage of ['', 'hello', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n']) {
      expect(reasonOf(() => verifyCertificate(garbage, { trustAnchors: anchors() }))).toBe('malformed');
    }
    expect(reasonOf(() => verifyCertificate(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]), { trustAnchors: anchors() }))).toBe('malformed');
    expect(() =>
      verifyCertificate(federation.casterbridge.authCertificatePem, { trustAnchors: [federation.budmouth.authCertificatePem] }),
    ).toThrow(/trust anchor .* is not a CA certificate/);
  });
});

import { createPublicKey } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createCertificateAuthority } from '../../src/pki/certificate-authority.ts';
import { createCertificateRequest, readCertificateRequest } from '../../src/pki/csr.ts';
import { issueCertificate } from '../../src/pki/issue-certificate.ts';
import { generateSigningKeyPair } from '../../src/pki/keys.ts';
import { verifyCertificate } from '../../src/pki/verify-certificate.ts';
import { x509 } from '../../src/pki/x509.ts';

const subject = {
  organisationName: 'Sandbourne Borough Council',
  memberId: 'wessex/GOV/sandbourne',
  gatewayId: 'wessex/GOV/sandbourne/gw1',
};

describe('certificate requests', () => {
  test('round trip: a gateway asks, the authority reads, checks and certifies the key', async () => {
    const { privateKey, publicKey } = generateSigningKeyPair();
    const pem = await createCertificateRequest(privateKey, subject);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const read = await readCertificateRequest(pem);
    expect(read).toEqual({
      ...subject,
      subject: 'C=GB, O=Sandbourne Borough Council, OU=wessex/GOV/sandbourne, CN=wessex/GOV/sandbourne/gw1',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const ca = await createCertificateAuthority({ name: 'Wessex Data Exchange', federation: 'wessex' });
    const issued = await issueCertificate(ca, { publicKey: read.publicKeyPem, usage: 'auth', subject });
    const identity = verifyCertificate(issued.certificatePem, { trustAnchors: [ca.certificatePem], usage: 'auth' });
    expect(identity.gatewayId).toBe(subject.gatewayId);
    expect(createPublicKey(issued.certificatePem).export({ type: 'spki', format: 'pem' })).toBe(read.publicKeyPem);
  });

  test('a request whose subject or signature was altered is refused', async () => {
    const pem = await createCertificateRequest(generateSigningKeyPair().privateKey, subject);
    const der = Buffer.from(new x509.Pkcs10CertificateRequest(pem).rawData);
    const at = der.indexOf(Buffer.from('sandbourne/gw1'));
    const renamed = Buffer.from(der);
    renamed.write('sandbourne/gw2', at); // ask for another gateway's name under the same signature
    await expect(readCertificateRequest(new x509.Pkcs10CertificateRequest(renamed).toString('pem'))).rejects.toMatchObject({
      reason: 'bad-signature',
      message: expect.stringMatching(/not signed by its own key/),
    });
    const resigned = Buffer.from(der);
    resigned[resigned.length - 1]! ^= 0xff;
    await expect(readCertificateRequest(new x509.Pkcs10CertificateRequest(resigned).toString('pem'))).rejects.toMatchObject({
      reason: 'bad-signature',
    });
  });

  test('a request signed by another key than the one it carries is refused', async () => {
    const { privateKey } = generateSigningKeyPair();
    const other = generateSigningKeyPair();
    const real = new x509.Pkcs10CertificateRequest(await createCertificateRequest(privateKey, subject));
    const forged = new x509.Pkcs10CertificateRequest(await createCertificateRequest(other.privateKey, subject));
    // Splice the other request's public key into this request's signed body: the signature no longer fits.
    const realDer = Buffer.from(real.rawData);
    const otherKey = Buffer.from(forged.publicKey.rawData);
    const ownKey = Buffer.from(real.publicKey.rawData);
    const spliced = Buffer.from(realDer);
    otherKey.copy(spliced, realDer.indexOf(ownKey));
    await expect(readCertificateRequest(new x509.Pkcs10CertificateRequest(spliced).toString('pem'))).rejects.toMatchObject({
      reason: 'bad-signature',
    });
  });

  test('text that is not a request is refused as malformed', async () => {
    await expect(readCertificateRequest('hello')).rejects.toMatchObject({ reason: 'malformed' });
    await expect(
      readCertificateRequest('-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----'),
    ).rejects.toMatchObject({
      reason: 'malformed',
    });
  });
});

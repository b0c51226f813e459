/**
 * Reading a member CA's revocation list where the CA's own certificate was signed with another
 * algorithm than its list: an ECDSA issuing CA under an RSA root, as an NHS trust's PKI is often
 * built. The list's signature must be checked with the CA's key as the list's algorithm needs it.
 */
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../src/pki/identity-of-certificate.ts';
import { readRevocationList } from '../../src/pki/revocation-list.ts';
import { randomSerialNumber, x509 } from '../../src/pki/x509.ts';

const { subtle } = webcrypto;
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' };
const { keyCertSign, cRLSign } = x509.KeyUsageFlags;
const caExtensions = () => [
  new x509.BasicConstraintsExtension(true, undefined, true),
  new x509.KeyUsagesExtension(keyCertSign | cRLSign, true),
];

describe('a revocation list from an ECDSA issuing CA under an RSA root', () => {
  it('verifies under the issuing CA’s key, and a list the root signed in its name does not', async () => {
    const rootKeys = (await subtle.generateKey(RSA, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const issuingKeys = (await subtle.generateKey(ECDSA, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const notBefore = new Date(Date.now() - 3_600_000);
    const notAfter = new Date(Date.now() + 365 * 86_400_000);
    const root = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerialNumber(),
      name: 'C=GB, O=Wessex Hospitals NHS Trust, CN=Wessex NHS Root CA',
      notBefore,
      notAfter,
      keys: rootKeys,
      signingAlgorithm: RSA,
      extensions: caExtensions(),
    });
    const issuing = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerialNumber(),
      subject: 'C=GB, O=Wessex Hospitals NHS Trust, CN=Wessex NHS Issuing CA',
      issuer: root.subjectName,
      notBefore,
      notAfter,
      publicKey: issuingKeys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm: RSA,
      extensions: caExtensions(),
    });
    const listBy = async (signingKey: webcrypto.CryptoKey, signingAlgorithm: typeof RSA | { name: string; hash: string }) =>
      (
        await x509.X509CrlGenerator.create({
          issuer: issuing.subjectName,
          thisUpdate: new Date(Date.now() - 60_000),
          nextUpdate: new Date(Date.now() + 7 * 86_400_000),
          entries: [{ serialNumber: '0a1b2c', revocationDate: new Date(Date.now() - 120_000), reason: x509.X509CrlReason.keyCompromise }],
          signingKey,
          signingAlgorithm,
        })
      ).toString('pem');

    const ca = parseCertificate(issuing.toString('pem'));
    const list = await readRevocationList(await listBy(issuingKeys.privateKey, { name: 'ECDSA', hash: 'SHA-256' }), ca, new Date());
    expect(list.entries).toEqual([{ serialNumber: '0a1b2c', revokedAt: expect.any(Date), reason: 'keyCompromise' }]);
    await expect(readRevocationList(await listBy(rootKeys.privateKey, RSA), ca, new Date())).rejects.toThrow(
      /signature does not verify under .*CN=Wessex NHS Issuing CA’s key/,
    );
  });
});

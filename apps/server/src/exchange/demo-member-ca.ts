/**
 * The demo's member with its own PKI: Wessex Hospitals runs an issuing CA, which the Wessex
 * operators trust, and its gateway enrols with certificates that CA issued rather than the
 * federation's — as a real trust would with its NHS PKI: `joinery gateway request-certificates`,
 * the CA answers the two requests, then `joinery gateway init --auth-certificate --sign-certificate`.
 * The CA's key lives in the demo's folder (mode 600), standing in for the trust's own CA; at
 * every start it publishes its revocation list, which the operators apply.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '@joinery/core';
import {
  applyRevocationList,
  createCertificateAuthority,
  fingerprint,
  issueCertificate,
  issueRevocationList,
  openAuthority,
  readCertificateRequest,
  readPrivateKeyFile,
  requestCertificates,
  systemActor,
  writePrivateKeyFile,
} from '@joinery/exchange';

export interface DemoMemberCa {
  /** Folder under the demo's exchange folder holding ca.key and ca.pem. */
  folder: string;
  organisationName: string;
  memberId: string;
}

const files = (dir: string) => ({ key: join(dir, 'ca.key'), certificate: join(dir, 'ca.pem') });

/** Makes the member's CA in `dir` and returns its certificate (for the operators to trust). */
export async function createDemoMemberCa(dir: string, organisationName: string): Promise<string> {
  const ca = await createCertificateAuthority({
    name: organisationName.slice(0, 64),
    federation: 'wessex-hospitals',
    commonName: `${organisationName.slice(0, 50)} issuing CA`,
  });
  mkdirSync(dir, { recursive: true });
  await writePrivateKeyFile(files(dir).key, ca.privateKey);
  writeFileSync(files(dir).certificate, ca.certificatePem);
  return ca.certificatePem;
}

/** The gateway asks for certificates; the member's CA answers both requests. Returns the certificate files for init. */
export async function certificatesFromMemberCa(
  caDir: string,
  gateway: { dir: string; token: string; gatewayId: string },
  member: Omit<DemoMemberCa, 'folder'>,
): Promise<{ auth: string; sign: string }> {
  const ca = { privateKey: await readPrivateKeyFile(files(caDir).key), certificatePem: readFileSync(files(caDir).certificate, 'utf8') };
  const requests = await requestCertificates({ dir: gateway.dir, token: gateway.token });
  const subject = { organisationName: member.organisationName.slice(0, 64), memberId: member.memberId, gatewayId: gateway.gatewayId };
  const issued = { auth: join(gateway.dir, 'requests', 'auth.pem'), sign: join(gateway.dir, 'requests', 'sign.pem') };
  for (const usage of ['auth', 'sign'] as const) {
    const request = await readCertificateRequest(readFileSync(usage === 'auth' ? requests.authRequest : requests.signRequest, 'utf8'));
    const certificate = await issueCertificate(ca, {
      publicKey: request.publicKeyPem,
      usage,
      subject,
      ...(usage === 'auth' ? { subjectAltNames: { ip: ['127.0.0.1'] } } : {}),
    });
    writeFileSync(issued[usage], certificate.certificatePem);
  }
  return issued;
}

/**
 * The member's CA publishes its current revocation list and the operators apply it, as their
 * scheduled job would each day: the demo does it at every start, so the list is never overdue.
 * Numbered by the second, so each list is newer than the last.
 */
export async function applyMemberCaRevocationList(database: Database, dataDir: string, caDir: string, federationCode: string) {
  const ca = { privateKey: await readPrivateKeyFile(files(caDir).key), certificatePem: readFileSync(files(caDir).certificate, 'utf8') };
  const now = Date.now();
  const crl = await issueRevocationList(ca, [], {
    number: Math.floor(now / 1000),
    thisUpdate: new Date(now - 1000),
    nextUpdate: new Date(now + 7 * 86_400_000),
  });
  return applyRevocationList(openAuthority(database, { dataDir }), systemActor('demo'), {
    federationCode,
    fingerprint: fingerprint(ca.certificatePem),
    crl,
  });
}

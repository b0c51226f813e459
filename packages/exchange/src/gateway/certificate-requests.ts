/**
 * A gateway's two key pairs and their PKCS #10 requests, for enrolment. Usually `initGateway`
 * makes the keys and sends the requests at once. A member that runs its own PKI first runs
 * `joinery gateway request-certificates`: the keys are made and kept in the gateway's folder
 * and the requests written beside them, for its CA to issue a TLS and a signing certificate;
 * `joinery gateway init --auth-certificate … --sign-certificate …` then enrols with those keys.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JoineryError } from '@joinery/core';
import { formatMemberId, parseGatewayId } from '../identifiers.ts';
import { createCertificateRequest, generateSigningKeyPair, isSameKey, readPrivateKeyFile } from '../pki/index.ts';
import { gatewayFiles } from './gateway-settings.ts';

/** A refusal the gateway's operator can act on: the CLI prints it as it is, not as an unexpected error. */
export class EnrolmentFailed extends JoineryError {
  constructor(message: string) {
    super('GATEWAY_ENROLMENT_FAILED', 400, message);
    this.name = 'EnrolmentFailed';
  }
}

export interface GatewayKeys {
  auth: KeyObject;
  sign: KeyObject;
  /** True when made now (they are written to the folder only once enrolment succeeds). */
  isNew: boolean;
}

/** Where request-certificates writes the two requests. */
export const requestFiles = (dir: string) => ({ auth: join(dir, 'requests', 'auth.csr.pem'), sign: join(dir, 'requests', 'sign.csr.pem') });

/** The keys kept in the folder by request-certificates, or new ones when there are none. */
export async function gatewayKeys(dir: string): Promise<GatewayKeys> {
  const files = gatewayFiles(dir);
  const kept = [existsSync(files.authKey), existsSync(files.signKey)];
  if (kept[0] && kept[1])
    return { auth: await readPrivateKeyFile(files.authKey), sign: await readPrivateKeyFile(files.signKey), isNew: false };
  if (kept[0] || kept[1])
    throw new EnrolmentFailed(`${dir}/keys holds only one of the gateway’s two keys (auth.key, sign.key): use a new folder`);
  return { auth: generateSigningKeyPair().privateKey, sign: generateSigningKeyPair().privateKey, isNew: true };
}

/** The requests for a gateway's keys; the subject says who asks (the authority decides what its own CA writes). */
export async function certificateRequestsFor(gatewayId: string, keys: Pick<GatewayKeys, 'auth' | 'sign'>) {
  const gateway = parseGatewayId(gatewayId);
  if (!gateway) throw new EnrolmentFailed(`"${gatewayId}" is not a gateway id INSTANCE/CLASS/MEMBER/GATEWAY`);
  const subject = { organisationName: gateway.memberCode, memberId: formatMemberId(gateway), gatewayId };
  return {
    authCsrPem: await createCertificateRequest(keys.auth, subject),
    signCsrPem: await createCertificateRequest(keys.sign, subject),
  };
}

/** Reads a certificate file and checks, before the authority does, that it is for the key it will be used with. */
export function readCertificateFor(path: string, key: KeyObject, usage: 'auth' | 'sign'): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EnrolmentFailed(
      `The ${usage} certificate cannot be read from ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw new EnrolmentFailed(`${path} is not a certificate (PEM): give the ${usage} certificate your CA issued`);
  }
  if (!isSameKey(certificate.publicKey, key))
    throw new EnrolmentFailed(
      `${path} is not for this gateway’s ${usage} key: have your CA answer ${usage === 'auth' ? 'requests/auth.csr.pem' : 'requests/sign.csr.pem'} from this folder`,
    );
  return pem;
}

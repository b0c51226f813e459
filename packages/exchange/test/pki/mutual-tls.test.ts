/**
 * Real mutual TLS 1.3 between two gateways holding Ed25519 certificates from the federation CA:
 * the server learns which gateway called from the certificate it presented, and a gateway with a
 * certificate from another CA does not get past the handshake.
 */
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyCertificate } from '../../src/pki/verify-certificate.ts';
import { makeFederation, type TestFederation, type TestGateway } from './fixtures.ts';

let federation: TestFederation;
let server: https.Server;
let port: number;
const seen: string[] = [];

const pemOf = (key: TestGateway['authKey']) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

beforeAll(async () => {
  federation = await makeFederation();
  const { ca, budmouth } = federation;
  server = https.createServer(
    {
      key: pemOf(budmouth.authKey),
      cert: budmouth.authCertificatePem,
      ca: [ca.certificatePem],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    },
    (request, response) => {
      const socket = request.socket as TLSSocket;
      // What the gateway does: check the peer's certificate as the federation sees it, then say whose it is.
      const peer = verifyCertificate(socket.getPeerCertificate().raw, { trustAnchors: [ca.certificatePem], usage: 'auth' });
      seen.push(peer.gatewayId!);
      response.end(JSON.stringify({ gatewayId: peer.gatewayId, protocol: socket.getProtocol(), cipher: socket.getCipher().name }));
    },
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

function call(client: TestGateway, trusted: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        key: pemOf(client.authKey),
        cert: client.authCertificatePem,
        ca: [trusted],
        minVersion: 'TLSv1.3',
        agent: false,
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(body));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('mutual TLS between gateways', () => {
  test('a gateway with a federation certificate is let in, and the server knows which gateway it is', async () => {
    const body = JSON.parse(await call(federation.casterbridge, federation.ca.certificatePem));
    expect(body).toEqual({ gatewayId: 'wessex/GOV/casterbridge/gw1', protocol: 'TLSv1.3', cipher: expect.any(String) });
    expect(seen).toContain('wessex/GOV/casterbridge/gw1');
  });

  test('a gateway whose certificate another CA issued is refused during the handshake', async () => {
    const before = seen.length;
    const error = await call(federation.stranger, federation.ca.certificatePem).then(
      () => undefined,
      (failure: NodeJS.ErrnoException) => failure,
    );
    // TLS 1.3: the client's half of the handshake is done before the server judges its certificate;
    // Node's server then finds OpenSSL's verify error and drops the connection before any request.
    expect(`${error?.code} ${error?.message}`).toMatch(/ERR_SSL_TLSV1_ALERT_UNKNOWN_CA|ECONNRESET|socket hang up/i);
    expect(seen.length).toBe(before);
  });

  test('a client that does not trust the server’s CA refuses it', async () => {
    // The server sends the federation CA with its own certificate; the client trusts another root.
    await expect(call(federation.casterbridge, federation.strangerCa.certificatePem)).rejects.toMatchObject({
      code: expect.stringMatching(/^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/),
    });
  });
});

/**
 * Kept-alive connections from this gateway to others (mutual TLS 1.3) and to its own backends.
 * A connection to a provider's gateway presents this gateway's authentication certificate,
 * trusts only the CAs in the configuration, and is pinned to the certificate the configuration
 * gives for that gateway: a valid certificate of some other gateway is refused.
 */
import { createHash } from 'node:crypto';
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import { Pool } from 'undici';
import type { IndexedGateway } from './configuration-view.ts';

export class CertificatePinMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificatePinMismatch';
  }
}

export interface TlsIdentity {
  keyPem: string;
  certificatePem: string;
}

export class Connections {
  private readonly gateways = new Map<string, Pool>();
  private readonly backends = new Map<string, Pool>();

  constructor(
    private readonly identity: TlsIdentity,
    private readonly connectionsPerPeer = 32,
  ) {}

  /** The pool for a provider gateway, as the current configuration describes it. */
  gatewayPool(gateway: IndexedGateway, certificationAuthorities: string[]): Pool {
    const key = `${gateway.id}\u0000${gateway.address}\u0000${gateway.authFingerprint}\u0000${certificationAuthorities.length}`;
    let pool = this.gateways.get(key);
    if (!pool) {
      for (const [other, stale] of this.gateways)
        if (other.startsWith(`${gateway.id}\u0000`)) {
          this.gateways.delete(other);
          void stale.close();
        }
      pool = new Pool(gateway.address, {
        connections: this.connectionsPerPeer,
        keepAliveTimeout: 30_000,
        connect: {
          key: this.identity.keyPem,
          cert: this.identity.certificatePem,
          ca: certificationAuthorities,
          minVersion: 'TLSv1.3',
          rejectUnauthorized: true,
          // The address may be an IP on loopback: identity is the pinned certificate, not the host name.
          checkServerIdentity: (_host: string, certificate: PeerCertificate | DetailedPeerCertificate) => {
            const fingerprint = createHash('sha256').update(certificate.raw).digest('hex');
            return fingerprint === gateway.authFingerprint
              ? undefined
              : new CertificatePinMismatch(`The gateway at ${gateway.address} presented a certificate that is not ${gateway.id}'s`);
          },
        },
      });
      this.gateways.set(key, pool);
    }
    return pool;
  }

  backendPool(origin: string): Pool {
    let pool = this.backends.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: this.connectionsPerPeer, keepAliveTimeout: 30_000 });
      this.backends.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.gateways.values(), ...this.backends.values()].map((pool) => pool.destroy()));
    this.gateways.clear();
    this.backends.clear();
  }
}

/**
 * The verified configurations a gateway routes by — its own federation's and those of the
 * federations its authority trusts — indexed for the lookups made on every message.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type {
  ConfigurationGateway,
  ConfigurationGrant,
  ConfigurationMember,
  ConfigurationService,
  ConfigurationSuccession,
  FederationConfiguration,
} from '../configuration/model.ts';

export interface IndexedGateway extends ConfigurationGateway {
  authFingerprint: string;
  signCertificate: X509Certificate;
  signKeyId: string;
}

function fingerprintOf(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
}

function keyIdOfCertificate(certificate: X509Certificate): string {
  return createHash('sha256')
    .update(certificate.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export class ConfigurationView {
  readonly own: FederationConfiguration;
  readonly federations = new Map<string, FederationConfiguration>();
  private readonly members = new Map<string, ConfigurationMember>();
  private readonly gateways = new Map<string, IndexedGateway>();
  private readonly services = new Map<string, ConfigurationService>();
  private readonly grantsByService = new Map<string, ConfigurationGrant[]>();
  private readonly successionByPredecessor = new Map<string, ConfigurationSuccession>();
  private readonly predecessorsBySuccessor = new Map<string, ConfigurationSuccession[]>();
  readonly revokedSerialNumbers = new Set<string>();
  /** CA certificates of every federation in view: the trust anchors for gateway certificates. */
  readonly certificationAuthorities: string[] = [];
  /** Timestamping services' certificates. */
  readonly timestampingCertificates: string[] = [];

  constructor(own: FederationConfiguration, trusted: FederationConfiguration[] = []) {
    this.own = own;
    for (const configuration of [own, ...trusted]) {
      this.federations.set(configuration.instance, configuration);
      for (const member of configuration.members) this.members.set(member.id, member);
      for (const gateway of configuration.gateways) {
        const signCertificate = new X509Certificate(gateway.signCertificatePem);
        this.gateways.set(gateway.id, {
          ...gateway,
          authFingerprint: fingerprintOf(gateway.authCertificatePem),
          signCertificate,
          signKeyId: keyIdOfCertificate(signCertificate),
        });
      }
      for (const service of configuration.services) this.services.set(service.id, service);
      for (const grant of configuration.grants) {
        const list = this.grantsByService.get(grant.service) ?? [];
        list.push(grant);
        this.grantsByService.set(grant.service, list);
      }
      for (const succession of configuration.successions) {
        this.successionByPredecessor.set(succession.predecessor, succession);
        const list = this.predecessorsBySuccessor.get(succession.successor) ?? [];
        list.push(succession);
        this.predecessorsBySuccessor.set(succession.successor, list);
      }
      for (const revoked of configuration.revokedCertificates) this.revokedSerialNumbers.add(revoked.serialNumber.toLowerCase());
      for (const authority of configuration.certificationAuthorities) this.certificationAuthorities.push(authority.certificatePem);
      for (const tsa of configuration.timestampingServices) this.timestampingCertificates.push(tsa.certificatePem);
    }
  }

  member(id: string): ConfigurationMember | undefined {
    return this.members.get(id);
  }

  allMembers(): ConfigurationMember[] {
    return [...this.members.values()];
  }

  gateway(id: string): IndexedGateway | undefined {
    return this.gateways.get(id);
  }

  /** The gateway whose authentication certificate has this SHA-256 fingerprint. */
  gatewayByAuthFingerprint(fingerprint: string): IndexedGateway | undefined {
    for (const gateway of this.gateways.values()) if (gateway.authFingerprint === fingerprint) return gateway;
    return undefined;
  }

  service(id: string): ConfigurationService | undefined {
    return this.services.get(id);
  }

  allServices(): ConfigurationService[] {
    return [...this.services.values()];
  }

  grantsFor(serviceId: string): ConfigurationGrant[] {
    return this.grantsByService.get(serviceId) ?? [];
  }

  successionOf(predecessorMemberId: string): ConfigurationSuccession | undefined {
    return this.successionByPredecessor.get(predecessorMemberId);
  }

  /** Members this member has succeeded (their grants as clients carry across to it). */
  predecessorsOf(successorMemberId: string): ConfigurationSuccession[] {
    return this.predecessorsBySuccessor.get(successorMemberId) ?? [];
  }

  /** The earliest expiry among the configurations in view. */
  get expiresAt(): Date {
    return new Date(Math.min(...[...this.federations.values()].map((c) => Date.parse(c.expiresAt))));
  }
}

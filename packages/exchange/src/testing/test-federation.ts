/**
 * A federation in a box, for gateway tests and benchmarks: a CA, a timestamping authority, a
 * small HTTP stand-in for the authority (serving the signed configuration, the TSA, OpenAPI
 * descriptions and report intake), and gateway folders with real keys and certificates. The
 * configuration is built directly (the real authority, with its database, is tested on its
 * own), so tests can publish any configuration — expired certificates, revoked members,
 * successions — and watch the gateways react.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigurationGrant, FederationConfiguration, SignedConfiguration } from '../configuration/model.ts';
import { canonicalJson, signConfiguration, signingKeyOf } from '../configuration/signature.ts';
import { freeLoopbackPort } from '../gateway/free-port.ts';
import { DEFAULT_LIMITS, DEFAULT_LOG, gatewayFiles, writeGatewaySettings, type GatewaySettings } from '../gateway/gateway-settings.ts';
import {
  createCertificateAuthority,
  generateSigningKeyPair,
  issueCertificate,
  writePrivateKeyFile,
  type CertificateAuthority,
} from '../pki/index.ts';
import { createTimestampAuthority, generateTimestampingKeyPair } from '../timestamp/index.ts';

export interface TestGatewaySpec {
  memberCode: string;
  memberClass?: string;
  name?: string;
  gatewayCode?: string;
  subsystems: string[];
  backends?: GatewaySettings['backends'];
  /** Certificate validity overrides (to test expired certificates). */
  authNotAfter?: Date;
  /** Issue the auth certificate from another CA (to test untrusted certificates). */
  foreignCa?: CertificateAuthority;
  /** Issue both certificates from this CA instead of the federation's (an external CA the configuration may list). */
  issuer?: CertificateAuthority;
}

export interface TestGateway {
  id: string;
  memberId: string;
  dir: string;
  exchangePort: number;
  localPort: number;
  authCertificatePem: string;
  signCertificatePem: string;
  authSerial: string;
}

export interface TestFederation {
  instance: string;
  dir: string;
  url: string;
  ca: CertificateAuthority;
  configurationKey: KeyObject;
  configuration: FederationConfiguration;
  gateways: Map<string, TestGateway>;
  openApi: Map<string, unknown>;
  reports: unknown[];
  /** Change the configuration and publish it (serial + 1, re-signed). */
  publish(change?: (configuration: FederationConfiguration) => void): SignedConfiguration;
  addGateway(spec: TestGatewaySpec): Promise<TestGateway>;
  /** A service with an OpenAPI description and its operations. */
  addService(input: {
    provider: string;
    subsystem: string;
    code: string;
    title?: string;
    gateway?: string;
    openApi: { paths: Record<string, Record<string, { operationId: string }>> };
  }): string;
  grant(input: Partial<ConfigurationGrant> & { client: string; service: string }): ConfigurationGrant;
  close(): Promise<void>;
}

const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export async function createTestFederation(
  options: { instance?: string; name?: string; validityHours?: number } = {},
): Promise<TestFederation> {
  const instance = options.instance ?? 'testfed';
  const dir = mkdtempSync(join(tmpdir(), `joinery-federation-${instance}-`));
  const ca = await createCertificateAuthority({ name: `${instance} federation`, federation: instance });
  const configurationKey = generateKeyPairSync('ed25519').privateKey;
  const tsaKey = generateTimestampingKeyPair();
  const tsaCertificate = await issueCertificate(ca, {
    publicKey: tsaKey.publicKey,
    usage: 'timestamping',
    subject: { organisationName: `${instance} federation`, memberId: `${instance}/GOV/authority` },
  });
  const tsa = createTimestampAuthority({ privateKey: tsaKey.privateKey, certificatePem: tsaCertificate.certificatePem });

  let signed: SignedConfiguration | undefined;
  const openApi = new Map<string, unknown>();
  const reports: unknown[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(request.url ?? '/', 'http://authority').pathname;
    const base = `/api/exchange/federations/${instance}`;
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (path === `${base}/configuration`) return json(200, signed);
    if (path === `${base}/timestamps` && request.method === 'POST') {
      response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      return response.end(tsa.respond(body));
    }
    if (path === `${base}/gateway-reports` && request.method === 'POST') {
      reports.push(JSON.parse(body.toString('utf8')));
      return json(202, { accepted: true });
    }
    const described = /^\/api\/exchange\/federations\/[^/]+\/services\/(.+)\/openapi$/.exec(path);
    if (described && openApi.has(described[1]!)) return json(200, openApi.get(described[1]!));
    json(404, { message: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const configurationUrl = `${url}/api/exchange/federations/${instance}/configuration`;

  const now = new Date();
  const configuration: FederationConfiguration = {
    format: 'joinery-federation-configuration/1',
    instance,
    name: options.name ?? `${instance} federation`,
    serial: 0,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (options.validityHours ?? 24) * 3_600_000).toISOString(),
    authority: { configurationUrl, signingKeys: [signingKeyOf(configurationKey)] },
    certificationAuthorities: [{ name: `${instance} CA`, certificatePem: ca.certificatePem, isExternal: false }],
    timestampingServices: [
      {
        name: `${instance} TSA`,
        url: `${url}/api/exchange/federations/${instance}/timestamps`,
        certificatePem: tsaCertificate.certificatePem,
      },
    ],
    members: [],
    gateways: [],
    services: [],
    grants: [],
    successions: [],
    revokedCertificates: [],
    trustedFederations: [],
  };
  const gateways = new Map<string, TestGateway>();

  const federation: TestFederation = {
    instance,
    dir,
    url,
    ca,
    configurationKey,
    configuration,
    gateways,
    openApi,
    reports,
    publish(change) {
      change?.(configuration);
      configuration.serial += 1;
      configuration.issuedAt = new Date().toISOString();
      signed = signConfiguration(structuredClone(configuration), configurationKey);
      return signed;
    },
    async addGateway(spec) {
      const memberId = `${instance}/${spec.memberClass ?? 'GOV'}/${spec.memberCode}`;
      const id = `${memberId}/${spec.gatewayCode ?? 'gw1'}`;
      const gatewayDir = join(dir, `${spec.memberCode}-${spec.gatewayCode ?? 'gw1'}`);
      const files = gatewayFiles(gatewayDir);
      mkdirSync(join(gatewayDir, 'keys'), { recursive: true });
      mkdirSync(join(gatewayDir, 'certificates'), { recursive: true });
      const auth = generateSigningKeyPair();
      const signing = generateSigningKeyPair();
      const subject = { organisationName: spec.name ?? spec.memberCode, memberId, gatewayId: id };
      const authCertificate = await issueCertificate(spec.foreignCa ?? spec.issuer ?? ca, {
        publicKey: auth.publicKey,
        usage: 'auth',
        subject,
        subjectAltNames: { ip: ['127.0.0.1'] },
        ...(spec.authNotAfter ? { notBefore: new Date(spec.authNotAfter.getTime() - 86_400_000), notAfter: spec.authNotAfter } : {}),
      });
      const signCertificate = await issueCertificate(spec.issuer ?? ca, { publicKey: signing.publicKey, usage: 'sign', subject });
      await writePrivateKeyFile(files.authKey, auth.privateKey);
      await writePrivateKeyFile(files.signKey, signing.privateKey);
      writeFileSync(files.authCertificate, authCertificate.certificatePem);
      writeFileSync(files.signCertificate, signCertificate.certificatePem);
      writeFileSync(files.caCertificate, (spec.issuer ?? ca).certificatePem);
      const exchangePort = await freeLoopbackPort();
      const localPort = await freeLoopbackPort();
      writeGatewaySettings(gatewayDir, {
        format: 'joinery-gateway/1',
        gatewayId: id,
        anchor: { instance, configurationUrl, signingKeys: [signingKeyOf(configurationKey)] },
        localListen: { host: '127.0.0.1', port: localPort },
        exchangeListen: { host: '127.0.0.1', port: exchangePort },
        backends: spec.backends ?? {},
        limits: { ...DEFAULT_LIMITS, configurationRefreshSeconds: 3600, reportIntervalSeconds: 3600 },
        log: { ...DEFAULT_LOG, checkpointIntervalMs: 200 },
      });
      if (!configuration.members.some((m) => m.id === memberId))
        configuration.members.push({
          id: memberId,
          name: spec.name ?? spec.memberCode,
          organisationCode: spec.memberCode,
          status: 'active',
          subsystems: spec.subsystems.map((code) => ({ code, name: code })),
        });
      configuration.gateways.push({
        id,
        address: `https://127.0.0.1:${exchangePort}`,
        authCertificatePem: authCertificate.certificatePem,
        signCertificatePem: signCertificate.certificatePem,
      });
      const gateway: TestGateway = {
        id,
        memberId,
        dir: gatewayDir,
        exchangePort,
        localPort,
        authCertificatePem: authCertificate.certificatePem,
        signCertificatePem: signCertificate.certificatePem,
        authSerial: authCertificate.serialNumber,
      };
      gateways.set(id, gateway);
      return gateway;
    },
    addService(input) {
      const id = `${input.provider}/${input.subsystem}/${input.code}`;
      const operations = Object.entries(input.openApi.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ operationId: operation.operationId, method: method.toUpperCase(), path })),
      );
      const document = { openapi: '3.1.0', info: { title: input.title ?? input.code, version: '1' }, ...input.openApi };
      openApi.set(id, document);
      configuration.services.push({
        id,
        title: input.title ?? input.code,
        gatewayId: input.gateway ?? `${input.provider}/gw1`,
        openApiSha256: createHash('sha256').update(canonicalJson(document)).digest('hex'),
        operations,
      });
      return id;
    },
    grant(input) {
      const grant: ConfigurationGrant = {
        id: input.id ?? `grant-${configuration.grants.length + 1}`,
        operations: ['*'],
        purpose: 'Testing the exchange',
        lawfulBasis: 'UK GDPR Art. 6(1)(e)',
        agreement: 'Test data-sharing agreement',
        validFrom: day(-30),
        expiresOn: day(365),
        recertifyBy: day(180),
        approvedBy: 'provider.admin',
        approvedAt: new Date().toISOString(),
        ...input,
      };
      configuration.grants.push(grant);
      return grant;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return federation;
}

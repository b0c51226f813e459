/**
 * The authority's whole flow, as the Wessex federation would run it: a federation, its members
 * and subsystems, a gateway registered and enrolled with real certificate requests, a service
 * described by OpenAPI 3.1, an access right proposed by the client, refused to a non-provider,
 * approved by the provider — and a signed configuration after every change that verifies with
 * the anchor, whose serial rises, and that shows revocations and expired grants.
 */
import { X509Certificate } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationRejected, verifyConfiguration } from '../../src/index.ts';
import {
  addSubsystem,
  admitMember,
  approveGrant,
  createFederation,
  enrolGateway,
  federationAnchor,
  latestConfiguration,
  listGrants,
  proposeGrant,
  publishConfiguration,
  recertifyGrant,
  registerGateway,
  registerService,
  revokeCertificate,
  revokeMember,
  declareSuccession,
  listMembers,
} from '../../src/authority/index.ts';
import { ADDRESS_API, CLI, countRows, gatewayRequests, startTestAuthority, type TestAuthority } from './helpers.ts';

let t: TestAuthority;
beforeAll(async () => {
  t = await startTestAuthority();
});
afterAll(async () => t.dispose());

const serial = async () => (await latestConfiguration(t.authority, 'wessex'))!.configuration.serial;

describe('the federation authority', () => {
  it('creates a hosted federation with its keys sealed, a partnership and a first configuration', async () => {
    const federation = await createFederation(t.authority, t.actors.wessexAdmin, {
      code: 'wessex',
      name: 'Wessex Data Exchange',
      publicUrl: 'http://localhost:3000',
      operatorOrganisationCode: 'wessex-council',
      organisationCodes: ['wessex-council', 'casterbridge'],
    });
    expect(federation).toMatchObject({
      code: 'wessex',
      isHosted: true,
      operatorOrganisationCode: 'wessex-council',
      configurationUrl: 'http://localhost:3000/api/exchange/federations/wessex/configuration',
    });
    const { rows: keys } = await sql<{
      purpose: string;
      encrypted_private_key: string;
      certificate_pem: string | null;
    }>`select purpose, encrypted_private_key, certificate_pem from exchange_authority_keys order by purpose`.execute(t.database.db);
    expect(keys.map((k) => k.purpose)).toEqual(['certification', 'configuration', 'timestamping']);
    for (const key of keys) {
      expect(key.encrypted_private_key).not.toMatch(/PRIVATE KEY|BEGIN/);
      expect(key.encrypted_private_key).toMatch(/^v1\./);
    }
    const tsa = new X509Certificate(keys.find((k) => k.purpose === 'timestamping')!.certificate_pem!);
    expect(tsa.checkIssued(new X509Certificate(keys.find((k) => k.purpose === 'certification')!.certificate_pem!))).toBe(true);
    const { rows: partnership } = await sql<{
      organisation_code: string;
    }>`select organisation_code from partnership_members where partnership_code = 'wessex' order by 1`.execute(t.database.db);
    expect(partnership.map((p) => p.organisation_code)).toEqual(['casterbridge', 'wessex-council']);
    const signed = await latestConfiguration(t.authority, 'wessex');
    const anchor = await federationAnchor(t.authority, 'wessex');
    const configuration = verifyConfiguration(signed, { anchors: anchor.signingKeys, instance: 'wessex', now: t.clock.now });
    expect(configuration.serial).toBe(1);
    expect(configuration.members.map((m) => m.id)).toEqual(['wessex/GOV/casterbridge', 'wessex/GOV/wessex-council']);
    expect(configuration.timestampingServices[0]!.url).toBe('http://localhost:3000/api/exchange/federations/wessex/timestamps');
  });

  it('admits members with the class their organisation type implies, and subsystems', async () => {
    const before = await serial();
    await admitMember(t.authority, t.actors.wessexAdmin, { federationCode: 'wessex', organisationCode: 'wessex-nhs' });
    await admitMember(t.authority, CLI, { federationCode: 'wessex', organisationCode: 'egdon-homes' });
    await admitMember(t.authority, CLI, { federationCode: 'wessex', organisationCode: 'budmouth', memberClass: 'GOV' });
    await addSubsystem(t.authority, t.actors.casterbridgeAdmin, {
      federationCode: 'wessex',
      memberCode: 'casterbridge',
      code: 'housing',
      name: 'Housing register',
    });
    await addSubsystem(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      memberCode: 'wessex-council',
      code: 'addresses',
      name: 'Address register',
    });
    const members = await listMembers(t.authority, 'wessex');
    expect(members.map((m) => m.id)).toEqual([
      'wessex/GOV/budmouth',
      'wessex/GOV/casterbridge',
      'wessex/NGO/egdon-homes',
      'wessex/GOV/wessex-council',
      'wessex/NHS/wessex-nhs',
    ]);
    expect(await serial()).toBe(before + 5);
  });

  it('a member’s administrator is refused the operators’ work, and the refusal is audited', async () => {
    const before = await countRows(t.database);
    await expect(
      revokeMember(t.authority, t.actors.casterbridgeAdmin, { federationCode: 'wessex', memberCode: 'budmouth', reason: 'spite' }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_FORBIDDEN', status: 403 });
    expect(await countRows(t.database)).toEqual(before);
    const { rows } = await sql<{
      action: string;
      actor_username: string;
      outcome: string;
    }>`select action, actor_username, outcome from audit_events order by id desc limit 1`.execute(t.database.db);
    expect(rows[0]).toEqual({ action: 'access.refused', actor_username: 'casterbridge.admin', outcome: 'refused' });
  });

  let token = '';
  it('registers a gateway and enrols it with its two certificate requests', async () => {
    const issued = await registerGateway(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      memberCode: 'wessex-council',
      gatewayCode: 'gw1',
      address: 'https://127.0.0.1:5501',
    });
    expect(issued.gateway).toMatchObject({ id: 'wessex/GOV/wessex-council/gw1', status: 'enrolling' });
    expect(issued.token).toMatch(/^jx1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    token = issued.token;
    const { rows } = await sql<{ token_sha256: string }>`select token_sha256 from exchange_enrolment_tokens`.execute(t.database.db);
    expect(rows.some((r) => issued.token.includes(r.token_sha256))).toBe(false);

    const requests = await gatewayRequests('wessex/GOV/wessex-council/gw1', 'Wessex Council');
    const before = await serial();
    const enrolment = await enrolGateway(t.authority, { token, authCsrPem: requests.authCsrPem, signCsrPem: requests.signCsrPem });
    expect(enrolment.gatewayId).toBe('wessex/GOV/wessex-council/gw1');
    const auth = new X509Certificate(enrolment.authCertificatePem);
    const ca = new X509Certificate(enrolment.caCertificatePem);
    expect(auth.checkIssued(ca) && auth.verify(ca.publicKey)).toBe(true);
    expect(auth.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(auth.subject).toContain('CN=wessex/GOV/wessex-council/gw1');
    expect(enrolment.configurationSerial).toBe(before + 1);
    const configuration = verifyConfiguration(await latestConfiguration(t.authority, 'wessex'), {
      anchors: enrolment.anchor.signingKeys,
      now: t.clock.now,
    });
    expect(configuration.gateways).toEqual([
      {
        id: 'wessex/GOV/wessex-council/gw1',
        address: 'https://127.0.0.1:5501',
        authCertificatePem: enrolment.authCertificatePem,
        signCertificatePem: enrolment.signCertificatePem,
      },
    ]);
  });

  it('the token works once', async () => {
    const requests = await gatewayRequests('wessex/GOV/wessex-council/gw1');
    const before = await countRows(t.database);
    await expect(enrolGateway(t.authority, { token, ...requests })).rejects.toMatchObject({
      code: 'EXCHANGE_ENROLMENT_TOKEN_USED',
      status: 409,
    });
    expect(await countRows(t.database)).toEqual(before);
  });

  let grantId = '';
  it('registers a service from OpenAPI 3.1, and a client proposes access the provider alone approves', async () => {
    const { service } = await registerService(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      memberCode: 'wessex-council',
      subsystemCode: 'addresses',
      serviceCode: 'address-lookup',
      gatewayCode: 'gw1',
      title: 'Address lookup',
      openApi: ADDRESS_API,
    });
    expect(service.id).toBe('wessex/GOV/wessex-council/addresses/address-lookup');
    expect(service.operations.map((o) => o.operationId).sort()).toEqual(['getAddress', 'searchAddresses']);
    const grant = await proposeGrant(t.authority, t.actors.casterbridgeAdmin, {
      federationCode: 'wessex',
      client: 'wessex/GOV/casterbridge/housing',
      service: service.id,
      operations: ['getAddress'],
      purpose: 'Checking housing applicants’ addresses',
      lawfulBasis: 'UK GDPR 6(1)(e): housing duties',
      agreement: 'Wessex DSA 2026-01',
      validFrom: '2026-03-01',
      expiresOn: '2027-03-01',
      recertifyBy: '2026-09-01',
    });
    expect(grant.status).toBe('proposed');
    const proposedSerial = await serial();
    expect((await latestConfiguration(t.authority, 'wessex'))!.configuration.grants).toEqual([]);
    await expect(
      approveGrant(t.authority, t.actors.casterbridgeAdmin, { federationCode: 'wessex', grantId: grant.id, note: 'we need it' }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_FORBIDDEN' });
    const approved = await approveGrant(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      grantId: grant.id,
      note: 'Agreed under the DSA',
    });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'wessex.admin', daysToExpiry: 364, isRecertificationOverdue: false });
    grantId = grant.id;
    const configuration = (await latestConfiguration(t.authority, 'wessex'))!.configuration;
    expect(configuration.serial).toBe(proposedSerial + 1);
    expect(configuration.grants).toMatchObject([
      { id: grant.id, client: 'wessex/GOV/casterbridge/housing', operations: ['getAddress'], approvedBy: 'wessex.admin' },
    ]);
    expect(configuration.services[0]).toMatchObject({
      id: service.id,
      gatewayId: 'wessex/GOV/wessex-council/gw1',
      openApiSha256: service.openApiSha256,
    });
  });

  it('lists expired grants and overdue recertification, and keeps expired grants in the configuration with their dates', async () => {
    t.clock.now = new Date('2026-10-01T09:00:00Z');
    const [overdue] = await listGrants(t.authority, 'wessex', { status: 'approved' });
    expect(overdue).toMatchObject({ isRecertificationOverdue: true, isExpired: false });
    await recertifyGrant(t.authority, t.actors.wessexAdmin, { federationCode: 'wessex', grantId, recertifyBy: '2027-02-01' });
    t.clock.now = new Date('2027-03-05T09:00:00Z');
    const [expired] = await listGrants(t.authority, 'wessex');
    expect(expired).toMatchObject({ isExpired: true, daysToExpiry: -4 });
    const signed = await publishConfiguration(t.authority, CLI, 'wessex');
    expect(signed.configuration.grants[0]).toMatchObject({ id: grantId, expiresOn: '2027-03-01', recertifyBy: '2027-02-01' });
    t.clock.now = new Date('2026-03-03T09:00:00Z');
  });

  it('successions are published', async () => {
    await declareSuccession(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      predecessorCode: 'casterbridge',
      successorCode: 'wessex-council',
      dualRunningFrom: '2027-04-01',
      dualRunningUntil: '2027-09-30',
    });
    await expect(
      declareSuccession(t.authority, t.actors.casterbridgeAdmin, {
        federationCode: 'wessex',
        predecessorCode: 'budmouth',
        successorCode: 'wessex-council',
        dualRunningFrom: '2027-04-01',
        dualRunningUntil: '2027-09-30',
      }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_FORBIDDEN' });
    const configuration = (await latestConfiguration(t.authority, 'wessex'))!.configuration;
    expect(configuration.successions).toEqual([
      {
        predecessor: 'wessex/GOV/casterbridge',
        successor: 'wessex/GOV/wessex-council',
        dualRunningFrom: '2027-04-01',
        dualRunningUntil: '2027-09-30',
      },
    ]);
  });

  it('publications at the same moment take consecutive serials; a token raced twice works once', async () => {
    const before = await serial();
    const both = await Promise.all([publishConfiguration(t.authority, CLI, 'wessex'), publishConfiguration(t.authority, CLI, 'wessex')]);
    expect(both.map((s) => s.configuration.serial).sort()).toEqual([before + 1, before + 2]);
    const { token } = await registerGateway(t.authority, CLI, {
      federationCode: 'wessex',
      memberCode: 'casterbridge',
      gatewayCode: 'gw9',
      address: 'https://[::1]:5509',
    });
    const requests = await gatewayRequests('wessex/GOV/casterbridge/gw9');
    const results = await Promise.allSettled([
      enrolGateway(t.authority, { token, ...requests }),
      enrolGateway(t.authority, { token, ...requests }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const enrolled = results.find((r) => r.status === 'fulfilled')!.value;
    expect(new X509Certificate(enrolled.authCertificatePem).subjectAltName).toContain('IP Address:0:0:0:0:0:0:0:1');
  });

  it('revoked certificates and members appear in the configuration', async () => {
    const configuration = (await latestConfiguration(t.authority, 'wessex'))!.configuration;
    const gw1 = configuration.gateways.find((g) => g.id === 'wessex/GOV/wessex-council/gw1')!;
    const authSerial = new X509Certificate(gw1.authCertificatePem).serialNumber.toLowerCase().replace(/^(00)+/, '');
    await revokeCertificate(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      serialNumber: authSerial,
      reason: 'key copied to a laptop',
    });
    let latest = (await latestConfiguration(t.authority, 'wessex'))!.configuration;
    expect(latest.revokedCertificates).toEqual([expect.objectContaining({ serialNumber: authSerial, reason: 'key copied to a laptop' })]);
    // gw1 has no current auth certificate: not routable until it enrols again.
    expect(latest.gateways.map((g) => g.id)).toEqual(['wessex/GOV/casterbridge/gw9']);
    await revokeMember(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      memberCode: 'wessex-council',
      reason: 'left the federation',
    });
    latest = (await latestConfiguration(t.authority, 'wessex'))!.configuration;
    expect(latest.members.find((m) => m.id === 'wessex/GOV/wessex-council')).toMatchObject({
      status: 'revoked',
      revokedAt: expect.any(String),
    });
    expect(latest.revokedCertificates).toHaveLength(2);
    // Every configuration ever published still verifies, with serials 1, 2, 3, … in order.
    const { rows } = await sql<{
      serial: number;
      signed_document: unknown;
    }>`select serial, signed_document from exchange_configurations where federation_code = 'wessex' order by serial`.execute(t.database.db);
    const anchor = await federationAnchor(t.authority, 'wessex');
    expect(rows.map((r) => r.serial)).toEqual(rows.map((_, i) => i + 1));
    for (const row of rows)
      expect(() => verifyConfiguration(row.signed_document, { anchors: anchor.signingKeys, now: t.clock.now })).not.toThrow();
    const tampered = structuredClone(rows.at(-1)!.signed_document) as { configuration: { members: unknown[] } };
    tampered.configuration.members.pop();
    expect(() => verifyConfiguration(tampered, { anchors: anchor.signingKeys, now: t.clock.now })).toThrow(ConfigurationRejected);
  });
});

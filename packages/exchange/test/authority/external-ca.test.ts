/**
 * Trusting an external certification authority: the NHS trust runs its own PKI, the Wessex
 * operators trust its issuing CA, and the trust's gateway enrols with certificates that CA
 * issued for its keys. Every refusal is specific and changes nothing; stopping trusting the CA
 * revokes what it issued and takes the gateway out of the configuration.
 */
import { X509Certificate } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyConfiguration } from '../../src/index.ts';
import {
  createFederation,
  enrolGateway,
  federationAnchor,
  latestConfiguration,
  listCertificates,
  listCertificationAuthorities,
  registerGateway,
  stopTrustingCertificationAuthority,
  trustCertificationAuthority,
} from '../../src/authority/index.ts';
import { createCertificateAuthority, type CertificateAuthority } from '../../src/pki/index.ts';
import { createExternalCa, issueExternalCertificate, issueFromExternalCa } from './external-ca.ts';
import { CLI, countRows, gatewayRequests, startTestAuthority, type TestAuthority } from './helpers.ts';

let t: TestAuthority;
let nhsCa: CertificateAuthority;
// The trust's PKI is real time; so is the authority's clock here.
beforeAll(async () => {
  t = await startTestAuthority(new Date());
  await createFederation(t.authority, CLI, {
    code: 'wessex',
    name: 'Wessex Data Exchange',
    publicUrl: 'http://localhost:3000',
    operatorOrganisationCode: 'wessex-council',
    organisationCodes: ['wessex-council', 'wessex-nhs'],
  });
  nhsCa = await createExternalCa();
});
afterAll(async () => t.dispose());

const configuration = async () =>
  verifyConfiguration(await latestConfiguration(t.authority, 'wessex'), {
    anchors: (await federationAnchor(t.authority, 'wessex')).signingKeys,
    now: t.clock.now,
  });

const fingerprintOf = (pem: string) => new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();

async function newGatewayToken(gatewayCode: string) {
  const { token } = await registerGateway(t.authority, t.actors.nhsAdmin, {
    federationCode: 'wessex',
    memberCode: 'wessex-nhs',
    gatewayCode,
    address: 'https://127.0.0.1:5611',
  });
  return token;
}

describe('external certification authorities', () => {
  it('the federation starts with its own CA only, which an NHS administrator may not add to', async () => {
    const cas = await listCertificationAuthorities(t.authority, 'wessex');
    expect(cas).toHaveLength(1);
    expect(cas[0]).toMatchObject({ isExternal: false, isTrusted: true, name: 'Wessex Data Exchange certification authority' });
    await expect(
      trustCertificationAuthority(t.authority, t.actors.nhsAdmin, {
        federationCode: 'wessex',
        name: 'Wessex NHS Issuing CA',
        certificatePem: nhsCa.certificatePem,
      }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_FORBIDDEN' });
  });

  it('refuses what is not a CA it can trust, saying why, and changes nothing', async () => {
    const before = await countRows(t.database);
    const leaf = { certificatePem: await issueExternalCertificate(nhsCa, (await gatewayRequests('x/GOV/y/z')).authKey, 'auth') };
    const expired = await createExternalCa({ notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    // One character of the serial number changed (always to a different one), so the self-signature no longer verifies.
    const damaged = nhsCa.certificatePem.replace(
      /(\n[A-Za-z0-9+/]{20})([A-Za-z0-9+/])/,
      (_m, before: string, original: string) => `${before}${original === 'A' ? 'B' : 'A'}`,
    );
    expect(damaged).not.toBe(nhsCa.certificatePem);
    const own = (await listCertificationAuthorities(t.authority, 'wessex'))[0]!.certificatePem;
    const attempts: [string, string, RegExp][] = [
      ['not a certificate', 'hello', /PEM text/],
      ['a leaf certificate', leaf.certificatePem, /is not a CA certificate/],
      ['an expired CA', expired.certificatePem, /expired on 2021-01-01/],
      ['two certificates', nhsCa.certificatePem + expired.certificatePem, /one CA certificate at a time/],
      ['a damaged copy', damaged, /not an X\.509 certificate|does not verify|damaged/],
    ];
    for (const [what, certificatePem, message] of attempts) {
      const refusal = trustCertificationAuthority(t.authority, t.actors.wessexAdmin, {
        federationCode: 'wessex',
        name: what,
        certificatePem,
      });
      await expect(refusal, what).rejects.toMatchObject({ code: 'EXCHANGE_CA_INVALID' });
      await expect(refusal.catch((e: { details: { message: string }[] }) => e.details[0]!.message)).resolves.toMatch(message);
    }
    await expect(
      trustCertificationAuthority(t.authority, t.actors.wessexAdmin, { federationCode: 'wessex', name: 'Ours', certificatePem: own }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_CA_EXISTS', message: expect.stringContaining('own certification authority') });
    await expect(
      trustCertificationAuthority(t.authority, t.actors.wessexAdmin, {
        federationCode: 'wessex',
        name: ' ',
        certificatePem: nhsCa.certificatePem,
      }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_CA_INVALID', details: [{ field: 'name' }] });
    expect(await countRows(t.database)).toEqual(before);
  });

  it('the operators trust the NHS CA: it is published in the configuration as external, and audited', async () => {
    const serialBefore = (await configuration()).serial;
    const trusted = await trustCertificationAuthority(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      name: 'Wessex NHS Issuing CA',
      certificatePem: nhsCa.certificatePem,
    });
    expect(trusted).toMatchObject({
      fingerprint: fingerprintOf(nhsCa.certificatePem),
      isExternal: true,
      isTrusted: true,
      certificatesInForce: 0,
      subject: expect.stringContaining('CN=Wessex NHS Issuing CA'),
      addedBy: 'wessex.admin',
    });
    const published = await configuration();
    expect(published.serial).toBe(serialBefore + 1);
    expect(published.certificationAuthorities.map((c) => [c.name, c.isExternal])).toEqual([
      ['Wessex Data Exchange certification authority', false],
      ['Wessex NHS Issuing CA', true],
    ]);
    await expect(
      trustCertificationAuthority(t.authority, t.actors.wessexAdmin, {
        federationCode: 'wessex',
        name: 'Again',
        certificatePem: nhsCa.certificatePem,
      }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_CA_EXISTS' });
    const { rows } = await sql<{ action: string; outcome: string; actor_username: string }>`
      select action, outcome, actor_username from audit_events where action in ('exchange.ca.trust', 'access.refused') order by id`.execute(
      t.database.db,
    );
    expect(rows).toContainEqual({ action: 'access.refused', outcome: 'refused', actor_username: 'nhs.admin' });
    expect(rows.at(-1)).toEqual({ action: 'exchange.ca.trust', outcome: 'success', actor_username: 'wessex.admin' });
  });

  it('refuses presented certificates that are not for the keys, not from a trusted CA, or not fit for their use; the token is not spent', async () => {
    const token = await newGatewayToken('gw1');
    const requests = await gatewayRequests('wessex/NHS/wessex-nhs/gw1');
    const good = await issueFromExternalCa(nhsCa, requests);
    const stranger = await createCertificateAuthority({ name: 'Somebody else', federation: 'elsewhere' });
    const strangers = await issueFromExternalCa(stranger, requests);
    const otherKeys = await gatewayRequests('wessex/NHS/wessex-nhs/gw1');
    const forOtherKeys = await issueFromExternalCa(nhsCa, otherKeys);
    const base = { token, authCsrPem: requests.authCsrPem, signCsrPem: requests.signCsrPem };
    const before = await countRows(t.database);
    const cases: [string, object, string, RegExp][] = [
      ['only one certificate', { authCertificatePem: good.authCertificatePem }, 'signCertificatePem', /both certificates, or neither/],
      [
        'another key',
        { ...good, authCertificatePem: forOtherKeys.authCertificatePem },
        'authCertificatePem',
        /not for the key of the auth request/,
      ],
      ['an untrusted CA', strangers, 'authCertificatePem', /not a certification authority trusted here/],
      [
        'swapped uses',
        { authCertificatePem: good.signCertificatePem, signCertificatePem: good.authCertificatePem },
        'authCertificatePem',
        /not for the key/,
      ],
    ];
    for (const [what, certificates, field, message] of cases) {
      const refusal = enrolGateway(t.authority, { ...base, ...certificates });
      await expect(refusal, what).rejects.toMatchObject({ code: 'EXCHANGE_CERTIFICATE_INVALID' });
      const details = await refusal.then(
        () => [],
        (e: { details: { field: string; message: string }[] }) => e.details,
      );
      expect(details.find((d) => d.field === field)?.message, what).toMatch(message);
    }
    // An auth certificate for the sign key's request is for the right key but the wrong use.
    const signAsAuth = await issueExternalCertificate(nhsCa, requests.authKey, 'sign');
    const wrongUse = enrolGateway(t.authority, { ...base, ...good, authCertificatePem: signAsAuth });
    await expect(wrongUse.catch((e: { message: string }) => e.message)).resolves.toMatch(
      /cannot be used for auth.*serverAuth and clientAuth/,
    );
    expect(await countRows(t.database)).toEqual(before);
  });

  let enrolled: { authCertificatePem: string; signCertificatePem: string };
  it('enrols the trust’s gateway with the certificates its own CA issued: the configuration names them', async () => {
    const token = await newGatewayToken('gw2');
    const requests = await gatewayRequests('wessex/NHS/wessex-nhs/gw2');
    enrolled = await issueFromExternalCa(nhsCa, requests);
    const enrolment = await enrolGateway(t.authority, {
      token,
      authCsrPem: requests.authCsrPem,
      signCsrPem: requests.signCsrPem,
      ...enrolled,
    });
    expect(enrolment).toMatchObject({ gatewayId: 'wessex/NHS/wessex-nhs/gw2', ...enrolled, caCertificatePem: nhsCa.certificatePem });
    const published = await configuration();
    expect(published.gateways.find((g) => g.id === 'wessex/NHS/wessex-nhs/gw2')).toEqual({
      id: 'wessex/NHS/wessex-nhs/gw2',
      address: 'https://127.0.0.1:5611',
      authCertificatePem: enrolled.authCertificatePem,
      signCertificatePem: enrolled.signCertificatePem,
    });
    const certificates = await listCertificates(t.authority, 'wessex', { gatewayCode: 'gw2' });
    expect(certificates.map((c) => [c.usage, c.issuerFingerprint])).toEqual(
      expect.arrayContaining([
        ['auth', fingerprintOf(nhsCa.certificatePem)],
        ['sign', fingerprintOf(nhsCa.certificatePem)],
      ]),
    );
    const [, external] = await listCertificationAuthorities(t.authority, 'wessex');
    expect(external!.certificatesInForce).toBe(2);
    // The same certificates cannot enrol a second gateway.
    const again = enrolGateway(t.authority, {
      token: await newGatewayToken('gw3'),
      authCsrPem: requests.authCsrPem,
      signCsrPem: requests.signCsrPem,
      ...enrolled,
    });
    await expect(again.catch((e: { message: string }) => e.message)).resolves.toMatch(/already recorded \(for wessex-nhs\/gw2\)/);
  });

  it('stopping trusting the CA revokes what it issued, drops the gateway and the CA from the configuration; trusting it again keeps them revoked', async () => {
    const fingerprint = fingerprintOf(nhsCa.certificatePem);
    await expect(
      stopTrustingCertificationAuthority(t.authority, t.actors.wessexAdmin, { federationCode: 'wessex', fingerprint: 'ab', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_CA_INVALID', details: [{ field: 'fingerprint' }] });
    await expect(
      stopTrustingCertificationAuthority(t.authority, t.actors.nhsAdmin, { federationCode: 'wessex', fingerprint, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_FORBIDDEN' });
    const stopped = await stopTrustingCertificationAuthority(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      fingerprint: new X509Certificate(nhsCa.certificatePem).fingerprint256, // colons and capitals are fine
      reason: 'the trust moved to a new PKI',
    });
    expect(stopped.revokedSerialNumbers).toHaveLength(2);
    expect(stopped.authority).toMatchObject({ isTrusted: false, removedBy: 'wessex.admin', removedReason: 'the trust moved to a new PKI' });
    const published = await configuration();
    expect(published.certificationAuthorities.map((c) => c.isExternal)).toEqual([false]);
    expect(published.gateways.map((g) => g.id)).not.toContain('wessex/NHS/wessex-nhs/gw2');
    expect(published.revokedCertificates.map((r) => r.serialNumber)).toEqual(expect.arrayContaining(stopped.revokedSerialNumbers));
    expect(await listCertificationAuthorities(t.authority, 'wessex')).toHaveLength(1);
    expect(await listCertificationAuthorities(t.authority, 'wessex', { isIncludingRemoved: true })).toHaveLength(2);
    await expect(
      stopTrustingCertificationAuthority(t.authority, t.actors.wessexAdmin, { federationCode: 'wessex', fingerprint, reason: 'again' }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_CA_UNKNOWN' });

    const again = await trustCertificationAuthority(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      name: 'Wessex NHS Issuing CA (again)',
      certificatePem: nhsCa.certificatePem,
    });
    expect(again).toMatchObject({ isTrusted: true, certificatesInForce: 0, removedAt: null });
    expect((await configuration()).gateways.map((g) => g.id)).not.toContain('wessex/NHS/wessex-nhs/gw2');
  });
});

/**
 * An external CA's revocation list: the NHS trust revokes a gateway certificate in its own PKI,
 * the Wessex operators apply the trust's CRL, and the federation stops accepting that
 * certificate — revoked here, the gateway out of the configuration, enrolment refusing it. Every
 * list that is not the CA's own, current, full list is refused with the reason and changes nothing.
 */
import { X509Certificate } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyConfiguration } from '../../src/index.ts';
import {
  applyRevocationList,
  createFederation,
  enrolGateway,
  federationAnchor,
  latestConfiguration,
  listCertificates,
  listCertificationAuthorities,
  operationsOverview,
  registerGateway,
  trustCertificationAuthority,
} from '../../src/authority/index.ts';
import type { CertificateAuthority } from '../../src/pki/index.ts';
import { normaliseSerialNumber, x509 } from '../../src/pki/x509.ts';
import { AsnConvert } from '@peculiar/asn1-schema';
import { id_ce_issuingDistributionPoint, IssuingDistributionPoint } from '@peculiar/asn1-x509';

const NULL = new Uint8Array([0x05, 0x00]).buffer;
import { issueRevocationList } from '../../src/pki/index.ts';
import { createExternalCa, issueFromExternalCa } from './external-ca.ts';
import { countRows, gatewayRequests, startTestAuthority, type TestAuthority } from './helpers.ts';

let t: TestAuthority;
let nhsCa: CertificateAuthority;
let fingerprint: string;
let enrolled: { authCertificatePem: string; signCertificatePem: string };

const serialOf = (pem: string) => normaliseSerialNumber(new X509Certificate(pem).serialNumber);
const configuration = async () =>
  verifyConfiguration(await latestConfiguration(t.authority, 'wessex'), {
    anchors: (await federationAnchor(t.authority, 'wessex')).signingKeys,
    now: t.clock.now,
  });
const apply = (crl: string | Buffer, actor = t.actors.wessexAdmin, on = fingerprint) =>
  applyRevocationList(t.authority, actor, { federationCode: 'wessex', fingerprint: on, crl });
const messageOf = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 'applied',
    (e: { code: string; message: string }) => `${e.code}: ${e.message}`,
  );

async function enrolNhsGateway(gatewayCode: string) {
  const { token } = await registerGateway(t.authority, t.actors.nhsAdmin, {
    federationCode: 'wessex',
    memberCode: 'wessex-nhs',
    gatewayCode,
    address: 'https://127.0.0.1:5611',
  });
  const requests = await gatewayRequests(`wessex/NHS/wessex-nhs/${gatewayCode}`);
  const certificates = await issueFromExternalCa(nhsCa, requests);
  return {
    certificates,
    enrol: () => enrolGateway(t.authority, { token, authCsrPem: requests.authCsrPem, signCsrPem: requests.signCsrPem, ...certificates }),
  };
}

beforeAll(async () => {
  t = await startTestAuthority(new Date());
  await createFederation(t.authority, t.actors.wessexAdmin, {
    code: 'wessex',
    name: 'Wessex Data Exchange',
    publicUrl: 'http://localhost:3000',
    operatorOrganisationCode: 'wessex-council',
    organisationCodes: ['wessex-council', 'wessex-nhs'],
  });
  nhsCa = await createExternalCa();
  fingerprint = (
    await trustCertificationAuthority(t.authority, t.actors.wessexAdmin, {
      federationCode: 'wessex',
      name: 'Wessex NHS Issuing CA',
      certificatePem: nhsCa.certificatePem,
    })
  ).fingerprint;
  const gw1 = await enrolNhsGateway('gw1');
  await gw1.enrol();
  enrolled = gw1.certificates;
});
afterAll(async () => t.dispose());

describe('an external CA’s revocation list', () => {
  it('a list naming none of the certificates enrolled here revokes nothing and publishes nothing, and is recorded', async () => {
    const serialBefore = (await configuration()).serial;
    const result = await apply(await issueRevocationList(nhsCa, [{ serialNumber: '0a1b2c3d' }], { number: 1 }));
    expect(result).toMatchObject({ listed: 1, revokedSerialNumbers: [], alreadyRevoked: 0 });
    expect(result.authority.revocationList).toMatchObject({ number: '1', entries: 1, isOverdue: false, appliedBy: 'wessex.admin' });
    expect((await configuration()).serial).toBe(serialBefore);
    expect((await listCertificationAuthorities(t.authority, 'wessex'))[0]!.revocationList).toBeNull();
  });

  it('refuses what is not the CA’s own, current, full list, saying why, and changes nothing', async () => {
    const before = await countRows(t.database);
    const impostor = await createExternalCa(); // the same name, another key
    const other = await createExternalCa({ name: 'Somebody Else CA' });
    const cases: [string, string | Buffer, RegExp][] = [
      [
        'text',
        'not a list at all',
        /EXCHANGE_CRL_INVALID: The text is not a revocation list: give it as PEM .*, or as DER \(as base64, it does not decode to one\)/,
      ],
      ['a damaged PEM', '-----BEGIN X509 CRL-----\nMIIB\n-----END X509 CRL-----\n', /The PEM block is not an X.509 revocation list/],
      [
        'a certificate',
        nhsCa.certificatePem,
        /EXCHANGE_CRL_INVALID: The text is not a revocation list: it should run from -----BEGIN X509 CRL-----/,
      ],
      ['bytes', Buffer.from('0123456789abcdef'), /EXCHANGE_CRL_INVALID: The bytes are not an X.509 revocation list/],
      [
        'another key',
        await issueRevocationList(impostor, [], { number: 9 }),
        /signature does not verify under .*Wessex NHS Issuing CA.*another CA made it/,
      ],
      [
        'another CA',
        await issueRevocationList(other, [], { number: 9 }),
        /issued by .*CN=Somebody Else CA, not by .*CN=Wessex NHS Issuing CA/,
      ],
      [
        'from the future',
        await issueRevocationList(nhsCa, [], { number: 9, thisUpdate: new Date(Date.now() + 86_400_000) }),
        /in the future \(check the clocks\)/,
      ],
      ['a delta list', await issueRevocationList(nhsCa, [], { number: 9, isDelta: true }), /delta list .*full revocation list/],
      [
        'older',
        await issueRevocationList(nhsCa, [], { number: 0 }),
        /EXCHANGE_CRL_OLDER: .*number 0.* older than the one applied \(number 1/,
      ],
      // A list without nextUpdate (RFC 5280 requires one) is misread by the parser as empty: refused, never applied as empty.
      [
        'no next update',
        await issueRevocationList(nhsCa, [{ serialNumber: '0a1b' }], { number: 9, nextUpdate: null }),
        /does not say when the next one is due/,
      ],
      [
        'a partial list',
        await issueRevocationList(nhsCa, [], {
          number: 9,
          extensions: [
            new x509.Extension(
              id_ce_issuingDistributionPoint,
              true,
              AsnConvert.serialize(new IssuingDistributionPoint({ onlyContainsUserCerts: true })),
            ),
          ],
        }),
        /covers only part of what the CA issued/,
      ],
      [
        'a critical extension',
        await issueRevocationList(nhsCa, [], { number: 9, extensions: [new x509.Extension('1.3.6.1.4.1.99999.1', true, NULL)] }),
        /critical extension \(1\.3\.6\.1\.4\.1\.99999\.1\) that Joinery cannot read/,
      ],
      [
        'an indirect list',
        await issueRevocationList(nhsCa, [{ serialNumber: '0a1b', issuer: 'CN=Another CA' }], { number: 9 }),
        /indirect list/,
      ],
      [
        'an entry’s critical extension',
        await issueRevocationList(nhsCa, [{ serialNumber: '0a1b', extensions: [new x509.Extension('1.3.6.1.4.1.99999.2', true, NULL)] }], {
          number: 9,
        }),
        /An entry of the list has a critical extension/,
      ],
      ['a negative CRL number', await issueRevocationList(nhsCa, [], { number: -5 }), /CRL number \(-5\) is not a non-negative integer/],
    ];
    for (const [what, crl, message] of cases) expect(await messageOf(apply(crl)), what).toMatch(message);
    expect(await messageOf(apply('x', t.actors.wessexAdmin, 'ab'.repeat(32)))).toMatch(
      /EXCHANGE_CA_UNKNOWN: wessex trusts no external certification authority abababab/,
    );
    expect(await messageOf(apply('x', t.actors.wessexAdmin, 'not-a-fingerprint'))).toMatch(
      /EXCHANGE_CRL_INVALID: "not-a-fingerprint" is not a SHA-256 fingerprint/,
    );
    expect(await countRows(t.database)).toEqual(before);
    // Only the operators apply lists (the refusal is audited, so it is counted apart).
    expect(await messageOf(apply(await issueRevocationList(nhsCa, [], { number: 9 }), t.actors.nhsAdmin))).toMatch(/^EXCHANGE_FORBIDDEN/);
    expect((await listCertificationAuthorities(t.authority, 'wessex'))[1]!.revocationList).toMatchObject({ number: '1' });
  });

  it('a list naming the gateway’s TLS certificate revokes it here, takes the gateway out of the configuration, and is audited', async () => {
    const authSerial = serialOf(enrolled.authCertificatePem);
    const serialBefore = (await configuration()).serial;
    const crl = await issueRevocationList(
      nhsCa,
      [{ serialNumber: authSerial, reason: x509.X509CrlReason.keyCompromise }, { serialNumber: '77' }],
      {
        number: 2,
      },
    );
    const result = await apply(crl);
    expect(result).toMatchObject({ listed: 2, revokedSerialNumbers: [authSerial], alreadyRevoked: 0 });
    expect(result.authority.certificatesInForce).toBe(1);
    const published = await configuration();
    expect(published.serial).toBe(serialBefore + 1);
    expect(published.gateways.map((g) => g.id)).not.toContain('wessex/NHS/wessex-nhs/gw1');
    // The operators see why: the gateway is still registered and active, but has no certificate in force.
    const overview = await operationsOverview(t.authority, t.actors.wessexAdmin, 'wessex');
    expect(overview.gateways.find((g) => g.gatewayId === 'wessex/NHS/wessex-nhs/gw1')).toMatchObject({
      status: 'active',
      health: 'no certificate',
    });
    const auth = (await listCertificates(t.authority, 'wessex', { gatewayCode: 'gw1' })).find((c) => c.usage === 'auth')!;
    expect(auth.revokedReason).toMatch(/^revoked by its CA on \d{4}-\d\d-\d\d \(keyCompromise\): revocation list number 2 of /);
    const { rows } = await sql<{ actor_username: string; details: { revoked: string[]; number: number } }>`
      select actor_username, details from audit_events where action = 'exchange.ca.revocation-list' order by id`.execute(t.database.db);
    expect(rows.at(-1)).toMatchObject({ actor_username: 'wessex.admin', details: { revoked: [authSerial], number: '2' } });
    // The same list again changes nothing more.
    expect(await apply(crl)).toMatchObject({ revokedSerialNumbers: [], alreadyRevoked: 1 });
    expect((await configuration()).serial).toBe(serialBefore + 1);
  });

  it('enrolment refuses a certificate the list applied names', async () => {
    const gw2 = await enrolNhsGateway('gw2');
    const signSerial = serialOf(gw2.certificates.signCertificatePem);
    await apply(await issueRevocationList(nhsCa, [{ serialNumber: signSerial, reason: x509.X509CrlReason.superseded }], { number: 3 }));
    expect(await messageOf(gw2.enrol())).toMatch(
      new RegExp(
        `EXCHANGE_CERTIFICATE_INVALID: .*serial ${signSerial}\\) was revoked by its CA on .* \\(superseded\\), in the revocation list applied here`,
      ),
    );
  });

  it('applies a list past its next update, saying it is overdue; takes DER as bytes or base64', async () => {
    const overdue = await issueRevocationList(nhsCa, [], {
      number: 4,
      thisUpdate: new Date(Date.now() - 10 * 86_400_000),
      nextUpdate: new Date(Date.now() - 3 * 86_400_000),
    });
    expect((await apply(overdue)).authority.revocationList).toMatchObject({ number: '4', isOverdue: true, entries: 0 });
    const der = (pem: string) => Buffer.from(pem.replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64');
    expect((await apply(der(await issueRevocationList(nhsCa, [], { number: 5 })))).authority.revocationList).toMatchObject({ number: '5' });
    const unnumbered = await issueRevocationList(nhsCa, []);
    expect((await apply(der(unnumbered).toString('base64'))).authority.revocationList).toMatchObject({ number: null, isOverdue: false });
  });
  it('reads a list of 3,000 entries whole (asn1js stops at 10,000 nodes unless told), and the gateway’s certificate among them', async () => {
    const signSerial = serialOf(enrolled.signCertificatePem);
    const many = Array.from({ length: 3_000 }, (_, i) => ({
      serialNumber: (0x100000 + i).toString(16),
      reason: x509.X509CrlReason.superseded,
    }));
    const result = await apply(await issueRevocationList(nhsCa, [...many, { serialNumber: signSerial }], { number: 6 }));
    expect(result).toMatchObject({ listed: 3_001, revokedSerialNumbers: [signSerial] });
    const { rows } = await sql<{ n: string }>`select count(*) as n from exchange_ca_revoked_serials`.execute(t.database.db);
    expect(Number(rows[0]!.n)).toBe(3_001);
  }, 60_000);
});

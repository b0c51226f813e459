/**
 * The exchange pages' forms through app.inject(), as a browser posts them: each refusal comes
 * back as the page with a GOV.UK error summary and the service's status (a non-operator
 * admitting a member: 403, audited), each change redirects; the enrolment token is shown once,
 * never cached; evidence is verified from an upload, bad uploads are named, and each
 * verification is audited.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { addUser, createApiToken } from '@joinery/core';
import { createCertificateAuthority, issueRevocationList, type EvidenceBundle } from '@joinery/exchange';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEvidence, type TestEvidence } from './exchange-evidence.ts';
import { Browser, PASSWORD, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let evidence: TestEvidence;
const as: Record<string, Browser> = {};

/** A multipart/form-data body as a browser sends one: fields, then files. */
function multipart(fields: Record<string, string>, files: Record<string, { filename: string; content: Buffer }> = {}) {
  const boundary = `----joinery${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, file] of Object.entries(files))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: application/json\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  browser: Browser,
  url: string,
  fields: Record<string, string>,
  files: Record<string, { filename: string; content: Buffer }>,
) {
  const page = await browser.get('/exchange/evidence');
  const { payload, contentType } = multipart({ _csrf: Browser.csrfFrom(page.body), ...fields }, files);
  return server.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { cookie: browser.cookie, 'content-type': contentType, accept: 'text/html' },
  });
}

/** Posts a form from the page at `from` (its CSRF token). */
async function submit(browser: Browser, from: string, to: string, form: Record<string, string | string[]>) {
  const page = await browser.get(from);
  return browser.post(to, { _csrf: Browser.csrfFrom(page.body), ...form });
}

const summaryOf = (html: string) => /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';

async function auditEvents(action: string) {
  return server.database.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();
}

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.database, {
    username: 'wessex.admin',
    displayName: 'Wes Admin',
    password: PASSWORD,
    organisationCode: 'wessex-council',
    roles: ['admin'],
  });
  for (const username of ['wessex.admin', 'casterbridge.admin', 'budmouth.admin', 'budmouth.viewer']) {
    as[username] = new Browser(server.app);
    await as[username].signIn(username);
  }
  evidence = await makeTestEvidence();
}, 180_000);
afterAll(async () => server?.close());

describe('creating a federation', () => {
  it('needs sign-in', async () => {
    const response = await new Browser(server.app).get('/exchange');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in?returnTo=%2Fexchange');
  });

  it('shows every problem at once, linked to its field, and keeps what was typed', async () => {
    const response = await submit(as['wessex.admin']!, '/exchange/federations/new', '/exchange/federations', {
      code: 'Wessex!',
      name: 'Wessex Data Exchange',
      publicUrl: 'ftp://nowhere',
      operatorOrganisationCode: 'wessex-council',
    });
    expect(response.statusCode).toBe(400);
    const summary = summaryOf(response.body);
    expect(summary).toContain('href="#code"');
    expect(summary).toContain('The federation code must be 2 to 63 lower-case letters');
    expect(summary).toContain('href="#publicUrl"');
    expect(response.body).toContain('value="Wessex Data Exchange"');
  });

  it('refuses an operator the user does not administer (403, audited)', async () => {
    const response = await submit(as['casterbridge.admin']!, '/exchange/federations/new', '/exchange/federations', {
      code: 'rogue',
      name: 'Rogue federation',
      publicUrl: 'http://localhost:3000',
      operatorOrganisationCode: 'wessex-council',
    });
    expect(response.statusCode).toBe(403);
    expect(summaryOf(response.body)).toContain('Only an administrator of wessex-council can create a federation');
    expect((await auditEvents('access.refused')).some((e) => e.actor_username === 'casterbridge.admin')).toBe(true);
  });

  it('creates it with its members, and lists it on the overview', async () => {
    const response = await submit(as['wessex.admin']!, '/exchange/federations/new', '/exchange/federations', {
      code: 'wessex',
      name: 'Wessex Data Exchange',
      publicUrl: 'http://localhost:3000',
      operatorOrganisationCode: 'wessex-council',
      configurationValidityHours: '168',
      organisationCodes: ['wessex-council', 'casterbridge'],
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/exchange/federations/wessex?created=1');
    const page = await as['wessex.admin']!.get('/exchange/federations/wessex?created=1');
    expect(page.body).toContain('has been created and its first configuration published');
    // The operator by name, as its members know it.
    expect(page.body).toMatch(/Operated by\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Wessex Council\s*</);
    const overview = await as['budmouth.viewer']!.get('/exchange');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Wessex Data Exchange');
    // Not an administrator anywhere: no button to create one.
    expect(overview.body).not.toContain('Create a federation');
  });
});

describe('members', () => {
  const members = '/exchange/federations/wessex/members';

  it('a non-operator cannot admit members: 403, with the reason, and the refusal audited', async () => {
    const before = (await auditEvents('access.refused')).length;
    const response = await submit(as['casterbridge.admin']!, members, members, { organisationCode: 'budmouth' });
    expect(response.statusCode).toBe(403);
    expect(summaryOf(response.body)).toContain(
      'Only an administrator of wessex-council (the operator of federation wessex) can admit members to federation wessex',
    );
    const refusals = await auditEvents('access.refused');
    expect(refusals.length).toBe(before + 1);
    expect(refusals.at(-1)).toMatchObject({ actor_username: 'casterbridge.admin', subject_id: 'wessex', outcome: 'refused' });
    expect((await as['wessex.admin']!.get(members)).body).not.toContain('wessex/GOV/budmouth');
  });

  it('the operator admits an organisation; a blank choice or a missing reason is named', async () => {
    const blank = await submit(as['wessex.admin']!, members, members, { organisationCode: '' });
    expect(blank.statusCode).toBe(400);
    expect(summaryOf(blank.body)).toContain('href="#admit-organisationCode">Choose the organisation to admit');

    const admitted = await submit(as['wessex.admin']!, members, members, { organisationCode: 'budmouth' });
    expect(admitted.statusCode).toBe(303);
    expect((await as['wessex.admin']!.get(admitted.headers.location as string)).body).toContain('wessex/GOV/budmouth');

    const noReason = await submit(as['wessex.admin']!, members, `${members}/revoke`, { memberCode: 'budmouth', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(summaryOf(noReason.body)).toContain('href="#revoke-reason">Give the reason for revoking the member');
  });

  it('a member’s administrator adds a subsystem; another organisation’s cannot', async () => {
    const added = await submit(as['casterbridge.admin']!, members, '/exchange/federations/wessex/subsystems', {
      memberCode: 'casterbridge',
      code: 'housing',
      name: 'Housing management system',
    });
    expect(added.statusCode).toBe(303);
    const refused = await submit(as['budmouth.admin']!, members, '/exchange/federations/wessex/subsystems', {
      memberCode: 'casterbridge',
      code: 'waste',
      name: 'Waste collection',
    });
    expect(refused.statusCode).toBe(403);
    expect(summaryOf(refused.body)).toContain('Only an administrator of casterbridge can add subsystems');
  });
});

describe('gateways', () => {
  const gateways = '/exchange/federations/wessex/gateways';

  it('registering shows the one-time token once, with the commands, and never caches it', async () => {
    const response = await submit(as['casterbridge.admin']!, gateways, gateways, {
      memberCode: 'casterbridge',
      gatewayCode: 'gw1',
      address: 'https://127.0.0.1:5501',
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const token = /<code>(jx1\.[^<]+)<\/code>/.exec(response.body)?.[1];
    expect(token).toBeDefined();
    expect(response.body).toContain(`joinery gateway init --dir .joinery/gateway-casterbridge-gw1 --token ${token}`);
    expect(response.body).toContain('joinery gateway --dir .joinery/gateway-casterbridge-gw1');
    // The list shows the gateway, never its token.
    const list = await as['casterbridge.admin']!.get(gateways);
    expect(list.body).toContain('wessex/GOV/casterbridge/gw1');
    expect(list.body).not.toContain(token!);
    // A new token replaces it.
    const again = await submit(as['casterbridge.admin']!, gateways, `${gateways}/token`, { gateway: 'casterbridge/gw1' });
    expect(again.statusCode).toBe(201);
    expect(again.body).toContain('New enrolment token issued');
    expect(again.body).not.toContain(token!);
  });

  it('a bad address is named; another organisation cannot register or revoke it', async () => {
    const bad = await submit(as['casterbridge.admin']!, gateways, gateways, {
      memberCode: 'casterbridge',
      gatewayCode: 'gw2',
      address: 'http://127.0.0.1',
    });
    expect(bad.statusCode).toBe(400);
    expect(summaryOf(bad.body)).toContain('href="#register-address">The gateway address must be https://host:port');
    const foreign = await submit(as['budmouth.admin']!, gateways, gateways, {
      memberCode: 'casterbridge',
      gatewayCode: 'gw9',
      address: 'https://127.0.0.1:5509',
    });
    expect(foreign.statusCode).toBe(403);
    const revoke = await submit(as['budmouth.admin']!, gateways, `${gateways}/revoke`, { gateway: 'casterbridge/gw1', reason: 'test' });
    expect(revoke.statusCode).toBe(403);
  });

  it('the member revokes its gateway with a reason', async () => {
    const revoked = await submit(as['casterbridge.admin']!, gateways, `${gateways}/revoke`, {
      gateway: 'casterbridge/gw1',
      reason: 'Replaced by new hardware',
    });
    expect(revoked.statusCode).toBe(303);
    expect((await as['casterbridge.admin']!.get(revoked.headers.location as string)).body).toContain(
      'The gateway and its certificates have been revoked',
    );
  });
});

describe('trust, successions and configuration', () => {
  it('the operator trusts another federation by pasting its anchor; a tampered anchor is refused with the reason', async () => {
    const other = await submit(as['budmouth.admin']!, '/exchange/federations/new', '/exchange/federations', {
      code: 'budmouth-exchange',
      name: 'Budmouth Exchange',
      publicUrl: 'http://localhost:3000',
      operatorOrganisationCode: 'budmouth',
    });
    expect(other.statusCode).toBe(303);
    const anchor = (await server.app.inject({ url: '/api/exchange/federations/budmouth-exchange/anchor' })).json();
    const trust = '/exchange/federations/wessex/trust';
    const notJson = await submit(as['wessex.admin']!, trust, trust, { anchor: '{ not json' });
    expect(notJson.statusCode).toBe(400);
    expect(summaryOf(notJson.body)).toContain('href="#trust-anchor">The anchor is not JSON');
    const tampered = { ...anchor, signingKeys: [{ ...anchor.signingKeys[0], keyId: '0'.repeat(64) }] };
    const refused = await submit(as['wessex.admin']!, trust, trust, { anchor: JSON.stringify(tampered) });
    expect(refused.statusCode).toBe(400);
    expect(summaryOf(refused.body)).toContain('the anchor has been altered or mistyped');
    const forbidden = await submit(as['casterbridge.admin']!, trust, trust, { anchor: JSON.stringify(anchor) });
    expect(forbidden.statusCode).toBe(403);
    const trusted = await submit(as['wessex.admin']!, trust, trust, { anchor: JSON.stringify(anchor) });
    expect(trusted.statusCode).toBe(303);
    const page = await as['wessex.admin']!.get(trusted.headers.location as string);
    expect(page.body).toContain(anchor.signingKeys[0].keyId);
    const removed = await submit(as['wessex.admin']!, trust, `${trust}/budmouth-exchange/remove`, {});
    expect(removed.statusCode).toBe(303);
    expect((await as['wessex.admin']!.get(trust)).body).toContain('trusts no other federation');
    // The anchor uploaded as the file GET …/anchor gave.
    const uploaded = await upload(
      as['wessex.admin']!,
      trust,
      {},
      { anchorFile: { filename: 'anchor.json', content: Buffer.from(JSON.stringify(anchor)) } },
    );
    expect(uploaded.statusCode).toBe(303);
    expect((await as['wessex.admin']!.get(trust)).body).toContain('Budmouth Exchange');
  });

  it('the successor declares a succession; dates out of order are named', async () => {
    const successions = '/exchange/federations/wessex/successions';
    const backwards = await submit(as['wessex.admin']!, successions, successions, {
      predecessorCode: 'casterbridge',
      successorCode: 'wessex-council',
      dualRunningFrom: '2028-04-01',
      dualRunningUntil: '2028-01-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(summaryOf(backwards.body)).toContain('href="#declare-dualRunningUntil">Dual running must end on or after it starts');
    const declared = await submit(as['wessex.admin']!, successions, successions, {
      predecessorCode: 'casterbridge',
      successorCode: 'wessex-council',
      dualRunningFrom: '2028-04-01',
      dualRunningUntil: '2028-09-30',
    });
    expect(declared.statusCode).toBe(303);
    expect((await as['wessex.admin']!.get(successions)).body).toContain('1 April 2028 to 30 September 2028');
  });

  it('the configuration page gives the CA fingerprint; only operators publish', async () => {
    const configuration = '/exchange/federations/wessex/configuration';
    const page = await as['casterbridge.admin']!.get(configuration);
    expect(page.body).toMatch(/id="ca-fingerprint-1">[0-9a-f]{64}</);
    expect(page.body).not.toContain('Publish now</button>');
    const refused = await submit(as['casterbridge.admin']!, configuration, `${configuration}/publish`, {});
    expect(refused.statusCode).toBe(403);
    const serial = Number(/Serial (\d+)/.exec(page.body)![1]);
    const published = await submit(as['wessex.admin']!, configuration, `${configuration}/publish`, {});
    expect(published.statusCode).toBe(303);
    expect((await as['wessex.admin']!.get(configuration)).body).toContain(`Serial ${serial + 1}`);
  });

  it('the operator trusts a member’s own certification authority from an uploaded file, and stops trusting it with a reason', async () => {
    const page = '/exchange/federations/wessex/certification-authorities';
    const memberCa = await createCertificateAuthority({
      name: 'Casterbridge',
      federation: 'casterbridge',
      commonName: 'Casterbridge issuing CA',
    });
    const ours = await as['casterbridge.admin']!.get(page);
    expect(ours.statusCode).toBe(200);
    expect(ours.body).toContain('Wessex Data Exchange certification authority');
    expect(ours.body).not.toContain('Trust a member’s certification authority');
    const forbidden = await submit(as['casterbridge.admin']!, page, page, { name: 'Ours', certificatePem: memberCa.certificatePem });
    expect(forbidden.statusCode).toBe(403);

    const junk = await submit(as['wessex.admin']!, page, page, { name: '', certificatePem: 'not a certificate' });
    expect(junk.statusCode).toBe(400);
    expect(summaryOf(junk.body)).toContain('href="#add-name"');
    expect(summaryOf(junk.body)).toContain('href="#add-certificatePem"');
    expect(junk.body).toContain('not a certificate</textarea>'); // what was typed is kept

    const added = await upload(
      as['wessex.admin']!,
      page,
      { name: 'Casterbridge issuing CA', certificatePem: '' },
      {
        certificateFile: { filename: 'casterbridge-ca.pem', content: Buffer.from(memberCa.certificatePem) },
      },
    );
    expect(added.statusCode).toBe(303);
    const listed = await as['wessex.admin']!.get(`${page}?done=added`);
    const fingerprint = new X509Certificate(memberCa.certificatePem).fingerprint256;
    expect(listed.body).toContain(fingerprint);
    expect(listed.body).toContain('0 gateway certificates');
    const fingerprintHex = fingerprint.replace(/:/g, '').toLowerCase();

    // Its revocation list: pasted junk is named against the form's text box; a DER file is applied.
    const crlPath = `${page}/${fingerprintHex}/revocation-list`;
    const crlId = `crl-${fingerprintHex.slice(0, 16)}`;
    expect(listed.body).toContain('None applied yet');
    const junkList = await upload(as['wessex.admin']!, crlPath, { crl: 'not a list' }, {});
    expect(junkList.statusCode).toBe(400);
    expect(summaryOf(junkList.body)).toContain(`href="#${crlId}"`);
    expect(junkList.body).toContain('The text is not a revocation list');
    const pem = await issueRevocationList(memberCa, [{ serialNumber: '0badc0de' }], { number: 7 });
    const der = Buffer.from(pem.replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64');
    const notOurs = await upload(as['casterbridge.admin']!, crlPath, {}, { crlFile: { filename: 'casterbridge.crl', content: der } });
    expect(notOurs.statusCode).toBe(403);
    const applied = await upload(as['wessex.admin']!, crlPath, {}, { crlFile: { filename: 'casterbridge.crl', content: der } });
    expect(applied.statusCode).toBe(303);
    expect(applied.headers.location).toBe(`${page}?done=crl&revoked=0`);
    const withList = await as['wessex.admin']!.get(applied.headers.location as string);
    expect(withList.body).toContain('it names no certificate in force here');
    expect(withList.body).toMatch(
      /Number 7, issued \d+ \w{3} \d{4}; the next is due \d+ \w{3} \d{4}\. It lists 1 certificate\. Applied .* by wessex\.admin\./,
    );
    const older = await upload(as['wessex.admin']!, crlPath, { crl: await issueRevocationList(memberCa, [], { number: 6 }) }, {});
    expect(older.statusCode).toBe(409);
    expect(older.body).toContain('older than the one applied');
    const day = 86_400_000;
    const overdue = await issueRevocationList(memberCa, [], {
      number: 8,
      thisUpdate: new Date(Date.now() - 10 * day),
      nextUpdate: new Date(Date.now() - 3 * day),
    });
    expect((await upload(as['wessex.admin']!, crlPath, { crl: overdue }, {})).statusCode).toBe(303);
    const late = await as['wessex.admin']!.get(page);
    expect(late.body).toMatch(/govuk-tag govuk-tag--red">\s*overdue\s*<\/strong>\s*Number 8, issued .*; the next was due /);
    expect((await auditEvents('exchange.ca.revocation-list')).length).toBe(2);
    // The operators are warned on the federation's summary and its operations page.
    const summary = await as['wessex.admin']!.get('/exchange/federations/wessex');
    expect(summary.body).toMatch(/Casterbridge issuing CA’s revocation list was due again on \d+ \w+ \d{4}: apply its current list/);
    const operations = await as['wessex.admin']!.get('/exchange/federations/wessex/operations');
    expect(operations.body).toContain('Members’ revocation lists overdue');
    expect(operations.body).toMatch(
      /Casterbridge issuing CA’s revocation list was due again on .* UTC\. Certificates it has revoked since still work here/,
    );

    const remove = `${page}/${fingerprintHex}/remove`;
    const noReason = await submit(as['wessex.admin']!, page, remove, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(summaryOf(noReason.body)).toContain(`href="#remove-${fingerprintHex.slice(0, 16)}-reason"`);
    const removed = await submit(as['wessex.admin']!, page, remove, { reason: 'Casterbridge moves to the unitary’s PKI' });
    expect(removed.statusCode).toBe(303);
    const after = await as['wessex.admin']!.get(`${page}?removed=yes`);
    expect(after.body).toContain('no longer trusted');
    expect(after.body).toContain('Casterbridge moves to the unitary’s PKI');
    expect((await auditEvents('exchange.ca.distrust')).length).toBe(1);
  });
});

describe('evidence', () => {
  const file = (content: string | Buffer, filename = 'message.evidence.json') => ({
    bundle: { filename, content: Buffer.isBuffer(content) ? content : Buffer.from(content) },
  });

  it('a real bundle holds, against the CA fingerprint; the verification is audited', async () => {
    const response = await upload(
      as['budmouth.viewer']!,
      '/exchange/evidence',
      { ca: evidence.caFingerprint },
      file(JSON.stringify(evidence.bundle)),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('The evidence holds');
    expect(response.body).toContain('Request sent');
    expect(response.body).toContain('Answer received');
    expect(response.body).toContain('wessex/GOV/wessex-council/gw1');
    const audited = (await auditEvents('exchange.evidence.verify')).at(-1);
    expect(audited).toMatchObject({ actor_username: 'budmouth.viewer', subject_id: evidence.bundle.messageId });
    expect(audited?.details).toMatchObject({ holds: true, trustedCa: evidence.caFingerprint });
  });

  it('takes fingerprints as copied: gateway status’s SHA-256 label, OpenSSL’s colons, one a line', async () => {
    const colons = evidence.caFingerprint.toUpperCase().match(/../g)!.join(':');
    const response = await upload(
      as['budmouth.viewer']!,
      '/exchange/evidence',
      { ca: `SHA-256 ${evidence.caFingerprint}\nsha256 Fingerprint=${colons}` },
      file(JSON.stringify(evidence.bundle)),
    );
    expect(response.body).toContain('The evidence holds');
  });

  it('the API checks a bundle as the page does, for any signed-in caller, and audits it', async () => {
    const token = (await createApiToken(server.database, 'budmouth.viewer', 'evidence')).token;
    const call = (payload: unknown, authorization = `Bearer ${token}`) =>
      server.app.inject({
        method: 'POST',
        url: '/api/exchange/evidence/verifications',
        payload: payload as object,
        headers: authorization ? { authorization } : {},
      });
    const held = await call({ bundle: evidence.bundle, trustedCaFingerprints: [`SHA-256 ${evidence.caFingerprint}`] });
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ holds: true, messageId: evidence.bundle.messageId, problems: [] });
    expect(held.json().entries.map((e: { direction: string }) => e.direction)).toEqual(['request-out', 'response-in']);
    expect((await auditEvents('exchange.evidence.verify')).at(-1)).toMatchObject({ actor_username: 'budmouth.viewer' });
    const altered = structuredClone(evidence.bundle) as EvidenceBundle;
    altered.items[0]!.entry.record.path = '/r1/somewhere/else';
    expect((await call({ bundle: altered })).json()).toMatchObject({ holds: false });
    const wrongCa = await call({ bundle: evidence.bundle, trustedCaFingerprints: ['ab'.repeat(32)] });
    expect(wrongCa.json().holds).toBe(false);
    expect(wrongCa.json().problems[0].message).toContain('is not one you said to trust');
    const before = (await auditEvents('exchange.evidence.verify')).length;
    const badFingerprint = await call({ bundle: evidence.bundle, trustedCaFingerprints: ['nope'] });
    expect(badFingerprint.statusCode).toBe(400);
    expect(badFingerprint.json()).toMatchObject({ code: 'EXCHANGE_EVIDENCE_INVALID' });
    expect((await call({ bundle: { hello: 'world' } })).json()).toMatchObject({ code: 'EXCHANGE_EVIDENCE_INVALID' });
    expect([401, 403]).toContain((await call({ bundle: evidence.bundle }, '')).statusCode); // signed out: no token, no session (and so no CSRF token)
    // Neither a refused fingerprint nor what is not a bundle is audited: nothing was checked.
    expect((await auditEvents('exchange.evidence.verify')).length).toBe(before);
  });

  it('a changed body does not hold, and says where', async () => {
    const altered = structuredClone(evidence.bundle) as EvidenceBundle;
    altered.items[0]!.entry.record.path = '/r1/somewhere/else';
    const response = await upload(as['budmouth.viewer']!, '/exchange/evidence', {}, file(JSON.stringify(altered)));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('The evidence does not hold');
    expect(response.body).toMatch(/<strong>Error:<\/strong>/);
    expect((await auditEvents('exchange.evidence.verify')).at(-1)?.details).toMatchObject({ holds: false });
  });

  it('another CA than the one expected is named', async () => {
    const response = await upload(
      as['budmouth.viewer']!,
      '/exchange/evidence',
      { ca: 'AB:'.repeat(31) + 'AB' },
      file(JSON.stringify(evidence.bundle)),
    );
    expect(response.body).toContain('The evidence does not hold');
    expect(response.body).toContain('is not one you said to trust');
  });

  it('no file, not JSON, not a bundle, a bad fingerprint: an error summary, nothing audited', async () => {
    const before = (await auditEvents('exchange.evidence.verify')).length;
    const cases: [Record<string, string>, ReturnType<typeof file> | Record<string, never>, string][] = [
      [{}, {}, 'href="#bundle">Choose the evidence bundle'],
      [{}, file('{ nope', 'notes.txt'), 'href="#bundle">The file notes.txt is not JSON'],
      [{}, file('{"hello":"world"}'), 'is JSON but not an evidence bundle'],
      [{ ca: 'not-a-fingerprint' }, file(JSON.stringify(evidence.bundle)), 'href="#ca">“not-a-fingerprint” is not a SHA-256 fingerprint'],
    ];
    for (const [fields, files, message] of cases) {
      const response = await upload(as['budmouth.viewer']!, '/exchange/evidence', fields, files);
      expect(response.statusCode).toBe(400);
      expect(summaryOf(response.body)).toContain(message);
    }
    expect((await auditEvents('exchange.evidence.verify')).length).toBe(before);
  });
});

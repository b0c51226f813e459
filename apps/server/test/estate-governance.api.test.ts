/** Governance, readiness and benefits by API: versions, diff, publishing, the public page, refusals, audit. */
import { addUser, createApiToken, listAuditEvents, saveOrganisations } from '@joinery/core';
import { saveReorganisation } from '@joinery/estate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, PASSWORD, startTestServer, type TestServer } from './helpers.ts';

const MATRIX = {
  bodies: [
    { key: 'shadow-executive', name: 'Shadow executive' },
    { key: 'programme-board', name: 'Programme board' },
    { key: 'cio', name: 'CIO' },
  ],
  cells: [
    { domain: 'it-principles', body: 'shadow-executive', code: 'A', note: 'Agrees the digital principles' },
    { domain: 'architecture', body: 'cio', code: 'A' },
    { domain: 'investment', body: 'programme-board', code: 'R' },
  ],
};

describe('governance, readiness and benefits API', () => {
  let server: TestServer;
  let admin: string;
  let viewer: string;
  let outsider: string;
  beforeAll(async () => {
    server = await startTestServer();
    await saveReorganisation(server.database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
    await saveOrganisations(
      server.database,
      [{ code: 'elsewhere', name: 'Elsewhere Council', type: 'district-council', successorCode: null, identifiers: [], partnerships: [] }],
      [],
    );
    await addUser(server.database, {
      username: 'elsewhere.admin',
      displayName: 'Else',
      password: PASSWORD,
      organisationCode: 'elsewhere',
      roles: ['admin'],
    });
    admin = (await createApiToken(server.database, 'casterbridge.admin', 'test')).token;
    viewer = (await createApiToken(server.database, 'budmouth.viewer', 'test')).token;
    outsider = (await createApiToken(server.database, 'elsewhere.admin', 'test')).token;
  });
  afterAll(async () => server?.close());

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, token?: string, payload?: unknown) =>
    server.app.inject({ method, url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const base = '/api/estate/reorganisations/wessex-lgr';

  it('saves versions, diffs the latest against the one before, publishes one and shows it publicly', async () => {
    const first = await call('PUT', `${base}/decision-rights`, admin, { matrix: MATRIX, changeNote: 'First draft' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, savedBy: 'casterbridge.admin', changeNote: 'First draft', isPublished: false });

    const changed = {
      ...MATRIX,
      cells: [...MATRIX.cells.slice(0, 2), { domain: 'investment', body: 'programme-board', code: 'A', note: 'Within the s151 envelope' }],
    };
    expect(
      (await call('PUT', `${base}/decision-rights`, admin, { matrix: changed, changeNote: 'Board decides investment' })).statusCode,
    ).toBe(201);

    const now = (await call('GET', `${base}/decision-rights`, viewer)).json();
    expect(now.current.version).toBe(2);
    expect(now.published).toBeNull();
    expect(now.gaps).toEqual(['infrastructure', 'applications']);
    expect(now.latestChange).toMatchObject({
      from: 1,
      to: 2,
      cellsChanged: [
        { domain: 'investment', body: 'programme-board', from: { code: 'R' }, to: { code: 'A', note: 'Within the s151 envelope' } },
      ],
    });
    expect(
      (await call('GET', `${base}/decision-rights/versions`, viewer)).json().versions.map((v: { version: number }) => v.version),
    ).toEqual([2, 1]);
    expect((await call('GET', `${base}/decision-rights/versions/1`, viewer)).json().matrix.cells[2].code).toBe('R');
    expect((await call('GET', `${base}/decision-rights/versions/9`, viewer)).statusCode).toBe(404);

    expect((await call('GET', `${base}/decision-rights/published`)).json()).toMatchObject({ code: 'ESTATE_DECISION_RIGHTS_UNPUBLISHED' });
    const published = await call('POST', `${base}/decision-rights/publish`, admin, { version: 1 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ version: 1, isPublished: true, publishedBy: 'casterbridge.admin' });
    // Public: no sign-in.
    const open = await call('GET', `${base}/decision-rights/published`);
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ version: 1, savedBy: null, publishedBy: null }); // no staff usernames in public
    const page = await server.app.inject({
      method: 'GET',
      url: '/estate/governance/published/wessex-lgr',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Agrees the digital principles');
    expect(page.body).not.toContain('govuk-service-navigation');
    expect(page.body).not.toContain('casterbridge.admin');
  });

  it('refuses a matrix with problems (every one), changes nothing, and refuses viewers and outsiders (audited)', async () => {
    const bad = await call('PUT', `${base}/decision-rights`, admin, {
      matrix: {
        bodies: MATRIX.bodies,
        cells: [
          ...MATRIX.cells,
          { domain: 'it-principles', body: 'cio', code: 'A' },
          { domain: 'applications', body: 'nobody', code: 'C' },
        ],
      },
      changeNote: 'Bad',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'ESTATE_DECISION_RIGHTS_INVALID' });
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual(['cells.4.body', 'domain.it-principles']);
    expect((await call('GET', `${base}/decision-rights/versions`, viewer)).json().versions).toHaveLength(2);

    const byViewer = await call('PUT', `${base}/decision-rights`, viewer, { matrix: MATRIX, changeNote: 'x' });
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.json().code).toBe('ESTATE_GOVERNANCE_FORBIDDEN');
    expect((await call('GET', `${base}/decision-rights`, outsider)).json().code).toBe('ESTATE_GOVERNANCE_READ_FORBIDDEN');
    expect((await call('GET', `${base}/benefits`)).statusCode).toBe(401);
    const audit = await listAuditEvents(server.database.db, {});
    expect(audit.filter((e) => e.action === 'access.refused' && e.subjectId === 'wessex-lgr').length).toBeGreaterThanOrEqual(2);
    expect(audit.some((e) => e.action === 'estate.decision-rights-publish')).toBe(true);
  });

  it('records readiness ratings and gives the overall rating by the rule', async () => {
    const ratings = [
      'estate-discovery',
      'platforms-cloud',
      'interoperability',
      'cyber-resilience',
      'leadership-governance',
      'skills-capacity',
      'finance-commercial',
    ].map((area, i) => ({
      organisationCode: 'casterbridge',
      area,
      rating: i < 4 ? 'green' : 'amber',
      evidence: 'Self-assessment',
      assessor: 'Head of ICT',
      assessedOn: '2026-10-01',
    }));
    const recorded = await call('POST', `${base}/readiness`, admin, { ratings });
    expect(recorded.statusCode, recorded.body).toBe(201);
    let summary = (await call('GET', `${base}/readiness`, viewer)).json().summary;
    expect(summary.organisations.find((o: { organisationCode: string }) => o.organisationCode === 'casterbridge').overall).toBe('green');
    expect(summary.overall).toBe('amber'); // budmouth and the successor not yet assessed, so no area is rated for the reorganisation
    expect(summary.areas['estate-discovery']).toBeNull();
    await call('POST', `${base}/readiness`, admin, {
      ratings: [
        {
          organisationCode: 'budmouth',
          area: 'skills-capacity',
          rating: 'red',
          evidence: '2% digital staff',
          assessor: 'Head of HR',
          assessedOn: '2026-10-02',
          links: [{ text: 'Report', href: 'https://example.org/r' }],
        },
      ],
    });
    summary = (await call('GET', `${base}/readiness`, viewer)).json().summary;
    expect(summary.areas['skills-capacity']).toBe('red');
    expect(summary.overall).toBe('red');

    const bad = await call('POST', `${base}/readiness`, admin, {
      ratings: [
        {
          organisationCode: 'elsewhere',
          area: 'skills-capacity',
          rating: 'red',
          evidence: ' ',
          assessor: 'x',
          assessedOn: '2099-01-01',
          links: [{ text: 'x', href: 'javascript:alert(1)' }],
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual([
      'ratings.0.organisationCode',
      'ratings.0.evidence',
      'ratings.0.assessedOn',
      'ratings.0.links.0',
    ]);
    expect((await call('GET', `${base}/readiness/history?organisation=budmouth`, viewer)).json().ratings).toHaveLength(1);
  });

  it('keeps a benefits register with measurements, gates and realised totals, and a scorecard', async () => {
    const saved = await call('PUT', `${base}/benefits/B-01`, admin, {
      title: 'One revenues and benefits system',
      kind: 'cashable-saving',
      measure: 'Annual cost of revenues and benefits systems',
      unit: 'GBP',
      baseline: 900_000,
      target: 400_000,
      owner: 'S151 officer',
      gates: [{ kind: 'system-decommissioned', milestone: 'Budmouth revenues system switched off', isMet: false }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const measured = await call('POST', `${base}/benefits/B-01/measurements`, admin, { measuredOn: '2028-06-30', value: 700_000 });
    expect(measured.statusCode, measured.body).toBe(201);
    expect(measured.json()).toMatchObject({ latest: 700_000, realisedGain: 200_000, targetGain: 500_000 });
    const gate = await call('PUT', `${base}/benefits/B-01/gates/1`, admin, { isMet: true, metOn: '2028-05-01' });
    expect(gate.json()).toMatchObject({ gatesMet: 1, gates: [{ isMet: true, metOn: '2028-05-01' }] });
    const register = (await call('GET', `${base}/benefits`, viewer)).json();
    expect(register.totals[0]).toEqual({
      kind: 'cashable-saving',
      benefits: 1,
      targetGbp: 500_000,
      realisedGbp: 200_000,
      targetsReached: 0,
    });

    const bad = await call('PUT', `${base}/benefits/B-02`, admin, {
      title: 'x',
      kind: 'cashable-saving',
      measure: 'm',
      unit: 'GBP',
      baseline: 5,
      target: 5,
      owner: ' ',
      gates: [{ kind: 'milestone', milestone: 'x', isMet: true }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual(['owner', 'target', 'gates.0.metOn']);
    expect((await call('POST', `${base}/benefits/B-99/measurements`, admin, { measuredOn: '2028-01-01', value: 1 })).statusCode).toBe(404);

    expect(
      (await call('PUT', `${base}/scorecard`, admin, { measure: 'user-satisfaction', periodStart: '2028-04-01', value: 71 })).statusCode,
    ).toBe(200);
    expect(
      (await call('PUT', `${base}/scorecard`, admin, { measure: 'user-satisfaction', periodStart: '2028-04-01', value: 74 })).json().values,
    ).toEqual([{ measure: 'user-satisfaction', periodStart: '2028-04-01', value: 74, note: null, recordedBy: 'casterbridge.admin' }]);
    expect(
      (await call('PUT', `${base}/scorecard`, admin, { measure: 'user-satisfaction', periodStart: '2028-05-01', value: 140 })).json().code,
    ).toBe('ESTATE_SCORECARD_INVALID');
  });

  it('saves the matrix from the page form with CSRF, and refuses the form without it', async () => {
    const browser = new Browser(server.app);
    await browser.signIn('budmouth.admin');
    const page = await browser.get('/estate/governance?reorganisation=wessex-lgr');
    expect(page.statusCode, page.body).toBe(200);
    const csrf = Browser.csrfFrom(page.body);
    const form = {
      reorganisation: 'wessex-lgr',
      body_0_key: 'shadow-executive',
      body_0_name: 'Shadow executive',
      'cell_it-principles_0_code': 'A',
      body_1_key: '',
      body_1_name: 'Design authority',
      cell_architecture_1_code: 'A',
      cell_architecture_1_note: 'Sets the standards',
      changeNote: 'Design authority added',
    };
    expect((await browser.post('/estate/governance', form)).statusCode).toBe(403);
    const saved = await browser.post('/estate/governance', { ...form, _csrf: csrf });
    expect(saved.statusCode, saved.body).toBe(303);
    const current = (await call('GET', `${base}/decision-rights`, viewer)).json().current;
    expect(current).toMatchObject({ version: 3, savedBy: 'budmouth.admin', changeNote: 'Design authority added' });
    expect(current.matrix.bodies).toEqual([
      { key: 'shadow-executive', name: 'Shadow executive' },
      { key: 'design-authority', name: 'Design authority' },
    ]);
    for (const url of [
      '/estate/governance/print?reorganisation=wessex-lgr',
      '/estate/readiness?reorganisation=wessex-lgr',
      '/estate/benefits?reorganisation=wessex-lgr',
    ]) {
      const shown = await browser.get(url);
      expect(shown.statusCode, `${url}: ${shown.body.slice(0, 500)}`).toBe(200);
    }
  });

  it('records readiness and benefits from the page forms, and shows a refused form’s problems', async () => {
    const browser = new Browser(server.app);
    await browser.signIn('casterbridge.admin');
    let csrf = Browser.csrfFrom((await browser.get('/estate/readiness?reorganisation=wessex-lgr')).body);
    const rated = await browser.post('/estate/readiness', {
      _csrf: csrf,
      reorganisation: 'wessex-lgr',
      organisation: 'wessex-council',
      assessor: 'Head of Digital',
      assessedOn: '2026-11-01',
      'rating_cyber-resilience': 'amber',
      'evidence_cyber-resilience': 'CAF self-assessment under way',
      'link_cyber-resilience': 'https://example.org/caf',
      'rating_estate-discovery': '',
    });
    expect(rated.statusCode, rated.body).toBe(303);
    const history = (await call('GET', `${base}/readiness/history?organisation=wessex-council`, viewer)).json().ratings;
    expect(history).toMatchObject([
      { area: 'cyber-resilience', rating: 'amber', links: [{ href: 'https://example.org/caf' }], recordedBy: 'casterbridge.admin' },
    ]);

    csrf = Browser.csrfFrom((await browser.get('/estate/benefits?reorganisation=wessex-lgr')).body);
    const added = await browser.post('/estate/benefits', {
      _csrf: csrf,
      reorganisation: 'wessex-lgr',
      action: 'benefit',
      reference: 'B-03',
      title: 'Fewer payroll systems',
      kind: 'cashable-saving',
      measure: 'Annual cost of payroll systems',
      unit: 'GBP',
      baseline: '£250,000',
      target: '120000',
      owner: 'Director of People',
      gateKind: 'system-decommissioned',
      gateMilestone: 'Casterbridge payroll switched off',
    });
    expect(added.statusCode, added.body).toBe(303);
    expect(
      (
        await browser.post('/estate/benefits', {
          _csrf: csrf,
          reorganisation: 'wessex-lgr',
          action: 'measurement',
          reference: 'B-03',
          measuredOn: '2028-07-01',
          value: '200000',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await browser.post('/estate/benefits', {
          _csrf: csrf,
          reorganisation: 'wessex-lgr',
          action: 'gate',
          reference: 'B-03',
          gate: '1',
          isMet: 'true',
          metOn: '2028-06-01',
        })
      ).statusCode,
    ).toBe(303);
    const b3 = (await call('GET', `${base}/benefits`, viewer)).json().benefits.find((b: { reference: string }) => b.reference === 'B-03');
    expect(b3).toMatchObject({ baseline: 250_000, target: 120_000, latest: 200_000, realisedGain: 50_000, gatesMet: 1 });
    const page = await browser.get('/estate/benefits?reorganisation=wessex-lgr');
    expect(page.body).toContain('£250,000 → £120,000');

    const refused = await browser.post('/estate/benefits', {
      _csrf: csrf,
      reorganisation: 'wessex-lgr',
      action: 'measurement',
      reference: 'B-03',
      measuredOn: '1 July',
      value: 'lots',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Give the date measured as YYYY-MM-DD');
    expect(refused.body).toContain('The value must be a number');
  });

  it('documents every governance, readiness and benefits route in OpenAPI', async () => {
    const spec = (await server.app.inject('/api/openapi.json')).json();
    const paths = Object.keys(spec.paths).filter((p) => p.startsWith('/api/estate/reorganisations/{code}/'));
    expect(paths.sort()).toEqual([
      '/api/estate/reorganisations/{code}/benefits',
      '/api/estate/reorganisations/{code}/benefits/{reference}',
      '/api/estate/reorganisations/{code}/benefits/{reference}/gates/{number}',
      '/api/estate/reorganisations/{code}/benefits/{reference}/measurements',
      '/api/estate/reorganisations/{code}/decision-rights',
      '/api/estate/reorganisations/{code}/decision-rights/diff',
      '/api/estate/reorganisations/{code}/decision-rights/publish',
      '/api/estate/reorganisations/{code}/decision-rights/published',
      '/api/estate/reorganisations/{code}/decision-rights/versions',
      '/api/estate/reorganisations/{code}/decision-rights/versions/{version}',
      '/api/estate/reorganisations/{code}/readiness',
      '/api/estate/reorganisations/{code}/readiness/history',
      '/api/estate/reorganisations/{code}/scorecard',
    ]);
    expect(
      spec.paths['/api/estate/reorganisations/{code}/decision-rights'].put.requestBody.content['application/json'].schema.properties.matrix,
    ).toBeDefined();
  });
});

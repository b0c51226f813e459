/** Reference lists on PGlite with synthetic files: versions, refusals, the register, starting a reorganisation. */
import { listAuditEvents, listOrganisations, type SignedInUser } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findReorganisation } from '../../src/reorganisations/service.ts';
import {
  importReferenceList,
  listReferenceImports,
  organisationCodeFor,
  proposePredecessors,
  searchRegister,
  startReorganisationFromRegister,
} from '../../src/reference/service.ts';
import { estateDb } from '../../src/store.ts';
import { csv, openEstateDatabase } from '../helpers.ts';
import { FUNCTIONS_CSV, GOVUK_CSV, REGISTER_CSV, SERVICES_CSV, TIERS_CSV } from './fixtures.ts';

const admin = (code: string): SignedInUser => ({
  id: '00000000-0000-0000-0000-000000000001',
  username: `${code}.admin`,
  displayName: 'Admin',
  memberships: [{ organisationCode: code, organisationName: code, roles: ['admin'] }],
});

describe('reference lists', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openEstateDatabase();
  });
  afterEach(async () => database.dispose());

  it('imports a version with counts; the same file again changes nothing; a new file replaces the list', async () => {
    const first = await importReferenceList(database, null, { list: 'functions', fileName: 'functions.csv', bytes: FUNCTIONS_CSV });
    expect(first).toMatchObject({ rows: 5, imported: 5, refused: 0, unchanged: false });
    const again = await importReferenceList(database, null, { list: 'functions', fileName: 'functions.csv', bytes: FUNCTIONS_CSV });
    expect(again).toMatchObject({ unchanged: true, importId: first.importId });
    const smaller = csv([
      ['Identifier', 'Label', 'Parent identifiers', 'Parent labels'],
      ['3', 'Benefits', '', ''],
    ]);
    const second = await importReferenceList(database, null, { list: 'functions', fileName: 'functions-2.csv', bytes: smaller });
    expect(second.importId).not.toBe(first.importId);
    const versions = (await listReferenceImports(database)).filter((i) => i.list === 'functions');
    expect(versions.map((v) => [v.fileName, v.isCurrent])).toEqual([
      ['functions-2.csv', true],
      ['functions.csv', false],
    ]);
    const rows = await estateDb(database.db).selectFrom('estate_reference_functions').selectAll().execute();
    expect(rows.map((r) => r.label)).toEqual(['Benefits']);
  });

  it('refuses bad rows with row, column and why, and keeps the rest; cleans RDF residue', async () => {
    const r = await importReferenceList(database, null, { list: 'lgsl', fileName: 'services.csv', bytes: SERVICES_CSV });
    expect(r).toMatchObject({ rows: 3, imported: 2, refused: 1, problems: [{ row: 4, column: 'Identifier' }] });
    const row = await estateDb(database.db)
      .selectFrom('estate_reference_services')
      .selectAll()
      .where('identifier', '=', 524)
      .executeTakeFirstOrThrow();
    expect(row.description).toBe('Collecting large items');
    const tiers = await importReferenceList(database, null, { list: 'lgsl-tiers', fileName: 'tiers.csv', bytes: TIERS_CSV });
    expect(tiers).toMatchObject({ imported: 1, refused: 1, problems: [{ row: 3, column: 'Providing Tier' }] });
  });

  it('refuses a file that is not the list (its columns are missing), writing nothing', async () => {
    await expect(
      importReferenceList(database, null, {
        list: 'councils',
        fileName: 'x.csv',
        bytes: csv([
          ['a', 'b'],
          ['1', '2'],
        ]),
      }),
    ).rejects.toMatchObject({
      code: 'ESTATE_REFERENCE_UNREADABLE',
    });
    await expect(
      importReferenceList(database, null, { list: 'lgsl-tiers', fileName: 'f.csv', bytes: FUNCTIONS_CSV }),
    ).rejects.toMatchObject({
      code: 'ESTATE_REFERENCE_UNREADABLE',
      details: [{ column: 'LGSL' }, { column: 'Providing Tier' }],
    });
    expect(await listReferenceImports(database)).toEqual([]);
  });

  it('reads both registers: mySociety’s (tiers, county, replaced-by; bad GSS refused) and GOV.UK’s (parent by id)', async () => {
    const my = await importReferenceList(database, null, { list: 'councils', fileName: 'mysociety.csv', bytes: REGISTER_CSV });
    expect(my).toMatchObject({ format: 'mysociety', rows: 7, imported: 6, refused: 1, problems: [{ row: 8, column: 'gss-code' }] });
    const gov = await importReferenceList(database, null, { list: 'councils', fileName: 'govuk.csv', bytes: GOVUK_CSV });
    expect(gov).toMatchObject({ format: 'govuk', imported: 2 });
    // Both are current (one per register); the mySociety register is the one searched.
    expect((await listReferenceImports(database)).filter((i) => i.isCurrent)).toHaveLength(2);
    const found = await searchRegister(database, 'casterbridge');
    expect(found).toMatchObject([{ register: 'mysociety', code: 'CAS', tier: 'district', parentCode: 'WSX', replacedBy: ['WXU'] }]);
    expect((await searchRegister(database, 'e06000901')).map((e) => e.code)).toEqual(['WXU']);
  });

  it('proposes predecessors: from replaced-by for a successor, a county and its districts for a county or a district', async () => {
    await importReferenceList(database, null, { list: 'councils', fileName: 'mysociety.csv', bytes: REGISTER_CSV });
    expect((await proposePredecessors(database, 'WXU')).proposals.map((p) => p.entry.code)).toEqual(['BUD', 'CAS', 'WSX']);
    expect((await proposePredecessors(database, 'MID')).proposals.map((p) => p.entry.code)).toEqual(['MID', 'MDA']);
    const fromDistrict = await proposePredecessors(database, 'MDA');
    expect(fromDistrict.proposals.map((p) => [p.entry.code, p.why])).toEqual([
      ['MID', 'The county council over Mid Alpha District Council'],
      ['MDA', 'A district of Midshire County Council'],
    ]);
    await expect(proposePredecessors(database, 'NOPE')).rejects.toMatchObject({ code: 'ESTATE_REGISTER_UNKNOWN' });
  });

  it('starts a reorganisation: matches casterbridge by GSS (adding its LA code), creates the rest with identifiers', async () => {
    await importReferenceList(database, null, { list: 'councils', fileName: 'mysociety.csv', bytes: REGISTER_CSV });
    // casterbridge exists (from the helper) with only a GSS code
    await database.db
      .insertInto('organisation_identifiers')
      .values({ organisation_code: 'casterbridge', kind: 'gss', value: 'E07000901' })
      .execute();
    const r = await startReorganisationFromRegister(database, admin('casterbridge'), {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      vestingDay: '2028-04-01',
      successor: { registerCode: 'WXU' },
      predecessors: ['CAS', 'BUD', 'WSX'],
    });
    // casterbridge by its GSS code, budmouth (no identifiers yet) by its name
    expect(r.updated.sort()).toEqual(['budmouth', 'casterbridge']);
    expect(r.created.sort()).toEqual(['wessex', 'wessex-wsx']);
    expect((await listOrganisations(database)).find((o) => o.code === 'budmouth')!.identifiers).toEqual(
      expect.arrayContaining([
        { kind: 'gss', value: 'E07000902' },
        { kind: 'local-authority-code', value: 'BUD' },
      ]),
    );
    const organisations = await listOrganisations(database);
    const cas = organisations.find((o) => o.code === 'casterbridge')!;
    expect(cas).toMatchObject({ successorCode: 'wessex', name: 'Casterbridge District Council' });
    expect(cas.identifiers).toEqual(
      expect.arrayContaining([
        { kind: 'gss', value: 'E07000901' },
        { kind: 'local-authority-code', value: 'CAS' },
      ]),
    );
    expect(organisations.find((o) => o.code === 'wessex-wsx')).toMatchObject({ type: 'county-council', successorCode: 'wessex' });
    expect((await findReorganisation(database, 'wessex-lgr'))!.predecessorCodes.sort()).toEqual(['budmouth', 'casterbridge', 'wessex-wsx']);
    const audit = await listAuditEvents(database.db, { limit: 20 } as never);
    expect(JSON.stringify(audit)).toContain('estate.reorganisation.started');
  });

  it('a new successor by code and name; every problem at once; nothing written when invalid', async () => {
    await importReferenceList(database, null, { list: 'councils', fileName: 'mysociety.csv', bytes: REGISTER_CSV });
    await expect(
      startReorganisationFromRegister(database, null, {
        code: 'X',
        name: '',
        vestingDay: '2028-13-45',
        successor: {},
        predecessors: ['NOPE'],
      }),
    ).rejects.toMatchObject({
      code: 'ESTATE_REORGANISATION_INVALID',
      details: [{ field: 'code' }, { field: 'name' }, { field: 'vestingDay' }, { field: 'successor' }, { field: 'predecessors' }],
    });
    expect((await listOrganisations(database)).map((o) => o.code).sort()).toEqual(['budmouth', 'casterbridge']);
    const r = await startReorganisationFromRegister(database, null, {
      code: 'midshire-lgr',
      name: 'Midshire',
      vestingDay: '2027-04-01',
      successor: { code: 'midshire-council', name: 'Midshire Council' },
      predecessors: ['MID', 'MDA'],
    });
    expect(r.created).toEqual(['midshire-council', 'midshire', 'mid-alpha']);
  });

  it('refuses someone who administers none of the organisations that exist, and audits it', async () => {
    await importReferenceList(database, null, { list: 'councils', fileName: 'mysociety.csv', bytes: REGISTER_CSV });
    await database.db
      .insertInto('organisation_identifiers')
      .values({ organisation_code: 'casterbridge', kind: 'gss', value: 'E07000901' })
      .execute();
    const input = {
      code: 'wessex-lgr',
      name: 'Wessex',
      vestingDay: '2028-04-01',
      successor: { registerCode: 'WXU' },
      predecessors: ['CAS'],
    };
    await expect(startReorganisationFromRegister(database, admin('budmouth'), input)).rejects.toMatchObject({
      code: 'ESTATE_REFERENCE_FORBIDDEN',
    });
    expect(await findReorganisation(database, 'wessex-lgr')).toBeUndefined();
    // None of Midshire's councils exist yet: an administrator of any organisation may start it.
    await startReorganisationFromRegister(database, admin('budmouth'), {
      ...input,
      code: 'mid',
      successor: { registerCode: 'MID' },
      predecessors: ['MDA'],
    });
    expect(await findReorganisation(database, 'mid')).toBeDefined();
  });

  it('makes organisation codes from names', () => {
    expect(organisationCodeFor('South Bucks District Council')).toBe('south-bucks');
    expect(organisationCodeFor('Bournemouth, Christchurch & Poole')).toBe('bournemouth-christchurch-and-poole');
    expect(organisationCodeFor('City of London')).toBe('london');
  });
});

/** Classifications on PGlite: rules over the current applications, a person's decision surviving re-imports, software nobody listed. */
import type { SignedInUser } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifiedApplications,
  clearClassification,
  overrideClassification,
  runClassification,
  unlistedSoftware,
} from '../../src/classification/service.ts';
import { importReferenceList } from '../../src/reference/service.ts';
import { importContracts } from '../../src/service.ts';
import { estateDb } from '../../src/store.ts';
import { csv, openEstateDatabase } from '../helpers.ts';
import { FUNCTIONS_CSV, insertApplications, MAPPING_CSV } from '../reference/fixtures.ts';

const user: SignedInUser = {
  id: '00000000-0000-0000-0000-000000000001',
  username: 'casterbridge.admin',
  displayName: 'Admin',
  memberships: [{ organisationCode: 'casterbridge', organisationName: 'Casterbridge', roles: ['admin'] }],
};

const APPS = [
  { reference: 'APP-1', name: 'Tithe', capability: 'Revenues and benefits', contractReference: 'CB-1' },
  { reference: 'APP-2', name: 'Bulky waste bookings', capability: null },
  { reference: 'APP-3', name: 'Ouija', capability: 'Séances' },
];

describe('classification', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openEstateDatabase();
  });
  afterAll(async () => database?.dispose());

  it('without a Function list, nothing is classified and says why', async () => {
    await insertApplications(database, 'casterbridge', APPS, 'a1');
    const apps = await classifiedApplications(database, ['casterbridge']);
    expect(apps.map((a) => [a.reference, a.functionId, a.reason])).toEqual(
      APPS.map((a) => [a.reference, null, 'No Function list has been imported']),
    );
  });

  it('classifies the current applications by rule, with confidence and reason; lists the unclassified', async () => {
    await importReferenceList(database, null, { list: 'functions', fileName: 'functions.csv', bytes: FUNCTIONS_CSV });
    await importReferenceList(database, null, { list: 'function-services', fileName: 'mapping.csv', bytes: MAPPING_CSV });
    const apps = await classifiedApplications(database, ['casterbridge']);
    expect(apps).toMatchObject([
      { reference: 'APP-1', functionLabel: 'Benefits', method: 'rule', confidence: 0.9 },
      { reference: 'APP-2', functionLabel: 'Waste management', serviceLabel: 'Bulky waste collection', method: 'rule' },
      { reference: 'APP-3', functionId: null, method: null },
    ]);
    expect(apps[2]!.reason).toContain('Séances');
    const run = await runClassification(database, user, ['casterbridge']);
    expect(run).toEqual({ applications: 3, classified: 2, unclassified: 1, byUser: 0 });
    const stored = await estateDb(database.db)
      .selectFrom('estate_application_classifications')
      .selectAll()
      .orderBy('application_reference')
      .execute();
    expect(stored.map((s) => [s.application_reference, s.method, s.function_label])).toEqual([
      ['APP-1', 'rule', 'Benefits'],
      ['APP-2', 'rule', 'Waste management'],
    ]);
  });

  it('a person’s decision wins, is never overwritten by the rules, and survives a re-import', async () => {
    const decided = await overrideClassification(database, user, {
      organisation: 'casterbridge',
      reference: 'APP-3',
      functionId: 110,
      reason: 'It is the car park system really',
    });
    expect(decided).toMatchObject({
      functionLabel: 'Parking',
      method: 'user',
      confidence: 1,
      decidedBy: 'casterbridge.admin',
      reason: 'It is the car park system really',
    });
    await runClassification(database, user, ['casterbridge']);
    await insertApplications(database, 'casterbridge', APPS, 'a2'); // the inventory imported again
    const apps = await classifiedApplications(database, ['casterbridge']);
    expect(apps.find((a) => a.reference === 'APP-3')).toMatchObject({ functionLabel: 'Parking', method: 'user' });
    await clearClassification(database, user, 'casterbridge', 'APP-3');
    expect((await classifiedApplications(database, ['casterbridge'])).find((a) => a.reference === 'APP-3')).toMatchObject({
      functionId: null,
    });
  });

  it('refuses a function or application that does not exist, every problem at once', async () => {
    await expect(
      overrideClassification(database, user, { organisation: 'casterbridge', reference: 'NOPE', functionId: 999, reason: '' }),
    ).rejects.toMatchObject({ code: 'ESTATE_CLASSIFICATION_INVALID', details: [{ field: 'functionId' }, { field: 'reference' }] });
  });

  it('finds the software nobody listed: CPV 48/72 contracts no application names', async () => {
    const register = csv([
      ['Reference', 'Title', 'Supplier', 'Value', 'CPV code'],
      ['CB-1', 'Revenues and benefits system', 'Mellstock Software Ltd', '100000', '48000000-8'],
      ['CB-2', 'Mystery software', 'Egdon Digital Ltd', '20000', '48200000-0'],
      ['CB-3', 'IT support', 'Durnover IT Ltd', '5000', '72000000-5'],
      ['CB-4', 'Grounds maintenance', 'Wessex Greens Ltd', '9000', '77310000-6'],
    ]);
    await importContracts(database, null, { organisationCode: 'casterbridge', fileName: 'contracts.csv', bytes: register });
    const unlisted = await unlistedSoftware(database, ['casterbridge']);
    expect(unlisted.map((c) => [c.reference, c.cpvCode])).toEqual([
      ['CB-2', '48200000-0'],
      ['CB-3', '72000000-5'],
    ]);
    expect(await unlistedSoftware(database, ['budmouth'])).toEqual([]);
  });
});

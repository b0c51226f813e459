/** The contract map on PGlite: contracts imported through importContracts, measured against vesting day, decided on. */
import { addUser, saveOrganisations } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildContractMap,
  contractMapCsv,
  listCommonSuppliers,
  listContractDecisions,
  recordContractDecision,
} from '../../src/contract-map/service.ts';
import { saveReorganisation } from '../../src/reorganisations/service.ts';
import { importContracts } from '../../src/service.ts';
import { csv, openEstateDatabase } from '../helpers.ts';

const TODAY = '2026-12-01';
const HEADER = [
  'Reference',
  'Title',
  'Supplier',
  'Supplier registered company number',
  'Value',
  'Start date',
  'End date',
  'Notice period (months)',
  'Termination cost',
  'Auto renewal',
  'Novation required',
  'Change of control clause',
  'Break dates',
  'CPV code',
  'CPV description',
  'Department',
];
const CASTERBRIDGE = [
  HEADER,
  // Notice (6 months) due 2027-12-31, before vesting.
  [
    'CB-1',
    'Revenues and benefits',
    'Mellstock Software Ltd',
    '02165763',
    '1200000',
    '2022-04-01',
    '2028-06-30',
    '6',
    '45000',
    'No',
    'Yes',
    'No',
    '2027-03-31; 2029-03-31',
    '48000000-8',
    'Software package and information systems',
    'Resources',
  ],
  // Runs to 2031, notice in 2030: nothing to decide before vesting.
  [
    'CB-2',
    'Waste collection',
    'Wessex Waste Limited',
    '',
    '3800000',
    '2021-04-01',
    '2031-03-31',
    '12',
    '',
    'No',
    'No',
    'No',
    '',
    '90511000-2',
    'Refuse collection services',
    'Place',
  ],
  // No end date.
  ['CB-3', 'Cleaning', 'Egdon Cleaning', '', '20000', '2020-01-01', '', '', '', '', '', '', '', '', '', 'Place'],
];
const BUDMOUTH = [
  HEADER,
  // Same supplier by number (spelt differently), auto-renews 2027-10-01 (before vesting).
  [
    'BU-1',
    'Council tax system',
    'MELLSTOCK SOFTWARE LIMITED',
    '2165763',
    '300000',
    '2024-10-01',
    '2027-09-30',
    '1',
    '0',
    'Yes',
    '',
    '',
    '',
    '72000000-5',
    'IT services',
    'Resources',
  ],
  // Same supplier by name only.
  [
    'BU-2',
    'Bin rounds',
    'Wessex Waste Ltd.',
    '',
    '900000',
    '2023-04-01',
    '2029-03-31',
    '3',
    '',
    'No',
    'No',
    'Yes',
    '',
    '90511000-2',
    'Refuse collection services',
    'Place',
  ],
];

describe('the shared contract map', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openEstateDatabase();
    await saveOrganisations(
      database,
      [
        {
          code: 'wessex-council',
          name: 'Wessex Council',
          type: 'unitary-authority',
          successorCode: null,
          identifiers: [],
          partnerships: [],
        },
        {
          code: 'casterbridge',
          name: 'Casterbridge District Council',
          type: 'district-council',
          successorCode: 'wessex-council',
          identifiers: [],
          partnerships: [],
        },
        {
          code: 'budmouth',
          name: 'Budmouth Borough Council',
          type: 'district-council',
          successorCode: 'wessex-council',
          identifiers: [],
          partnerships: [],
        },
      ],
      [],
    );
    await saveReorganisation(database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
    await importContracts(database, null, { organisationCode: 'casterbridge', fileName: 'cb.csv', bytes: csv(CASTERBRIDGE) });
    await importContracts(database, null, { organisationCode: 'budmouth', fileName: 'bu.csv', bytes: csv(BUDMOUTH) });
  });
  afterEach(() => database.dispose());

  it('measures every predecessor’s current contracts against vesting day', async () => {
    const map = await buildContractMap(database, 'wessex-lgr', {}, TODAY);
    expect(map.rows.map((r) => r.reference)).toEqual(['BU-1', 'CB-1', 'BU-2', 'CB-2', 'CB-3']); // soonest notice deadline first
    const byRef = Object.fromEntries(map.rows.map((r) => [r.reference, r]));
    expect(byRef['CB-1']).toMatchObject({
      organisationName: 'Casterbridge District Council',
      noticeDeadline: '2027-12-30',
      daysToNoticeDeadline: 394,
      runsPastVesting: true,
      breakDatesBeforeVesting: ['2027-03-31'],
      breakDatesAfterVesting: ['2029-03-31'],
      capability: 'Software package and information systems',
      isSoftware: true,
      needsDecision: true,
    });
    expect(byRef['CB-1']!.reasons.map((r) => r.code)).toEqual(['notice-before-vesting', 'novation-required']);
    expect(byRef['BU-1']).toMatchObject({ nextRenewal: '2027-10-01', noticeDeadline: '2027-08-30', endsBeforeVesting: true });
    expect(byRef['BU-1']!.reasons.map((r) => r.code)).toEqual(['notice-before-vesting', 'auto-renews-before-vesting']);
    expect(byRef['CB-2']).toMatchObject({ needsDecision: false, noticeDeadline: '2030-03-31', capability: 'Refuse collection services' });
    expect(byRef['BU-2']!.reasons.map((r) => r.code)).toEqual(['change-of-control']);
    expect(byRef['CB-3']).toMatchObject({ noticeStatus: 'unknown', noticeUnknownBecause: 'no end date recorded', capability: 'Place' });
    expect(map.summary).toEqual({
      contracts: 5,
      needingDecision: 4,
      withoutDecision: 5,
      valueAtStake: 1_200_000 + 3_800_000 + 900_000,
      terminationCostTotal: 45_000,
      noticeUnknown: 1,
    });
  });

  it('filters by council, need, software and end within N months', async () => {
    const refs = async (filters: Parameters<typeof buildContractMap>[2]) =>
      (await buildContractMap(database, 'wessex-lgr', filters, TODAY)).rows.map((r) => r.reference).sort();
    expect(await refs({ council: 'budmouth' })).toEqual(['BU-1', 'BU-2']);
    expect(await refs({ needsDecision: true })).toEqual(['BU-1', 'BU-2', 'CB-1', 'CB-3']);
    expect(await refs({ softwareOnly: true })).toEqual(['BU-1', 'CB-1']);
    expect(await refs({ endsWithinMonths: 10 })).toEqual(['BU-1']); // ends 2027-09-30, within 10 months of 2026-12-01
    expect(await refs({ endsWithinMonths: 9 })).toEqual([]);
  });

  it('finds suppliers common to councils by company number, else normalised name', async () => {
    const suppliers = await listCommonSuppliers(database, 'wessex-lgr', TODAY);
    expect(suppliers).toHaveLength(2);
    expect(suppliers.find((s) => s.key === 'coh-02165763')).toMatchObject({
      councils: ['budmouth', 'casterbridge'],
      contracts: 2,
      totalValue: 1_500_000,
      earliestEnd: '2027-09-30',
    });
    expect(suppliers.find((s) => s.key === 'name-wessex-waste')).toMatchObject({ councils: ['budmouth', 'casterbridge'], contracts: 2 });
  });

  it('records decisions append-only, latest in force, surviving a re-import, audited', async () => {
    const id = await addUser(database, {
      username: 'casterbridge.admin',
      displayName: 'Casey Admin',
      password: 'correct horse battery staple',
      organisationCode: 'casterbridge',
      roles: ['admin'],
    });
    const decide = (over: Record<string, string | null>) =>
      recordContractDecision(
        database,
        { id, username: 'casterbridge.admin' },
        {
          reorganisation: 'wessex-lgr',
          organisationCode: 'casterbridge',
          reference: 'CB-1',
          decision: 'extend',
          owner: 'Head of ICT',
          rationale: 'Keep until the unitary system is chosen',
          dueDate: '2027-12-30',
          ...over,
        },
        TODAY,
      );
    await decide({});
    await decide({
      decision: 'consolidate',
      consolidateIntoOrganisationCode: 'budmouth',
      consolidateIntoReference: 'BU-1',
      rationale: 'One revenues system',
    });
    let map = await buildContractMap(database, 'wessex-lgr', { noDecision: true }, TODAY);
    expect(map.rows.map((r) => r.reference)).not.toContain('CB-1');
    // A new register for Casterbridge: the decision follows the reference.
    await importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'cb2.csv',
      bytes: csv([
        ...CASTERBRIDGE,
        ['CB-4', 'Parking', 'Durnover Parking Ltd', '', '5000', '', '2027-01-31', '', '', '', '', '', '', '', '', ''],
      ]),
    });
    map = await buildContractMap(database, 'wessex-lgr', {}, TODAY);
    expect(map.rows.find((r) => r.reference === 'CB-1')!.decision).toMatchObject({
      decision: 'consolidate',
      consolidateIntoReference: 'BU-1',
      decidedBy: 'casterbridge.admin',
    });
    const history = await listContractDecisions(database, 'wessex-lgr', { organisationCode: 'casterbridge', reference: 'CB-1' });
    expect(history.map((d) => d.decision)).toEqual(['extend', 'consolidate']);
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'subject_id'])
      .where('action', '=', 'estate.contract-decision')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.subject_id).toBe('casterbridge/CB-1');
  });

  it('refuses a bad decision with every problem at once, and records nothing', async () => {
    const attempt = recordContractDecision(
      database,
      null,
      {
        reorganisation: 'wessex-lgr',
        organisationCode: 'casterbridge',
        reference: 'CB-1',
        decision: 'consolidate',
        owner: ' ',
        rationale: '',
        dueDate: '31/12/2027',
        consolidateIntoOrganisationCode: 'casterbridge',
        consolidateIntoReference: 'CB-1',
      },
      TODAY,
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'ESTATE_DECISION_INVALID',
      details: [
        { field: 'owner' },
        { field: 'rationale' },
        { field: 'dueDate' },
        { field: 'consolidateInto', message: 'A contract cannot be consolidated into itself' },
      ],
    });
    await expect(
      recordContractDecision(
        database,
        null,
        { reorganisation: 'wessex-lgr', organisationCode: 'budmouth', reference: 'NOPE', decision: 'sell', owner: 'x', rationale: 'y' },
        TODAY,
      ),
    ).rejects.toMatchObject({ details: [{ field: 'reference' }, { field: 'decision' }] });
    expect(await listContractDecisions(database, 'wessex-lgr')).toEqual([]);
  });

  it('exports the map as CSV with every computed field, formulas defused', async () => {
    await importContracts(database, null, {
      organisationCode: 'budmouth',
      fileName: 'bu2.csv',
      bytes: csv([...BUDMOUTH, ['BU-9', '=HYPERLINK("x")', 'Evil, "Ltd"', '', '', '', '2030-01-01', '', '', '', '', '', '', '', '', '']]),
    });
    const text = contractMapCsv(await buildContractMap(database, 'wessex-lgr', { council: 'budmouth' }, TODAY));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toContain('notice_deadline,notice_status');
    expect(lines).toHaveLength(4);
    expect(text).toContain(`BU-9,"'=HYPERLINK(""x"")","Evil, ""Ltd"""`);
  });
});

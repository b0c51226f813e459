/** Small synthetic reference lists (the shapes of the published files) and inventory rows written straight to the tables. */
import type { Database } from '@joinery/core';
import { estateDb } from '../../src/store.ts';
import { csv } from '../helpers.ts';

export const FUNCTIONS_CSV = csv([
  ['Identifier', 'Label', 'Description', 'Created', 'Modified', 'History notes', 'Type', 'Parent identifiers', 'Parent labels', ''],
  ['1', 'Advice and benefits', '', '2013-04-03', '2013-04-03', '', 'Function', '', '', ''],
  ['3', 'Benefits', '', '2013-04-03', '2013-04-03', '', 'Function', '1', 'Advice and benefits', ''],
  ['30', 'Environmental protection', '', '2013-04-03', '2013-04-03', '', 'Function', '', '', ''],
  ['38', 'Waste management', '', '2013-04-03', '2013-04-03', '', 'Function', '30', 'Environmental protection', ''],
  ['110', 'Parking', '', '2013-04-03', '2013-04-03', '', 'Function', '30', 'Environmental protection', ''],
]);

export const SERVICES_CSV = csv([
  ['Identifier', 'Label', 'Description', 'Created', 'Modified', 'History notes', 'Type', ''],
  ['524', 'Bulky waste collection', '"Collecting large items"@en', '2013-04-03', '2013-04-03', '', 'Service', ''],
  ['66', 'Council tax benefit overpayments', '', '2013-04-03', '2013-04-03', '', 'Service', ''],
  ['x', 'Broken', '', '', '', '', 'Service', ''],
]);

export const MAPPING_CSV = csv([
  [
    'Identifier',
    'Label',
    'Description',
    'Created',
    'Modified',
    'History notes',
    'Type',
    'Parent identifiers',
    'Parent labels',
    'Mapping type',
    'Mapped identifier',
    'Mapped label',
    'Mapped type',
    'Theme',
  ],
  ['1', 'Advice and benefits', '', '', '', '', 'Function', '', '', '', '', '', '', 'Society'],
  [
    '3',
    'Benefits',
    '',
    '',
    '',
    '',
    'Function',
    '1',
    'Advice and benefits',
    'contains',
    '66',
    'Council tax benefit overpayments',
    'Service',
    'Society',
  ],
  [
    '38',
    'Waste management',
    '',
    '',
    '',
    '',
    'Function',
    '30',
    'Environmental protection',
    'contains',
    '524',
    'Bulky waste collection',
    'Service',
    'Environment',
  ],
]);

const MYSOCIETY_HEADER = [
  'local-authority-code',
  'official-name',
  'nice-name',
  'gss-code',
  'start-date',
  'end-date',
  'replaced-by',
  'local-authority-type',
  'county-la',
  'powers',
];
export const REGISTER_CSV = csv([
  MYSOCIETY_HEADER,
  ['WSX', 'Wessex County Council', 'Wessex County', 'E10000901', '', '2028-03-31', 'WXU', 'CTY', '', 'upper tier'],
  ['CAS', 'Casterbridge District Council', 'Casterbridge', 'E07000901', '', '2028-03-31', 'WXU', 'NMD', 'WSX', 'lower tier'],
  ['BUD', 'Budmouth Borough Council', 'Budmouth', 'E07000902', '', '2028-03-31', 'WXU', 'NMD', 'WSX', 'lower tier'],
  ['WXU', 'Wessex Council', 'Wessex', 'E06000901', '2028-04-01', '', '', 'UA', '', 'unitary'],
  ['MID', 'Midshire County Council', 'Midshire', 'E10000902', '', '', '', 'CTY', '', 'upper tier'],
  ['MDA', 'Mid Alpha District Council', 'Mid Alpha', 'E07000903', '', '', '', 'NMD', 'MID', 'lower tier'],
  ['MDB', 'Mid Beta District Council', 'Mid Beta', 'bad', '', '', '', 'NMD', 'MID', 'lower tier'],
]);

export const GOVUK_CSV = csv([
  ['id', 'gss', 'snac', 'local_custodian_code', 'tier_id', 'parent_local_authority_id', 'slug', 'country_name', 'homepage_url', 'name'],
  ['1', 'E10000902', '', '100', '1', '', 'midshire', 'England', '', 'Midshire County Council'],
  ['2', 'E07000903', '', '101', '2', '1', 'mid-alpha', 'England', '', 'Mid Alpha District Council'],
]);

export const TIERS_CSV = csv([
  ['LGSL', 'Description', 'Providing Tier'],
  ['524', 'Book a bulky waste collection', 'district/unitary'],
  ['66', 'Council tax benefit', 'somebody'],
]);

/** Writes an applications import for an organisation straight into the inventory tables. */
export async function insertApplications(
  database: Database,
  organisationCode: string,
  rows: { reference: string; name: string; capability?: string | null; product?: string | null; contractReference?: string | null }[],
  sha = organisationCode.length.toString(16).padStart(2, '0') + String(Date.now()),
): Promise<number> {
  const db = estateDb(database.db);
  const imported = await db
    .insertInto('estate_inventory_imports')
    .values({
      organisation_code: organisationCode,
      kind: 'applications',
      file_name: 'applications.csv',
      sha256: sha
        .padEnd(64, '0')
        .slice(0, 64)
        .replace(/[^0-9a-f]/g, 'a'),
      row_count: rows.length,
      imported_count: rows.length,
      refused_count: 0,
      mapping: '{}',
      problems: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('estate_applications')
    .values(
      rows.map((r, i) => ({
        import_id: Number(imported.id),
        organisation_code: organisationCode,
        row_number: i + 2,
        reference: r.reference,
        name: r.name,
        product: r.product ?? null,
        capability: r.capability ?? null,
        contract_reference: r.contractReference ?? null,
        source_row: '{}',
      })),
    )
    .execute();
  return Number(imported.id);
}

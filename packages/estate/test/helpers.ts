/** Test helpers: a migrated database with two councils, and CSV from rows. */
import { CORE_MIGRATIONS, saveOrganisations } from '@joinery/core';
import { openTestDatabase, type TestDatabase } from '@joinery/core/testing';
import { ESTATE_MIGRATIONS } from '../src/migrations.ts';

export async function openEstateDatabase(): Promise<TestDatabase> {
  const database = await openTestDatabase([CORE_MIGRATIONS, ESTATE_MIGRATIONS]);
  const council = (code: string, name: string) => ({
    code,
    name,
    type: 'district-council' as const,
    successorCode: null,
    identifiers: [],
    partnerships: [],
  });
  await saveOrganisations(
    database,
    [council('casterbridge', 'Casterbridge District Council'), council('budmouth', 'Budmouth Borough Council')],
    [],
  );
  return database;
}

/** A CSV from rows (CRLF, quoted where needed). */
export function csv(rows: string[][]): Buffer {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n');
}

/** The LGA contract register schema's headers (a subset) and the LGR columns. */
export const LGA_HEADER = [
  'Contract Reference number / ID',
  'Title of the Agreement',
  'Description of goods and services',
  'Supplier name',
  'Supplier registered company number',
  'Supplier registered charity number',
  'Contract value',
  'Contract start date',
  'End date',
  'Review date',
  'SME supplier',
  'VCSE supplier',
  'Tender process type',
  'Directorate / service responsible',
  'Procurement classification: CPV code',
  'Notice period (days)',
  'Termination cost',
  'Auto renewal',
  'Novation required',
  'Change of control clause',
  'Break dates',
];

export const GOOD_ROWS = [
  [
    'CB-0001',
    'Revenues and benefits system',
    'Council tax and benefits software',
    'Mellstock Software Ltd',
    'gb/2165763',
    '',
    '£1,250,000.00',
    '01/04/2022',
    '31/03/2027',
    '01/10/2026',
    'No',
    'No',
    'Open',
    'Resources',
    '72000000-5',
    '180',
    '£45,000',
    'Yes',
    'Yes',
    'Yes',
    '31/03/2025; 31/03/2026',
  ],
  [
    'CB-0002',
    'Leisure centre management',
    '',
    'Egdon Leisure Trust',
    '',
    '1123456',
    '650000',
    '2021-04-01',
    '2026-03-31',
    '',
    'Y',
    'Y',
    'Restricted',
    'Place',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
  [
    'CB-0002',
    'Leisure centre management',
    '',
    'Weatherbury Sports CIC',
    'SC123456',
    '',
    '10000',
    '01-Apr-2021',
    '31-Mar-2026',
    '',
    'N',
    'Y',
    'Restricted',
    'Place',
    '',
    '90 days',
    '0',
    'No',
    'No',
    'No',
    '',
  ],
];

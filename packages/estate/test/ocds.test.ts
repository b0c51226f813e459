/** The OCDS export: its shape, and that it validates against the OCDS 1.1.5 release-package schema when ../shared has it. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from '@joinery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportContractsOcds, importContracts } from '../src/service.ts';
import { csv, GOOD_ROWS, LGA_HEADER, openEstateDatabase } from './helpers.ts';

// The repository's sibling folder ../shared (absent in a fresh clone).
const SCHEMA_DIR = fileURLToPath(new URL('../../../../shared/data/ocds_1_1_5_schema/', import.meta.url));
const hasSchema = existsSync(`${SCHEMA_DIR}release-package-schema.json`);
if (!hasSchema) console.info(`OCDS schema validation skipped: ${SCHEMA_DIR} is not present`);

describe('OCDS export', () => {
  let database: TestDatabase;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the package is read as JSON, its shape asserted below
  let pkg: Record<string, any>;
  beforeAll(async () => {
    database = await openEstateDatabase();
    await importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'contracts.csv',
      bytes: csv([LGA_HEADER, ...GOOD_ROWS]),
    });
    pkg = await exportContractsOcds(database, 'casterbridge', {
      uri: 'https://joinery.example/api/estate/contracts.ocds.json?organisation=casterbridge',
      publishedDate: new Date('2026-05-01T00:00:00Z'),
    });
  });
  afterAll(async () => database?.dispose());

  it('is a release package: one release per contracting process, suppliers identified, the LGR terms in lgr', () => {
    expect(pkg).toMatchObject({
      uri: expect.stringContaining('organisation=casterbridge'),
      version: '1.1',
      publishedDate: '2026-05-01T00:00:00.000Z',
      publisher: { name: 'Casterbridge District Council' },
    });
    expect(pkg.releases).toHaveLength(2);
    const [first, second] = pkg.releases;
    expect(first).toMatchObject({
      ocid: 'ocds-joinery-casterbridge-CB-0001',
      tag: ['award', 'contract'],
      buyer: { id: 'casterbridge', name: 'Casterbridge District Council' },
      tender: { id: 'CB-0001', procurementMethodDetails: 'Open', items: [{ classification: { scheme: 'CPV', id: '72000000-5' } }] },
      contracts: [
        {
          awardID: 'CB-0001-2',
          period: { startDate: '2022-04-01T00:00:00Z', endDate: '2027-03-31T00:00:00Z' },
          value: { amount: 1_250_000, currency: 'GBP' },
          milestones: [{ type: 'assessment', dueDate: '2026-10-01T00:00:00Z' }],
          lgr: {
            noticePeriod: 'P180D',
            terminationCost: { amount: 45_000, currency: 'GBP' },
            isAutoRenewing: true,
            isNovationRequired: true,
            hasChangeOfControlClause: true,
            breakDates: ['2025-03-31', '2026-03-31'],
          },
        },
      ],
    });
    expect(first.parties).toContainEqual(
      expect.objectContaining({
        id: 'GB-COH-02165763',
        identifier: { scheme: 'GB-COH', id: '02165763', legalName: 'Mellstock Software Ltd' },
        roles: ['supplier'],
      }),
    );
    // Two suppliers under one reference: one process, two awards and contracts.
    expect(second.contracts).toHaveLength(2);
    expect(second.parties).toContainEqual(expect.objectContaining({ id: 'GB-CHC-1123456', details: { scale: 'sme', isVcse: true } }));
    expect(second.parties).toContainEqual(expect.objectContaining({ id: 'GB-COH-SC123456' }));
  });

  it.skipIf(!hasSchema)('validates against the OCDS 1.1.5 release-package schema', async () => {
    // CommonJS modules: their default export carries itself again as .default.
    const Ajv = (await import('ajv-draft-04')).default.default;
    const addFormats = (await import('ajv-formats')).default.default;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(JSON.parse(readFileSync(`${SCHEMA_DIR}release-schema.json`, 'utf8')));
    const validate = ajv.compile(JSON.parse(readFileSync(`${SCHEMA_DIR}release-package-schema.json`, 'utf8')));
    const valid = validate(pkg);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(valid).toBe(true);
  });
});

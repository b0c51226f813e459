/**
 * The address register against a real database: importing the districts' gazetteers (and
 * refusing a repeat or a malformed file without changing anything), searching, a property's
 * facts, and matching a file of addresses with every row accounted for and reviewed.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_MIGRATIONS, listAuditEvents, saveOrganisations } from '@joinery/core';
import { openTestDatabase, type TestDatabase } from '@joinery/core/testing';
import { generateWessex, writeScenarioFiles } from '@joinery/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTERS_MIGRATIONS } from '../src/migrations.ts';
import { addressConflicts, getProperty, searchAddresses } from '../src/service/address-search.ts';
import {
  addressMatchResults,
  addressMatchResultsCsv,
  matchAddress,
  matchAddressFile,
  reviewAddressMatch,
} from '../src/service/address-matching.ts';
import { importGazetteer } from '../src/service/gazetteer-import.ts';

const DISTRICTS = ['budmouth', 'casterbridge', 'melchester', 'sandbourne'];
const actor = { id: '00000000-0000-4000-8000-000000000001', username: 'test.admin' };
let database: TestDatabase;
let dir: string;

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; details: { row?: number; column?: string; message: string }[] }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  database = await openTestDatabase([CORE_MIGRATIONS, REGISTERS_MIGRATIONS]);
  await saveOrganisations(
    database,
    [...DISTRICTS, 'wessex-council'].map((code) => ({
      code,
      name: code,
      type: code === 'wessex-council' ? 'unitary-authority' : 'district-council',
      successorCode: null,
      identifiers: [],
      partnerships: [],
    })) as never,
    [],
  );
  dir = await mkdtemp(join(tmpdir(), 'joinery-register-'));
  await writeScenarioFiles(generateWessex({ seed: 5, scale: 0.02 }), dir);
});
afterAll(async () => database?.dispose());

const llpg = (district: string) => readFile(join(dir, 'places', 'llpg', `${district}.csv`));

describe('the address register', () => {
  it('refuses to match before any gazetteer is imported', async () => {
    expect((await codeOf(matchAddress(database, '1 High Street'))).code).toBe('REGISTERS_REGISTER_EMPTY');
  });

  it('imports each district’s gazetteer and merges them, finding the conflicts', async () => {
    let last;
    for (const d of DISTRICTS)
      last = await importGazetteer(database, { organisationCode: d, format: 'dtf73', fileName: `${d}.csv`, content: await llpg(d), actor });
    expect(last!.register.addresses).toBeGreaterThan(500);
    const { total } = await addressConflicts(database);
    expect(total).toBe(last!.register.conflicts);
    const events = await listAuditEvents(database.db, { organisationCode: 'casterbridge' });
    expect(events.some((e) => e.action === 'addresses.gazetteer-import')).toBe(true);
  });

  it('refuses the same file again, and a malformed file, changing nothing', async () => {
    const before = (await searchAddresses(database, 'street', 1)).total;
    const again = await codeOf(
      importGazetteer(database, {
        organisationCode: 'budmouth',
        format: 'dtf73',
        fileName: 'again.csv',
        content: await llpg('budmouth'),
        actor,
      }),
    );
    expect(again.code).toBe('REGISTERS_GAZETTEER_ALREADY_IMPORTED');
    const broken = Buffer.from((await llpg('casterbridge')).toString('utf8').replace(/\r\n24,"I",(\d+),"(\d+)"/, '\r\n24,"I",$1,"X$2"'));
    const refused = await codeOf(
      importGazetteer(database, { organisationCode: 'casterbridge', format: 'dtf73', fileName: 'broken.csv', content: broken, actor }),
    );
    expect(refused.code).toBe('REGISTERS_GAZETTEER_INVALID');
    expect(refused.details[0]).toMatchObject({ column: 'UPRN', message: expect.stringMatching(/^record 24: "X\d+" is not a UPRN$/) });
    expect(refused.details[0]!.row).toBeGreaterThan(1);
    expect((await searchAddresses(database, 'street', 1)).total).toBe(before);
  });

  it('searches by postcode, UPRN and words, and shows a property with its gazetteers', async () => {
    const words = await searchAddresses(database, 'high street');
    expect(words.readAs).toBe('words');
    const first = words.addresses[0]!;
    const byPostcode = await searchAddresses(database, first.postcode!.replace(' ', '').toLowerCase());
    expect(byPostcode.readAs).toBe('postcode');
    expect(byPostcode.addresses.map((a) => a.uprn)).toContain(first.uprn);
    expect((await searchAddresses(database, first.uprn)).addresses).toHaveLength(1);
    const property = await getProperty(database, first.uprn);
    expect(property.gazetteers.length).toBeGreaterThan(0);
    expect((await codeOf(getProperty(database, '999999999999'))).code).toBe('REGISTERS_UPRN_UNKNOWN');
    expect((await codeOf(getProperty(database, '12ab'))).code).toBe('REGISTERS_UPRN_INVALID');
    // Hostile input is only ever data.
    expect((await searchAddresses(database, "%' or 1=1 --")).total).toBe(0);
  });

  it('matches a file: every row gets a result, the CSV has them all, a reviewer’s choice is kept', async () => {
    const target = (await searchAddresses(database, 'high street', 1)).addresses[0]!;
    const typed = target.singleLine.toLowerCase().replace(/street/, 'st');
    const csv = ['id,address', `1,"${typed}"`, '2,"nowhere at all"', '3,""', '4,"high street"'].join('\r\n');
    const run = await matchAddressFile(database, {
      organisationCode: 'casterbridge',
      fileName: 'test.csv',
      content: Buffer.from(csv),
      actor,
    });
    expect(run.rowCount).toBe(4);
    expect(run.matchedCount + run.reviewCount + run.unmatchedCount).toBe(4);
    const results = await addressMatchResults(database, run);
    expect(results[0]).toMatchObject({ rowNumber: 1, inputId: '1', outcome: 'matched', uprn: target.uprn });
    expect(results[2]).toMatchObject({ rowNumber: 3, outcome: 'unmatched', uprn: null });
    const lines = (await addressMatchResultsCsv(database, run)).trim().split(/\r?\n/);
    expect(lines).toHaveLength(5);
    const review = results.find((r) => r.outcome === 'review') ?? results[3]!;
    const offered = (review.candidates as { uprn: string }[])[0]?.uprn;
    expect((await codeOf(reviewAddressMatch(database, run, review.rowNumber, '1', actor))).code).toBe('REGISTERS_UPRN_INVALID');
    if (offered) {
      await reviewAddressMatch(database, run, review.rowNumber, offered, actor);
      expect((await addressMatchResults(database, run)).find((r) => r.rowNumber === review.rowNumber)).toMatchObject({
        reviewedUprn: offered,
        reviewedBy: 'test.admin',
      });
    }
  });

  it('refuses a file with no address column, naming the columns it has', async () => {
    const refused = await codeOf(
      matchAddressFile(database, {
        organisationCode: 'casterbridge',
        fileName: 'x.csv',
        content: Buffer.from('id,colour\n1,blue\n'),
        actor,
      }),
    );
    expect(refused.code).toBe('REGISTERS_ADDRESS_FILE_INVALID');
  });
});

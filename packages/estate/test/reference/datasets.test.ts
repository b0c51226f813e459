/**
 * Dataset tests: the real reference lists in the repository's sibling ../shared/data folder
 * (a fresh clone has none: skipped with a message). Every list imports with its published
 * row counts; the same file again changes nothing; the mySociety register recognises the 2020
 * Buckinghamshire reorganisation (predecessors from replaced-by) and starts it with the real
 * identifiers; the Wessex scenario's capabilities classify on the real Function list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listOrganisations } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classification/rules.ts';
import { loadFunctions } from '../../src/classification/service.ts';
import { findReorganisation } from '../../src/reorganisations/service.ts';
import {
  importReferenceList,
  listReferenceImports,
  proposePredecessors,
  searchRegister,
  startReorganisationFromRegister,
} from '../../src/reference/service.ts';
import { openEstateDatabase } from '../helpers.ts';

const DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));
const file = (path: string) => `${DATA}${path}`;
const FILES = {
  lgsl: file('lga_esd_service_function_lists/lgsl_services.csv'),
  functions: file('lga_esd_service_function_lists/lga_functions.csv'),
  'function-services': file('lga_esd_service_function_lists/functions_services_themes.csv'),
  mysociety: file('uk_local_authorities_mysociety/uk_local_authorities_future.csv'),
  govuk: file('govuk_local_authorities/local-authorities.csv'),
  'lgsl-tiers': file('govuk_lgsl_providing_tier/local_services.csv'),
};
const present = Object.values(FILES).every((f) => existsSync(f));
if (!present) console.info(`Reference list dataset tests skipped: ${DATA} is not present`);

describe.skipIf(!present)('the real reference lists (../shared/data)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openEstateDatabase();
  });
  afterAll(async () => database?.dispose());

  const load = (list: 'lgsl' | 'functions' | 'function-services' | 'councils' | 'lgsl-tiers', path: string) =>
    importReferenceList(database, null, { list, fileName: path.split('/').pop()!, bytes: readFileSync(path) });

  it('imports each list with its published counts, and the same file again changes nothing', { timeout: 120_000 }, async () => {
    expect(await load('lgsl', FILES.lgsl)).toMatchObject({ rows: 1519, imported: 1519, refused: 0, unchanged: false });
    expect(await load('functions', FILES.functions)).toMatchObject({ rows: 113, imported: 113, refused: 0 });
    const mapping = await load('function-services', FILES['function-services']);
    expect(mapping).toMatchObject({ rows: 1255, imported: 1255, refused: 0 });
    expect(await load('councils', FILES.mysociety)).toMatchObject({ format: 'mysociety', rows: 470, imported: 470, refused: 0 });
    expect(await load('councils', FILES.govuk)).toMatchObject({ format: 'govuk', rows: 382, imported: 382, refused: 0 });
    expect(await load('lgsl-tiers', FILES['lgsl-tiers'])).toMatchObject({ rows: 117, imported: 117, refused: 0 });
    const again = await load('functions', FILES.functions);
    expect(again).toMatchObject({
      unchanged: true,
      importId: (await listReferenceImports(database)).find((i) => i.list === 'functions')!.id,
    });
    expect((await listReferenceImports(database)).filter((i) => i.list === 'functions')).toHaveLength(1);
    const functions = await loadFunctions(database);
    expect(functions).toHaveLength(113);
    expect(functions.reduce((n, f) => n + f.services.length, 0)).toBe(1241);
  });

  it('finds councils by name or GSS code, and proposes Buckinghamshire’s five predecessors from replaced-by', async () => {
    expect((await searchRegister(database, 'E10000002')).map((e) => e.code)).toEqual(['BKM']);
    expect((await searchRegister(database, 'buckingham')).map((e) => e.code)).toEqual(['BUC', 'BKM']);
    const proposal = await proposePredecessors(database, 'BUC');
    expect(proposal.proposals.map((p) => p.entry.code).sort()).toEqual(['AYL', 'BKM', 'CHN', 'SBU', 'WYO']);
    expect(proposal.proposals[0]!.why).toContain('Buckinghamshire Council replaced it');
    // A current county proposes itself and its districts: Surrey (SRY) and its eleven.
    const surrey = await proposePredecessors(database, 'SRY');
    expect(surrey.proposals[0]!.entry.code).toBe('SRY');
    expect(surrey.proposals).toHaveLength(12);
  });

  it('starts the Buckinghamshire reorganisation: organisations with GSS and local-authority codes, successor set', async () => {
    const predecessors = (await proposePredecessors(database, 'BUC')).proposals.map((p) => p.entry.code);
    const started = await startReorganisationFromRegister(database, null, {
      code: 'buckinghamshire-2020',
      name: 'Buckinghamshire unitary',
      vestingDay: '2020-04-01',
      successor: { registerCode: 'BUC' },
      predecessors,
    });
    expect(started.created).toHaveLength(6);
    const lgr = await findReorganisation(database, 'buckinghamshire-2020');
    expect(lgr).toMatchObject({ successorCode: 'buckinghamshire', vestingDay: '2020-04-01' });
    expect(lgr!.predecessorCodes).toHaveLength(5);
    const organisations = await listOrganisations(database);
    const county = organisations.find((o) => o.identifiers.some((i) => i.kind === 'local-authority-code' && i.value === 'BKM'))!;
    expect(county).toMatchObject({ type: 'county-council', successorCode: 'buckinghamshire' });
    expect(county.identifiers).toContainEqual({ kind: 'gss', value: 'E10000002' });
    expect(organisations.find((o) => o.code === 'buckinghamshire')!.identifiers).toContainEqual({ kind: 'gss', value: 'E06000060' });
    // Starting it again matches the same organisations: nothing new.
    const again = await startReorganisationFromRegister(database, null, {
      code: 'buckinghamshire-2020',
      name: 'Buckinghamshire unitary',
      vestingDay: '2020-04-01',
      successor: { registerCode: 'BUC' },
      predecessors,
    });
    expect(again.created).toEqual([]);
  });

  it('classifies the Wessex scenario’s capabilities on the real Function list (measured; judged in the report)', async () => {
    // The scenario's capabilities (its catalogue), as its generated applications carry them.
    const { generateWessex } = await import('@joinery/scenario');
    const CAPABILITIES = [...new Set(generateWessex({ seed: 3, scale: 0.01 }).applications.map((a) => a.capability))]
      .sort()
      .map((capability) => ({ capability }));
    const functions = await loadFunctions(database);
    const results = CAPABILITIES.map((c) => ({
      capability: c.capability,
      result: classify({ capability: c.capability, name: c.capability, product: null }, functions),
    }));
    const withoutSynonyms = CAPABILITIES.filter((c) =>
      classify({ capability: c.capability, name: c.capability, product: null }, functions, []),
    ).length;
    console.info(
      `Wessex capabilities: ${results.filter((r) => r.result).length}/${results.length} classified (${withoutSynonyms} without the synonym table)\n` +
        results
          .map(
            (r) =>
              `  ${r.capability} → ${r.result ? `${r.result.functionLabel}${r.result.serviceLabel ? ` / ${r.result.serviceLabel}` : ''} (${r.result.confidence})` : '—'}`,
          )
          .join('\n'),
    );
    const of = (capability: string) => results.find((r) => r.capability === capability)?.result?.functionLabel;
    expect(of('Revenues and benefits')).toBe('Benefits');
    expect(of('Building control')).toBe('Building control');
    expect(of('Libraries')).toBe('Libraries');
    expect(of('Cemeteries and crematoria')).toBe('Funerals and cremations');
    expect(results.filter((r) => r.result).length).toBeGreaterThanOrEqual(35);
  });

  it('classifies every application of the generated Wessex estate, and finds its software contracts nobody listed', async () => {
    const { generateWessex } = await import('@joinery/scenario');
    const scenario = generateWessex({ seed: 3, scale: 0.01 });
    const functions = await loadFunctions(database);
    const classified = scenario.applications.map((a) =>
      classify({ capability: a.capability, name: a.name, product: a.product }, functions),
    );
    const named = new Set(scenario.applications.map((a) => `${a.organisationCode}/${a.contractReference}`));
    const software = scenario.contracts.filter((c) => /^(48|72)/.test(c.cpvCode ?? ''));
    const unlisted = software.filter((c) => !named.has(`${c.organisationCode}/${c.reference}`));
    const tail = scenario.applications.map((a, i) => ({ a, r: classified[i] })).filter(({ a }) => a.capability === 'Local tools');
    console.info(
      `Long tail ("Local tools"), by name: ${tail.filter((t) => t.r).length}/${tail.length}\n` +
        tail
          .slice(0, 40)
          .map(
            ({ a, r }) =>
              `  ${a.name} → ${r ? `${r.functionLabel}${r.serviceLabel ? ` / ${r.serviceLabel}` : ''} (${r.confidence})` : '—'}`,
          )
          .join('\n'),
    );
    console.info(
      `Wessex applications: ${classified.filter(Boolean).length}/${classified.length} classified; ` +
        `software contracts (CPV 48/72): ${software.length}, of which nobody listed ${unlisted.length}`,
    );
    expect(classified.filter(Boolean).length / classified.length).toBeGreaterThan(0.5);
  });
});

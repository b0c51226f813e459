import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWessex, writeScenarioFiles, type ScenarioFileManifest } from '../src/index.ts';

let dir: string;
let manifest: ScenarioFileManifest;
const wessex = generateWessex({ seed: 3, scale: 0.02 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wessex-'));
  manifest = await writeScenarioFiles(wessex, dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeScenarioFiles', () => {
  it('writes every file the manifest lists, with matching rows, bytes and SHA-256', async () => {
    const written = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ScenarioFileManifest;
    expect(written).toEqual(manifest);
    for (const file of manifest.files) {
      const bytes = await readFile(join(dir, file.path));
      expect(bytes.length).toBe(file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      // Gazetteers are DTF: records without a header row, of different lengths by record type.
      const isDtf = file.path.startsWith('places/llpg/');
      const rows = parse(bytes, isDtf ? { relax_column_count: true } : { columns: true }) as unknown[];
      expect(rows.length).toBe(file.rows);
    }
  });

  it('writes the expected layout', () => {
    const paths = manifest.files.map((f) => f.path);
    for (const path of [
      'organisations.csv',
      'partnerships.csv',
      'sources/casterbridge__council-tax.csv',
      'sources/wessex-hospitals__pas.csv',
      'places/streets.csv',
      'places/properties.csv',
      'places/llpg/casterbridge.csv',
      'places/open-uprn.csv',
      'truth/gazetteer-conflicts.csv',
      'estate/suppliers.csv',
      'estate/applications.csv',
      'estate/contracts.csv',
      'estate/integrations.csv',
      'health/admissions.csv',
      'housing/cases.csv',
      'truth/persons.csv',
      'truth/record-links.csv',
    ]) {
      expect(paths).toContain(path);
    }
    expect(paths.filter((p) => p.startsWith('sources/')).length).toBe(wessex.sourceSystems.length);
  });

  it('keeps the ground truth out of the sources folder', async () => {
    const personIds = new Set(wessex.truth.persons.map((p) => p.personId));
    for (const name of await readdir(join(dir, 'sources'))) {
      const text = await readFile(join(dir, 'sources', name), 'utf8');
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      const header = text.slice(0, text.indexOf('\r\n'));
      expect(header).not.toMatch(/person_id/);
      for (const row of rows) for (const value of Object.values(row)) expect(personIds.has(value)).toBe(false);
    }
    for (const file of manifest.files) expect(file.isGroundTruth).toBe(file.path.startsWith('truth/'));
  });

  it('writes RFC 4180 CSV: a header row and CRLF line ends', async () => {
    const text = await readFile(join(dir, 'organisations.csv'), 'utf8');
    expect(text.startsWith('code,name,type,gss,ods,companies_house,charity,predecessor_of\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('writes byte-identical files for the same seed and scale', async () => {
    const again = await mkdtemp(join(tmpdir(), 'wessex-'));
    try {
      const second = await writeScenarioFiles(generateWessex({ seed: 3, scale: 0.02 }), again);
      expect(second).toEqual(manifest);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });
});

/**
 * `joinery link` as a user runs it, on small messy files made here: byte-order mark, CRLF,
 * Windows-1252, spaces around headers and values, quoted commas; and the errors a user
 * must be able to act on.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinery } from './support/joinery.ts';

const PEOPLE = [
  ['Zoë', 'Hénchard', '12/03/1956', 'WX1 2AB'],
  ['Michael', 'Henchard', '01/07/1950', 'WX1 3CD'],
  ['Elizabeth', 'Newson', '05/11/1980', 'WX2 1EF'],
  ['Donald', 'Farfrae', '23/09/1975', 'WX3 4GH'],
  ['Lucetta', 'Templeman', '14/02/1978', 'WX4 5JK'],
  ['Richard', 'Newson', '30/06/1948', 'WX2 1EF'],
  ['Abel', 'Whittle', '09/08/1990', 'WX5 6LM'],
  ['Christopher', 'Coney', '17/04/1960', 'WX6 7NP'],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'joinery-link-'));
  // Council file: UTF-8 with a BOM, CRLF, spaces around headers and values, a quoted comma.
  const council = [
    ' ref , forename , surname , dob , postcode, note ',
    ...PEOPLE.map((p, i) => ` C${i} , ${p[0]} , ${p[1]} , ${p[2]} , ${p[3]} , "moved, twice" `),
  ].join('\r\n');
  await writeFile(join(dir, 'council.csv'), `\ufeff${council}\r\n`);
  // Hospital file: Windows-1252, different spellings of the same people, ISO dates.
  const hospital = [
    'ref,forename,surname,dob,postcode,note',
    ...PEOPLE.map(
      (p, i) =>
        `H${i},${i === 2 ? 'Liz' : p[0]},${i === 3 ? 'Farfrea' : p[1]},${p[2]!.split('/').reverse().join('-')},${p[3]!.replace(' ', '')},`,
    ),
  ].join('\n');
  await writeFile(join(dir, 'hospital.csv'), Buffer.from(hospital, 'latin1'));
  await writeFile(
    join(dir, 'truth.csv'),
    ['source_l,id_l,source_r,id_r', ...PEOPLE.map((_, i) => `council,C${i},hospital,H${i}`)].join('\n'),
  );
});

describe('joinery link', () => {
  it('proposes settings, links two messy files, and writes every output', async () => {
    const out = join(dir, 'run');
    const result = await joinery([
      'link',
      '--input',
      join(dir, 'council.csv'),
      '--input',
      join(dir, 'hospital.csv'),
      '--out',
      out,
      '--labels',
      join(dir, 'truth.csv'),
      '--link-type',
      'link_only',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('(windows-1252)');
    expect(result.stderr).toContain('forename: forename');
    const clusters = (await readFile(join(out, 'clusters.csv'), 'utf8')).trim().split('\n');
    expect(clusters).toHaveLength(1 + 16); // every input record, none dropped
    expect(result.stdout).toMatch(/pairs at 0\.9: precision 1\.0000, recall 1\.0000/);
    const council0 = clusters.find((l) => l.startsWith('council,C0,'))!.split(',')[2];
    expect(clusters.find((l) => l.startsWith('hospital,H0,'))!.split(',')[2]).toBe(council0);
    const settings = JSON.parse(await readFile(join(out, 'settings.json'), 'utf8'));
    expect(settings.uniqueIdColumn).toBe('ref');
    expect(JSON.parse(await readFile(join(out, 'model.json'), 'utf8')).format).toBe('joinery-linkage-model');
    const report = await readFile(join(out, 'report.html'), 'utf8');
    expect(report).toContain('Accuracy against the labels');
    expect(report).not.toContain('<script');
    expect((await readFile(join(out, 'pairs.csv'), 'utf8')).split('\n')[0]).toBe(
      'source_l,id_l,source_r,id_r,match_weight,match_probability',
    );

    // The written settings and model run again as they are, and explain a pair.
    const again = await joinery([
      'link',
      '--settings',
      join(out, 'settings.json'),
      '--model',
      join(out, 'model.json'),
      '--input',
      join(dir, 'council.csv'),
      '--input',
      join(dir, 'hospital.csv'),
      '--out',
      join(dir, 'run2'),
      '--explain',
      'council:C2,hospital:H2',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('train:');
    expect(again.stdout).toContain('council:C2 ~ hospital:H2');
    expect(again.stdout).toMatch(/forename: elizabeth \/ liz\s+nickname/);
    expect(again.stdout).toMatch(/match weight -?\d+\.\d+, probability/);
  });

  it('trains from labels, clusters strictly, and says the figures on training labels are optimistic', async () => {
    const out = join(dir, 'labelled');
    const result = await joinery([
      'link',
      '--input',
      join(dir, 'council.csv'),
      '--input',
      join(dir, 'hospital.csv'),
      '--out',
      out,
      '--link-type',
      'link_only',
      '--labels',
      join(dir, 'truth.csv'),
      '--train-from-labels',
      '--clustering',
      'single-best-links',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/train: m from 8 labelled pairs, λ = /);
    expect(result.stderr).toMatch(/cluster: \d+ clusters at 0\.9 \(single-best-links\) \(\d+\.\d s\)/);
    expect(result.stdout).toContain('figures below are optimistic');
    const model = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(model.training).toMatchObject({ mFrom: 'labels', labelledPairs: 8 });
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('m from 8 labelled matching pairs');
    // link_only: each file holds each person once, so no cluster has two records of one file.
    const clusters = (await readFile(join(out, 'clusters.csv'), 'utf8')).trim().split('\n').slice(1);
    const perCluster = new Map<string, string[]>();
    for (const line of clusters) {
      const [source, , cluster] = line.split(',');
      perCluster.set(cluster!, [...(perCluster.get(cluster!) ?? []), source!]);
    }
    for (const sources of perCluster.values()) expect(new Set(sources).size).toBe(sources.length);
  });

  it('refuses --train-from-labels without labels and an unknown clustering method', async () => {
    const input = ['--input', join(dir, 'council.csv'), '--out', join(dir, 'never')];
    const noLabels = await joinery(['link', ...input, '--train-from-labels']);
    expect(noLabels.code).toBe(1);
    expect(noLabels.stderr).toContain('--train-from-labels needs --labels FILE');
    const method = await joinery(['link', ...input, '--clustering', 'greedy']);
    expect(method.code).not.toBe(0);
    expect(method.stderr).toContain('must be connected-components or single-best-links (it is "greedy")');
  });

  it('refuses duplicate ids and missing columns, naming file, row and column, and writes nothing', async () => {
    await writeFile(join(dir, 'dupes.csv'), 'ref,forename,surname\nA1,Ann,Smith\nA2,Bob,Jones\nA1,Ann,Smyth\n');
    await writeFile(
      join(dir, 'dupes-settings.json'),
      JSON.stringify({
        linkType: 'dedupe_only',
        uniqueIdColumn: 'ref',
        blockingRules: [{ keys: [{ column: 'dob' }] }],
        comparisons: [
          {
            name: 'surname',
            column: 'surname',
            kind: 'surname',
            levels: [
              { label: 'missing', test: 'null' },
              { label: 'exact', test: 'exact' },
              { label: 'other', test: 'else' },
            ],
          },
        ],
        threshold: 0.9,
      }),
    );
    const out = join(dir, 'refused');
    const result = await joinery(['link', '--settings', join(dir, 'dupes-settings.json'), '--input', join(dir, 'dupes.csv'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('row 4, column ref: the unique id "A1" is also on row 2');
    expect(result.stderr).toContain('column dob: has no column "dob"');
    await expect(readFile(join(out, 'clusters.csv'))).rejects.toThrow();
  });

  it('refuses settings that do not match the schema, and prints the schema', async () => {
    await writeFile(join(dir, 'bad-settings.json'), JSON.stringify({ linkType: 'everything' }));
    const bad = await joinery([
      'link',
      '--settings',
      join(dir, 'bad-settings.json'),
      '--input',
      join(dir, 'council.csv'),
      '--out',
      join(dir, 'bad'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('does not match the settings schema');
    const schema = await joinery(['link', '--schema']);
    expect(JSON.parse(schema.stdout).properties.linkType.enum).toEqual(['dedupe_only', 'link_only', 'link_and_dedupe']);
  });
});

/** The gazetteer readers and the merge, on the scenario's LLPGs and on hand-broken files. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv } from '@joinery/core';
import { generateWessex, writeScenarioFiles } from '@joinery/scenario';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergePredecessorGazetteers, parseAddressBase, parseDtf73, parseOpenUprn } from '../../src/gazetteer/index.ts';

const DISTRICTS = ['budmouth', 'casterbridge', 'melchester', 'sandbourne'];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'joinery-gazetteer-'));
  await writeScenarioFiles(generateWessex({ seed: 3, scale: 0.03 }), dir);
});

describe('DTF 7.3', () => {
  it('reads every district’s gazetteer without a problem, every property once at least', async () => {
    const properties = readCsv(await readFile(join(dir, 'places', 'properties.csv')), 'properties.csv').rows;
    const held = new Set<string>();
    for (const d of DISTRICTS) {
      const parsed = parseDtf73(await readFile(join(dir, 'places', 'llpg', `${d}.csv`), 'utf8'), { fileName: d, authority: d });
      expect(parsed.problems).toEqual([]);
      expect(parsed.streets).toBeGreaterThan(0);
      for (const a of parsed.addresses) {
        expect(a.authority).toBe(d);
        held.add(a.uprn);
      }
    }
    for (const p of properties) expect(held.has(p.uprn!)).toBe(true);
  });

  it('finds exactly the conflicts the scenario put in', async () => {
    const gazetteers = await Promise.all(
      DISTRICTS.map(async (d) => ({
        authority: d,
        addresses: parseDtf73(await readFile(join(dir, 'places', 'llpg', `${d}.csv`), 'utf8'), { fileName: d, authority: d }).addresses,
      })),
    );
    const merged = mergePredecessorGazetteers(gazetteers);
    const truth = readCsv(await readFile(join(dir, 'truth', 'gazetteer-conflicts.csv')), 'conflicts.csv').rows;
    const key = (kind: string, uprns: string[]) => `${kind}:${[...uprns].sort().join(';')}`;
    const expected = new Set(truth.map((t) => key(t.kind!, t.uprns!.split(';'))));
    // The generator itself sometimes gives two properties the same address (two pubs called
    // The Buck's Head on one lane): the merge must find those too.
    const properties = readCsv(await readFile(join(dir, 'places', 'properties.csv')), 'properties.csv').rows;
    const byText = new Map<string, string[]>();
    for (const p of properties) {
      const text = [p.sao_text, p.pao_start_number, p.pao_text, p.street_name, p.locality, p.town, p.postcode].join('|').toUpperCase();
      byText.set(text, [...(byText.get(text) ?? []), p.uprn!]);
    }
    for (const uprns of byText.values()) if (uprns.length > 1) expected.add(key('same-address-different-uprns', uprns));
    expect(new Set(merged.conflicts.map((c) => key(c.kind, c.uprns)))).toEqual(expected);
    // A boundary property keeps its own district's address; the conflict says what differs.
    const boundary = merged.conflicts.find((c) => c.kind === 'same-uprn-different-address');
    if (boundary) expect(boundary.differs!.length).toBeGreaterThan(0);
    expect(new Set(merged.addresses.map((a) => a.uprn)).size).toBe(merged.addresses.length);
  });

  const HEADER = '10,"X COUNCIL",9901,"2026-04-01",1,"2026-04-01","00:00:00","7.3","F"';
  const STREET =
    '11,"I",1,"100",1,9901,2,"2026-04-01",1,8,1,"2000-01-01",,"2026-04-01","2000-01-01",,,,,,,,,10\n15,"I",2,"100","HIGH STREET",,"TOWN","WESSEX","ENG","2000-01-01",,"2026-04-01","2000-01-01"';
  const BLPU = '21,"I",3,"5",1,2,"2000-01-01",,1,2,50.1,-2.1,1,9901,"E","2000-01-01",,"2026-04-01","2000-01-01","D","WX1 1AA",0';
  const LPI = '24,"I",4,"5","K1","ENG",1,"2000-01-01",,"2026-04-01","2000-01-01",,,,,,14,,,,,"100",1,,,"Y"';
  const file = (...records: string[]) =>
    [...records, `99,0,${records.join('\n').split('\n').length + 1},"2026-04-01","00:00:00"`].join('\n');
  const problems = (text: string) =>
    parseDtf73(text, { fileName: 'x.csv', authority: 'x' }).problems.map(
      (p) => `${p.line}:${p.recordType ?? ''}:${p.field ?? ''}:${p.message}`,
    );

  it('reads a minimal file', () => {
    const parsed = parseDtf73(file(HEADER, STREET, BLPU, LPI), { fileName: 'x.csv', authority: 'x' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.addresses).toEqual([
      expect.objectContaining({
        uprn: '5',
        usrn: '100',
        paoStartNumber: 14,
        street: 'HIGH STREET',
        town: 'TOWN',
        postcode: 'WX1 1AA',
        status: 'approved',
      }),
    ]);
  });

  it('names the line, record type and field of every malformed record', () => {
    expect(problems(file(HEADER, STREET, BLPU, LPI, '77,"I",9'))).toContainEqual(
      expect.stringMatching(/^6:77:RECORD_IDENTIFIER:unknown record type "77"/),
    );
    expect(problems(file(HEADER, STREET, BLPU, '24,"I",4,"5"'))).toContainEqual('5:24::record 24 has 4 fields; DTF 7.3 has 26');
    expect(problems(file(HEADER, STREET, BLPU.replace('"5"', '"5X"'), LPI))).toContainEqual('4:21:UPRN:"5X" is not a UPRN');
    expect(problems(file(HEADER, STREET, LPI))).toContainEqual('4:24:UPRN:LPI for UPRN 5, which has no BLPU (record 21)');
    expect(problems(file(HEADER, BLPU, LPI))).toContainEqual('3:24:USRN:LPI on USRN 100, which has no street (record 11/15)');
    expect(problems([HEADER, STREET, BLPU, LPI, '99,0,99,"2026-04-01","00:00:00"'].join('\n'))).toContainEqual(
      expect.stringMatching(/RECORD_COUNT:the trailer counts 99 records but the file holds 6/),
    );
    expect(problems([STREET, BLPU, LPI].join('\n'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/no header record/), expect.stringMatching(/no trailer record/)]),
    );
  });
});

describe('AddressBase-style CSV and OS Open UPRN', () => {
  it('reads a header-row file and refuses bad rows with their line', () => {
    const good = parseAddressBase(
      'UPRN,USRN,SAO_TEXT,PAO_START_NUMBER,STREET_DESCRIPTION,TOWN_NAME,POSTCODE_LOCATOR,CLASSIFICATION_CODE\n7,100,FLAT 1,14,HIGH STREET,TOWN,WX1 1AA,RD06\n',
      { fileName: 'a.csv', authority: 'a' },
    );
    expect(good.problems).toEqual([]);
    expect(good.addresses[0]).toMatchObject({ uprn: '7', saoText: 'FLAT 1', paoStartNumber: 14, classification: 'RD06' });
    const bad = parseAddressBase('UPRN,STREET_DESCRIPTION,LATITUDE\nabc,HIGH STREET,\n8,,\n9,LOW STREET,north\n', {
      fileName: 'a.csv',
      authority: 'a',
    });
    expect(bad.problems.map((p) => `${p.line}:${p.field}`)).toEqual(['2:UPRN', '3:STREET_DESCRIPTION', '4:LATITUDE']);
  });

  it('reads coordinates by UPRN and refuses positions outside Great Britain', () => {
    const parsed = parseOpenUprn('UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\n5,370000,90000,50.7,-2.4\n6,370000,90000,10,-2.4\n', {
      fileName: 'o.csv',
      authority: 'x',
    });
    expect(parsed.addresses[0]).toMatchObject({ uprn: '5', latitude: 50.7, easting: 370000 });
    expect(parsed.problems).toEqual([{ line: 3, field: 'LATITUDE', message: '"10" is not a coordinate in Great Britain' }]);
  });
});

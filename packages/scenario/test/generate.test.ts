import { createHash } from 'node:crypto';
import { isValidNhsNumber } from '@joinery/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWessex, NICKNAMES, type TruthLink, type WessexScenario } from '../src/index.ts';

const OPTIONS = { seed: 1, scale: 0.05 };
let wessex: WessexScenario;
let elapsed = 0;

const fingerprint = (s: WessexScenario) => createHash('sha256').update(JSON.stringify(s)).digest('hex');
const linksOf = (kind: string) => wessex.truth.links.filter((l) => l.systemCode.endsWith(`/${kind}`));
const rate = (links: TruthLink[], error: string) => links.filter((l) => l.errors.includes(error as never)).length / links.length;
let recordsById: Map<string, Record<string, string>>;
const recordOf = (l: TruthLink) => recordsById.get(`${l.systemCode}|${l.recordId}`)!;
const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]/gi, '')
    .toLowerCase();

beforeAll(() => {
  const start = performance.now();
  wessex = generateWessex(OPTIONS);
  elapsed = performance.now() - start;
  recordsById = new Map(
    wessex.sourceSystems.flatMap((s) => wessex.sourceExtracts[s.code]!.map((r) => [`${s.code}|${r[s.idColumn]}`, r] as const)),
  );
});

describe('generateWessex', () => {
  it('is quick at small scales', () => {
    // The brief asks for under 2 s at scale 0.05; allow slack for busy test machines.
    expect(elapsed).toBeLessThan(10_000);
  });

  it('is deterministic for a seed and scale, and changes with the seed', () => {
    expect(fingerprint(generateWessex(OPTIONS))).toBe(fingerprint(wessex));
    expect(fingerprint(generateWessex({ ...OPTIONS, seed: 2 }))).not.toBe(fingerprint(wessex));
  });

  it('refuses a scale that is not positive', () => {
    expect(() => generateWessex({ scale: 0 })).toThrow(RangeError);
    expect(() => generateWessex({ scale: Number.NaN })).toThrow(RangeError);
  });

  it('scales the county: about 2,000 properties and 5,000 people at 0.05', () => {
    expect(wessex.properties.length).toBeGreaterThan(1_800);
    expect(wessex.properties.length).toBeLessThan(2_300);
    expect(wessex.truth.persons.length).toBeGreaterThan(4_000);
    expect(wessex.truth.persons.length).toBeLessThan(6_000);
    expect(wessex.generatedAt).toBe('2026-04-01');
  });
});

describe('places', () => {
  it('has unique UPRNs and USRNs, and every property on a known street', () => {
    const uprns = wessex.properties.map((p) => p.uprn);
    expect(new Set(uprns).size).toBe(uprns.length);
    const usrns = new Set(wessex.streets.map((s) => s.usrn));
    expect(usrns.size).toBe(wessex.streets.length);
    for (const p of wessex.properties) expect(usrns.has(p.usrn)).toBe(true);
  });

  it('uses valid UK postcode shapes in the fictional WX area, about 15 homes to a unit', () => {
    const units = new Map<string, number>();
    for (const p of wessex.properties) {
      expect(p.postcode).toMatch(/^WX\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$/);
      units.set(p.postcode, (units.get(p.postcode) ?? 0) + 1);
    }
    const mean = wessex.properties.length / units.size;
    expect(mean).toBeGreaterThan(8);
    expect(mean).toBeLessThan(22);
  });
});

describe('people and ground truth', () => {
  it('gives every true person a valid, unique NHS number from the test range', () => {
    const numbers = wessex.truth.persons.map((p) => p.nhsNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(isValidNhsNumber(n)).toBe(true);
      expect(n.startsWith('999')).toBe(true);
    }
  });

  it('keeps address histories in order, with nothing after death', () => {
    for (const p of wessex.truth.persons) {
      for (let i = 1; i < p.addresses.length; i++) expect(p.addresses[i]!.from >= p.addresses[i - 1]!.to!).toBe(true);
      if (p.dateOfDeath) expect(p.addresses.every((a) => a.to !== undefined && a.to <= p.dateOfDeath!)).toBe(true);
    }
  });

  it('links every record to exactly one existing person, and nothing else', () => {
    const persons = new Set(wessex.truth.persons.map((p) => p.personId));
    const linked = new Set<string>();
    for (const l of wessex.truth.links) {
      expect(persons.has(l.personId)).toBe(true);
      const key = `${l.systemCode}|${l.recordId}`;
      expect(linked.has(key)).toBe(false);
      linked.add(key);
    }
    let records = 0;
    for (const system of wessex.sourceSystems) {
      for (const r of wessex.sourceExtracts[system.code]!) {
        records++;
        expect(linked.has(`${system.code}|${r[system.idColumn]}`)).toBe(true);
      }
    }
    expect(records).toBe(wessex.truth.links.length);
  });
});

describe('source extracts', () => {
  it('holds every system, with its own columns and unique record ids', () => {
    expect(wessex.sourceSystems.length).toBe(28);
    for (const system of wessex.sourceSystems) {
      expect(system.code).toBe(`${system.organisationCode}/${system.kind}`);
      const records = wessex.sourceExtracts[system.code]!;
      expect(records.length).toBeGreaterThan(0);
      const ids = records.map((r) => r[system.idColumn]);
      expect(new Set(ids).size).toBe(ids.length);
      const columns = system.columns.join('|');
      expect(records.every((r) => Object.keys(r).join('|') === columns)).toBe(true);
      expect(records.every((r) => Object.values(r).every((v) => typeof v === 'string'))).toBe(true);
    }
  });

  it('puts errors in at the rates of each system’s profile', () => {
    expect(rate(linksOf('waste-crm'), 'initial-only')).toBeGreaterThan(0.2);
    expect(rate(linksOf('waste-crm'), 'initial-only')).toBeLessThan(0.3);
    expect(rate(linksOf('waste-crm'), 'postcode-missing')).toBeGreaterThan(0.25);
    expect(rate(linksOf('waste-crm'), 'postcode-missing')).toBeLessThan(0.35);
    expect(rate(linksOf('council-tax'), 'dob-missing')).toBeGreaterThan(0.55);
    expect(rate(linksOf('council-tax'), 'dob-missing')).toBeLessThan(0.65);
    expect(rate(linksOf('pas'), 'nhs-number-missing')).toBeGreaterThan(0.03);
    expect(rate(linksOf('pas'), 'nhs-number-missing')).toBeLessThan(0.075);
    expect(rate(linksOf('electoral-register'), 'typo-surname')).toBeLessThan(0.02);
    // Conditional rates: a nickname needs a name that has one.
    const persons = new Map(wessex.truth.persons.map((p) => [p.personId, p]));
    const eligible = linksOf('waste-crm').filter((l) => NICKNAMES[persons.get(l.personId)!.givenName]);
    expect(rate(eligible, 'nickname')).toBeGreaterThan(0.1);
    expect(rate(eligible, 'nickname')).toBeLessThan(0.2);
    // The electoral register is the clean source, the waste CRM the messy one.
    const clean = linksOf('electoral-register').filter((l) => l.errors.length === 0).length / linksOf('electoral-register').length;
    const messy = linksOf('waste-crm').filter((l) => l.errors.length === 0).length / linksOf('waste-crm').length;
    expect(clean).toBeGreaterThan(0.9);
    expect(messy).toBeLessThan(0.4);
  });

  it('writes the same person differently in each system, as the formats and errors say', () => {
    const persons = new Map(wessex.truth.persons.map((p) => [p.personId, p]));
    const checked = { er: 0, pas: 0, gp: 0 };
    for (const l of wessex.truth.links) {
      const person = persons.get(l.personId)!;
      const [year, month, day] = person.dateOfBirth.split('-');
      const surnames = person.surnameHistory.map((h) => h.surname);
      const r = recordOf(l);
      if (l.errors.length > 0) {
        if (l.errors.includes('typo-surname') && r.surname !== undefined) {
          expect(surnames.map(plain)).not.toContain(plain(r.surname));
        }
        continue;
      }
      if (l.systemCode.endsWith('/electoral-register')) {
        checked.er++;
        expect(r.surname).toBe(person.surname);
        expect(r.forenames).toBe([person.givenName, ...person.middleNames].join(' '));
        expect(r.dob).toBe(`${day}/${month}/${year}`);
        expect(r).not.toHaveProperty('nhs_number');
      } else if (l.systemCode.endsWith('/pas')) {
        checked.pas++;
        expect(surnames.map((s) => s.toUpperCase())).toContain(r.surname);
        expect(r.date_of_birth).toBe(`${year}${month}${day}`);
        expect(r.nhs_number).toBe(person.nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3'));
        expect(r.sex).toBe(person.sex === 'M' ? '1' : '2');
      } else if (l.systemCode.endsWith('/gp-registrations')) {
        checked.gp++;
        expect(r.nhs_number).toBe(person.nhsNumber);
        expect(r.dob).toBe(person.dateOfBirth);
        expect(surnames).toContain(r.surname);
      } else if (l.systemCode.endsWith('/waste-crm')) {
        expect(r).not.toHaveProperty('dob');
        expect(r.contact_name).toContain(person.givenName);
      }
    }
    expect(checked.er).toBeGreaterThan(500);
    expect(checked.pas).toBeGreaterThan(500);
    expect(checked.gp).toBeGreaterThan(500);
  });

  it('shows a married woman’s old surname where a system never heard of the change', () => {
    const persons = new Map(wessex.truth.persons.map((p) => [p.personId, p]));
    const stale = wessex.truth.links.filter((l) => l.errors.includes('old-surname'));
    expect(stale.length).toBeGreaterThan(0);
    for (const l of stale) {
      const person = persons.get(l.personId)!;
      expect(person.surnameHistory.length).toBeGreaterThan(1);
    }
  });
});

describe('estate', () => {
  it('gives each district 60 to 120 applications, with capabilities duplicated across councils', () => {
    for (const district of ['casterbridge', 'budmouth', 'melchester', 'sandbourne']) {
      const apps = wessex.applications.filter((a) => a.organisationCode === district);
      expect(apps.length).toBeGreaterThanOrEqual(60);
      expect(apps.length).toBeLessThanOrEqual(120);
      expect(apps.some((a) => a.capability === 'Revenues and benefits')).toBe(true);
    }
    const ids = wessex.applications.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('joins applications, contracts, suppliers and integrations by their ids', () => {
    const contracts = new Set(wessex.contracts.map((c) => c.reference));
    expect(contracts.size).toBe(wessex.contracts.length);
    const suppliers = new Set(wessex.suppliers.map((s) => s.id));
    const apps = new Set(wessex.applications.map((a) => a.id));
    for (const a of wessex.applications) if (a.contractReference) expect(contracts.has(a.contractReference)).toBe(true);
    for (const c of wessex.contracts) {
      expect(suppliers.has(c.supplierId)).toBe(true);
      expect(c.endDate >= wessex.generatedAt).toBe(true);
      expect(c.noticePeriodMonths).toBeGreaterThan(0);
    }
    for (const i of wessex.integrations) {
      expect(apps.has(i.sourceApplicationId)).toBe(true);
      expect(apps.has(i.targetApplicationId)).toBe(true);
    }
    const sharedSuppliers = new Set(
      wessex.suppliers
        .map((s) => s.id)
        .filter((id) => new Set(wessex.contracts.filter((c) => c.supplierId === id).map((c) => c.organisationCode)).size > 1),
    );
    expect(sharedSuppliers.size).toBeGreaterThan(5);
  });
});

describe('health and housing', () => {
  it('ties admissions to PAS records and housing cases to housing-register records', () => {
    const pas = new Set(wessex.sourceExtracts['wessex-hospitals/pas']!.map((r) => r.hospital_number));
    for (const a of wessex.admissions) {
      expect(pas.has(a.patientRecordId)).toBe(true);
      expect(a.dischargedOn >= a.admittedOn).toBe(true);
    }
    for (const c of wessex.housingCases) {
      const register = new Set(wessex.sourceExtracts[c.applicantSystemCode]!.map((r) => r.application_id));
      expect(register.has(c.applicantRecordId)).toBe(true);
    }
  });

  it('has people discharged with no fixed abode, and hospital-discharge housing cases', () => {
    expect(wessex.admissions.some((a) => a.dischargeAddress === 'NFA')).toBe(true);
    expect(wessex.housingCases.some((c) => c.reason === 'hospital discharge')).toBe(true);
  });
});

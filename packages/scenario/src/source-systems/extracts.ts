/**
 * Runs every source system: who it holds, its copy after the error model, its own record
 * ids and layout. Ground truth (which person each record is about, and what went wrong in
 * it) comes out separately, so the extracts can be written without it.
 */
import { SCENARIO_DAY, type Day } from '../dates.ts';
import { ERROR_PROFILES, type SystemKind } from '../errors-model.ts';
import type { ScenarioSourceSystem, SourceRecord, TruthLink } from '../model.ts';
import { GP_PRACTICES, type DistrictCode } from '../organisations.ts';
import { type Random } from '../random.ts';
import { FORMATTERS } from './formats.ts';
import * as hold from './holdings.ts';
import type { Holding, SourceContext } from './holdings.ts';
import { observe } from './observe.ts';

export interface Extracts {
  sourceExtracts: Record<string, SourceRecord[]>;
  links: TruthLink[];
  /** Holding keys ('patient:…', 'episode:…') → the record made for them and its dates. */
  recordsByKey: Map<string, KeyedRecord>;
}

export interface KeyedRecord {
  systemCode: string;
  recordId: string;
  record: SourceRecord;
  firstSeen: Day;
  asAt: Day;
}

function holdingsFor(ctx: SourceContext, system: ScenarioSourceSystem, random: Random): Holding[] {
  const district = system.organisationCode as DistrictCode;
  switch (system.kind as SystemKind) {
    case 'council-tax':
      return hold.councilTax(ctx, district);
    case 'electoral-register':
      return hold.electoralRegister(ctx, district, random);
    case 'housing-register':
      return hold.housingRegister(ctx, district, random);
    case 'benefits':
      return hold.benefits(ctx, district, random);
    case 'waste-crm':
      return hold.wasteCrm(ctx, district, random);
    case 'adult-social-care':
      return hold.adultSocialCare(ctx, random);
    case 'childrens-services':
      return hold.childrensServices(ctx, random);
    case 'pas':
      return hold.patientAdministration(ctx, random);
    case 'gp-registrations': {
      const practice = GP_PRACTICES.find((gp) => gp.code === system.organisationCode)!;
      return hold.gpRegistrations(ctx, practice.district, random);
    }
    case 'tenancies':
      return hold.tenancies(ctx, random);
  }
}

const DISTRICT_DIGIT: Record<string, number> = { casterbridge: 6, budmouth: 7, melchester: 8, sandbourne: 9 };
const WASTE_ID: Record<string, (n: number) => string> = {
  casterbridge: (n) => `SR${String(n).padStart(6, '0')}`,
  budmouth: (n) => `WST-${String(n).padStart(6, '0')}`,
  melchester: (n) => `CRM${String(n).padStart(7, '0')}`,
  sandbourne: (n) => `C${String(n).padStart(8, '0')}`,
};

/** Each system numbers its records its own way, in the order it created them. */
function recordId(system: ScenarioSourceSystem, seq: number, holding: Holding, postcode: string): string {
  const org = system.organisationCode;
  switch (system.kind as SystemKind) {
    case 'council-tax':
      return `${DISTRICT_DIGIT[org]}${String(seq).padStart(7, '0')}`;
    case 'electoral-register': {
      // Polling districts follow postcode sectors: "C13" is WX1 3 in Casterbridge.
      const sector = postcode.replace(/^WX(\d+) (\d).*$/, '$1$2') || '00';
      return `${org.charAt(0).toUpperCase()}${sector}-${String(seq).padStart(5, '0')}`;
    }
    case 'housing-register':
      return `HR${new Date(holding.firstSeen * 86_400_000).getUTCFullYear()}/${String(seq).padStart(5, '0')}`;
    case 'benefits':
      return String(800_000 + seq);
    case 'waste-crm':
      return WASTE_ID[org]!(seq);
    case 'adult-social-care':
      return String(1_000_000 + seq);
    case 'childrens-services':
      return `C${String(seq).padStart(6, '0')}`;
    case 'pas':
      return `W${String(1_000_000 + seq).padStart(7, '0')}`;
    case 'gp-registrations':
      return String(10_000 + seq);
    case 'tenancies':
      return `T${String(seq).padStart(7, '0')}`;
  }
}

/**
 * Generates every system's extract and the truth links.
 * @example generateExtracts(random, ctx, listSourceSystems()).sourceExtracts['budmouth/waste-crm'][0]
 */
export function generateExtracts(random: Random, ctx: SourceContext, systems: ScenarioSourceSystem[]): Extracts {
  const result: Extracts = { sourceExtracts: {}, links: [], recordsByKey: new Map() };
  for (const system of systems) {
    const r = random.fork(system.code);
    const profile = ERROR_PROFILES[system.kind as SystemKind];
    const format = FORMATTERS[system.kind as SystemKind];
    const entries: { holding: Holding; isDuplicate: boolean; order: number }[] = [];
    for (const holding of holdingsFor(ctx, system, r.fork('holdings'))) {
      entries.push({ holding, isDuplicate: false, order: r.next() });
      if (r.chance(profile.duplicate)) {
        // Registered again later by someone who did not find the first record.
        const later = Math.min(SCENARIO_DAY - 1, Math.floor(holding.sortKey) + r.int(30, 1500));
        const firstSeen = Math.max(holding.firstSeen, Math.min(holding.asAt, later));
        const again: Holding = { ...holding, firstSeen, sortKey: later };
        delete again.key;
        entries.push({ holding: again, isDuplicate: true, order: r.next() });
      }
    }
    entries.sort((a, b) => a.holding.sortKey - b.holding.sortKey || a.order - b.order);
    const records: SourceRecord[] = [];
    let seq = 0;
    for (const { holding, isDuplicate } of entries) {
      seq += r.chance(0.85) ? 1 : r.int(2, 9);
      const observed = observe(ctx, holding, profile, r);
      if (isDuplicate) observed.log.kinds.push('duplicate');
      const id = recordId(system, seq, holding, observed.property?.postcode ?? '');
      const record = format(observed, holding, id, r);
      records.push(record);
      result.links.push({
        systemCode: system.code,
        recordId: id,
        personId: holding.person.id,
        uprn: observed.property?.uprn,
        errors: observed.log.kinds,
      });
      if (holding.key) {
        const { firstSeen, asAt } = holding;
        result.recordsByKey.set(holding.key, { systemCode: system.code, recordId: id, record, firstSeen, asAt });
      }
    }
    result.sourceExtracts[system.code] = records;
  }
  return result;
}

/**
 * Who each system holds, and from when: the subset of the true population a council tax
 * office, an electoral registration officer, a hospital or a GP would plausibly know about,
 * with the dates that decide how up to date its copy is.
 */
import { formatDate, SCENARIO_DAY, WINDOW_START_DAY, type Day } from '../dates.ts';
import type { ErrorKind } from '../model.ts';
import { GP_PRACTICES, type DistrictCode } from '../organisations.ts';
import type { Places } from '../places.ts';
import { spellOn, type HomelessEpisode, type Person, type Spell } from '../population/index.ts';
import { type Random } from '../random.ts';

const YEAR = 365.25;

/** One person as one system holds them, before the error model and formatting. */
export interface Holding {
  person: Person;
  /** When the system first recorded the person: names and address may be frozen as at then. */
  firstSeen: Day;
  /** The last day the record was maintained: the extract date, or when the relationship ended. */
  asAt: Day;
  /** For systems that know the property rather than the person; -1 for no fixed abode. */
  property?: number;
  /** Errors that come with the holding itself (e.g. a mover never removed from the register). */
  errors?: ErrorKind[];
  /** System-specific columns, already formatted. */
  fields: Record<string, string>;
  /** Orders record ids: systems number records as they create them. */
  sortKey: Day;
  /** Lets health and housing events find the record made for them. */
  key?: string;
}

export interface SourceContext {
  places: Places;
  people: Person[];
  episodes: HomelessEpisode[];
  /** property index → the spells lived there. */
  occupancy: Map<number, { person: Person; spell: Spell }[]>;
}

export function buildOccupancy(people: Person[]): Map<number, { person: Person; spell: Spell }[]> {
  const occupancy = new Map<number, { person: Person; spell: Spell }[]>();
  for (const person of people) {
    for (const spell of person.spells) {
      if (spell.property < 0) continue;
      let list = occupancy.get(spell.property);
      if (!list) occupancy.set(spell.property, (list = []));
      list.push({ person, spell });
    }
  }
  return occupancy;
}

export function occupantsOn(ctx: SourceContext, property: number, day: Day): { person: Person; spell: Spell }[] {
  return (ctx.occupancy.get(property) ?? []).filter(
    ({ person, spell }) => spell.from <= day && (spell.to === undefined || spell.to > day) && (person.dod ?? Infinity) > day,
  );
}

const ageOn = (person: Person, day: Day) => (day - person.dob) / YEAR;
/** The day after a person's presence in the county ends (or the scenario date). */
const presenceEnd = (person: Person) => Math.min(person.dod ?? SCENARIO_DAY, person.leftOn ?? SCENARIO_DAY, SCENARIO_DAY);
const firstDay = (person: Person) => person.spells[0]?.from ?? person.arrivedOn;
/**
 * When a system could first have met the person. People already in the county at the
 * window's start may have lived here, under a maiden name perhaps, before their first
 * known address; newcomers are known only from their arrival.
 */
const knownSince = (person: Person, random: Random) =>
  person.arrivedOn <= WINDOW_START_DAY ? Math.max(person.dob, firstDay(person) - Math.floor(random.next() * 15 * YEAR)) : firstDay(person);

interface Stay {
  from: Day;
  to?: Day;
  endedBy?: 'died' | 'left county' | 'moved district';
}

/** Unbroken periods a person lived in `district` (homeless spells included). */
export function staysIn(person: Person, district: DistrictCode): Stay[] {
  const stays: Stay[] = [];
  let current: Stay | undefined;
  person.spells.forEach((spell, i) => {
    if (spell.district === district) {
      if (!current) current = { from: spell.from };
      if (spell.to !== undefined) current.to = spell.to;
      else delete current.to;
      const next = person.spells[i + 1];
      if (!next || next.district !== district) {
        if (current.to !== undefined) {
          current.endedBy = next ? 'moved district' : person.dod === current.to ? 'died' : 'left county';
        }
        stays.push(current);
        current = undefined;
      }
    }
  });
  return stays;
}

/** A day uniformly within [from, to), or undefined when the range is empty. */
function dayWithin(random: Random, from: Day, to: Day): Day | undefined {
  if (to <= from) return undefined;
  return from + Math.floor(random.next() * (to - from));
}

/** The dates of the district's council-tax accounts, in its own format. */
export const COUNCIL_TAX_DATE_FORMAT = {
  casterbridge: 'dd/mm/yyyy',
  budmouth: 'iso',
  melchester: 'dd-mmm-yyyy',
  sandbourne: 'dd/mm/yyyy',
} as const;

export function councilTax(ctx: SourceContext, district: DistrictCode): Holding[] {
  const out: Holding[] = [];
  const fmt = (d: Day) => formatDate(d, COUNCIL_TAX_DATE_FORMAT[district]);
  for (const person of ctx.people) {
    for (const spell of person.spells) {
      if (spell.district !== district || spell.isHomeless) continue;
      if (spell.role !== 'head' && spell.role !== 'partner') continue;
      const end = Math.min(spell.to ?? SCENARIO_DAY, SCENARIO_DAY);
      if (end <= WINDOW_START_DAY || ageOn(person, spell.from) < 18) continue;
      out.push({
        person,
        firstSeen: spell.from,
        asAt: end - 1,
        property: spell.property,
        sortKey: spell.from,
        fields: {
          property_ref: `${district.slice(0, 3).toUpperCase()}${String(spell.property).padStart(6, '0')}`,
          liable_from: fmt(spell.from),
          liable_to: spell.to !== undefined ? fmt(spell.to) : '',
          account_status: spell.to !== undefined ? 'Closed' : 'Live',
        },
      });
    }
  }
  return out;
}

const ELIGIBLE_ORIGINS = new Set(['british', 'irish', 'caribbean', 'south-asian', 'west-african']);

export function electoralRegister(ctx: SourceContext, district: DistrictCode, random: Random): Holding[] {
  const out: Holding[] = [];
  const lastDay = SCENARIO_DAY - 1;
  for (const person of ctx.people) {
    const age = ageOn(person, lastDay);
    if (age < 16.5) continue;
    const isEligible = ELIGIBLE_ORIGINS.has(person.origin);
    const stays = staysIn(person, district);
    const stay = stays[stays.length - 1];
    if (!stay) continue;
    const franchise = isEligible ? '' : 'G';
    if (stay.to === undefined) {
      const spell = spellOn(person, lastDay);
      if (!spell || spell.isHomeless || !random.chance(isEligible ? 0.93 : 0.72)) continue;
      const eligibleFrom = person.dob + 16 * YEAR;
      const since = stays.length === 1 ? knownSince(person, random) : stay.from;
      const firstSeen = Math.floor(Math.max(since, eligibleFrom) + random.int(20, 300));
      if (firstSeen >= SCENARIO_DAY) continue;
      out.push({ person, firstSeen, asAt: lastDay, sortKey: firstSeen, fields: { franchise } });
    } else if (stay.endedBy !== 'died' && stay.to > SCENARIO_DAY - 200 && random.chance(0.4)) {
      // Moved away since the canvass and not yet removed: still registered at the old home.
      const spell = spellOn(person, stay.to - 1);
      if (!spell || spell.isHomeless || ageOn(person, stay.to) < 17) continue;
      const firstSeen = Math.max(spell.from, Math.floor(person.dob + 16 * YEAR));
      out.push({
        person,
        firstSeen,
        asAt: stay.to - 1,
        property: spell.property,
        errors: ['stale-address'],
        sortKey: firstSeen,
        fields: { franchise },
      });
    }
  }
  return out;
}

const BANDS = ['A', 'B', 'C', 'D'];

export function housingRegister(ctx: SourceContext, district: DistrictCode, random: Random): Holding[] {
  const out: Holding[] = [];
  ctx.episodes.forEach((episode, i) => {
    if (episode.district !== district) return;
    const person = episode.person;
    // The prevention duty starts 56 days before someone is homeless (Housing Act 1996 s.195).
    const firstSeen = Math.max(firstDay(person), episode.from - random.int(0, 56));
    const before = spellOn(person, firstSeen);
    out.push({
      person,
      firstSeen,
      asAt: firstSeen,
      property: before && !before.isHomeless ? before.property : -1,
      sortKey: firstSeen,
      key: `episode:${i}`,
      fields: {
        household_size: String(occupantsOn(ctx, before?.property ?? -1, firstSeen).length || 1),
        band: random.chance(0.7) ? 'A' : 'B',
        application_date: formatDate(firstSeen, 'd/m/yyyy'),
        status: episode.to !== undefined ? 'Housed' : 'Active',
        reason: episode.reason,
      },
    });
  });
  // The waiting list: households in hardship asking for a social home or a transfer.
  for (const person of ctx.people) {
    for (const spell of person.spells) {
      if (spell.district !== district || spell.isHomeless || spell.role !== 'head') continue;
      const tenure = ctx.places.tenure[spell.property];
      if (tenure === 'owner' || spell.deprivation < 0.55 || !random.chance(0.3)) continue;
      const end = Math.min(spell.to ?? SCENARIO_DAY, presenceEnd(person));
      const applied = dayWithin(random, Math.max(spell.from, WINDOW_START_DAY - 3 * YEAR), end);
      if (applied === undefined) continue;
      const isClosed = spell.to !== undefined || random.chance(0.25);
      const closedOn = spell.to ?? Math.min(end - 1, applied + random.int(180, 1500));
      out.push({
        person,
        firstSeen: applied,
        asAt: isClosed ? Math.min(closedOn, end - 1) : end - 1,
        sortKey: applied,
        fields: {
          household_size: String(occupantsOn(ctx, spell.property, applied).length || 1),
          band: random.pick(BANDS.slice(1)),
          application_date: formatDate(applied, 'd/m/yyyy'),
          status: !isClosed ? 'Active' : tenure === 'social' ? 'Cancelled' : random.pick(['Housed', 'Cancelled', 'Closed']),
          reason: tenure === 'social' ? 'transfer: overcrowding' : random.pick(['overcrowding', 'medical', 'unaffordable']),
        },
      });
    }
  }
  return out;
}

const CLAIM_BASE: Record<DistrictCode, number> = {
  casterbridge: 5_100_000,
  budmouth: 5_200_000,
  melchester: 5_300_000,
  sandbourne: 5_400_000,
};

export function benefits(ctx: SourceContext, district: DistrictCode, random: Random): Holding[] {
  const out: Holding[] = [];
  let claimSeq = 0;
  for (const person of ctx.people) {
    for (const spell of person.spells) {
      if (spell.district !== district || spell.isHomeless || spell.role !== 'head') continue;
      if (!random.chance(Math.min(0.85, Math.max(0, (spell.deprivation - 0.4) * 1.6)))) continue;
      const end = Math.min(spell.to ?? SCENARIO_DAY, presenceEnd(person));
      const start = dayWithin(random, Math.max(spell.from, WINDOW_START_DAY - 2 * YEAR), end);
      if (start === undefined) continue;
      const ended = spell.to !== undefined || random.chance(0.3);
      const claimEnd = ended ? Math.min(end, start + random.int(90, 2500)) : undefined;
      claimSeq += random.int(1, 40);
      const claimRef = String(CLAIM_BASE[district] + claimSeq);
      const members = occupantsOn(ctx, spell.property, start);
      for (const { person: member, spell: theirs } of members) {
        const age = ageOn(member, start);
        const role =
          member === person
            ? 'Claimant'
            : theirs.role === 'partner' && member.partner === person
              ? 'Partner'
              : age < 16
                ? 'Dependant'
                : 'Non-dependant';
        out.push({
          person: member,
          firstSeen: start,
          asAt: (claimEnd ?? end) - 1,
          property: spell.property,
          sortKey: start,
          fields: {
            claim_ref: claimRef,
            role,
            claim_start: formatDate(start, 'iso'),
            claim_end: claimEnd !== undefined ? formatDate(claimEnd, 'iso') : '',
          },
        });
      }
    }
  }
  return out;
}

const WASTE_CASES = [
  'Missed bin',
  'Missed bin',
  'Missed recycling',
  'Bulky waste collection',
  'New or replacement bin',
  'Garden waste subscription',
  'Assisted collection request',
  'Fly-tipping report',
];

export function wasteCrm(ctx: SourceContext, district: DistrictCode, random: Random): Holding[] {
  const out: Holding[] = [];
  for (const person of ctx.people) {
    for (const spell of person.spells) {
      if (spell.district !== district || spell.isHomeless || spell.role !== 'head') continue;
      const from = Math.max(spell.from, WINDOW_START_DAY);
      const to = Math.min(spell.to ?? SCENARIO_DAY, SCENARIO_DAY);
      if (to <= from) continue;
      const contacts = random.poisson(((to - from) / YEAR) * 0.1);
      for (let c = 0; c < contacts; c++) {
        const day = dayWithin(random, from, to)!;
        // Whoever in the household happens to ring.
        const adults = occupantsOn(ctx, spell.property, day).filter(({ person: p }) => ageOn(p, day) >= 16);
        if (adults.length === 0) continue;
        const caller = random.pick(adults).person;
        const minutes = random.int(8 * 60, 18 * 60);
        out.push({
          person: caller,
          firstSeen: day,
          asAt: day,
          property: spell.property,
          sortKey: day + minutes / 1440,
          fields: {
            case_type: random.pick(WASTE_CASES),
            opened: `${formatDate(day, 'dd/mm/yyyy')} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
            status: day < SCENARIO_DAY - 30 || random.chance(0.5) ? 'Closed' : 'Open',
          },
        });
      }
    }
  }
  return out;
}

const SUPPORT_REASONS = [
  'Physical support: personal care',
  'Physical support: access and mobility only',
  'Memory and cognition support',
  'Mental health support',
  'Learning disability support',
  'Sensory support',
  'Social support',
];

/** The ODS code of the practice covering where the person lived on `day`. */
export function practiceOn(person: Person, day: Day): string {
  const spell = spellOn(person, day) ?? person.spells[person.spells.length - 1];
  return GP_PRACTICES.find((gp) => gp.district === spell?.district)?.ods ?? '';
}

export function adultSocialCare(ctx: SourceContext, random: Random): Holding[] {
  const out: Holding[] = [];
  for (const person of ctx.people) {
    const end = presenceEnd(person);
    const ageAtEnd = ageOn(person, end);
    if (ageAtEnd < 18) continue;
    const older = ageAtEnd >= 85 ? 0.7 : ageAtEnd >= 75 ? 0.4 : ageAtEnd >= 65 ? 0.15 : 0;
    const chance = older > 0 ? person.need * older : person.need > 0.7 ? 0.04 : 0;
    if (!random.chance(chance)) continue;
    const eligibleFrom = Math.max(firstDay(person), WINDOW_START_DAY - 3 * YEAR, person.dob + (older > 0 ? 65 : 18) * YEAR);
    const referred = dayWithin(random, Math.floor(eligibleFrom), end);
    if (referred === undefined) continue;
    const isOpen = end === SCENARIO_DAY && random.chance(0.6);
    out.push({
      person,
      firstSeen: referred,
      asAt: end - 1,
      sortKey: referred,
      fields: {
        gp_practice_code: practiceOn(person, end - 1),
        primary_support_reason: older > 0 ? random.pick(SUPPORT_REASONS.slice(0, 4)) : random.pick(SUPPORT_REASONS.slice(3)),
        referral_date: formatDate(referred, 'dd-mmm-yyyy'),
        status: isOpen ? 'Open' : 'Closed',
      },
    });
  }
  return out;
}

const REFERRAL_SOURCES = ['Police', 'School', 'Health visitor', 'GP', 'Hospital', 'Housing', 'Anonymous', 'Family'];

export function childrensServices(ctx: SourceContext, random: Random): Holding[] {
  const out: Holding[] = [];
  for (const person of ctx.people) {
    const from = Math.max(firstDay(person), WINDOW_START_DAY);
    const to = Math.min(presenceEnd(person), Math.floor(person.dob + 18 * YEAR));
    if (to <= from) continue;
    const deprivation = spellOn(person, from)?.deprivation ?? 0.3;
    if (!random.chance(0.012 + 0.07 * deprivation)) continue;
    const referred = dayWithin(random, from, to)!;
    out.push({
      person,
      firstSeen: referred,
      asAt: to - 1,
      sortKey: referred,
      fields: {
        referral_date: formatDate(referred, 'd/m/yyyy'),
        referral_source: random.pick(REFERRAL_SOURCES),
        status: to < SCENARIO_DAY || random.chance(0.5) ? 'Closed' : 'Open',
      },
    });
  }
  return out;
}

export function patientAdministration(ctx: SourceContext, random: Random): Holding[] {
  const out: Holding[] = [];
  for (const person of ctx.people) {
    const end = presenceEnd(person);
    const chance = Math.min(0.95, 0.3 + 0.35 * person.need + (ageOn(person, end) >= 65 ? 0.2 : 0));
    if (!random.chance(chance)) continue;
    // Many were registered long before the window; their record was last touched at their last visit.
    const registered = dayWithin(random, Math.max(knownSince(person, random), WINDOW_START_DAY - 20 * YEAR), end);
    if (registered === undefined) continue;
    const lastSeen = dayWithin(random, Math.max(registered, WINDOW_START_DAY), end) ?? registered;
    out.push({
      person,
      firstSeen: registered,
      asAt: lastSeen,
      sortKey: registered,
      key: `patient:${person.index}`,
      fields: { registered_gp: practiceOn(person, lastSeen), registered_on: formatDate(registered, 'yyyymmdd') },
    });
  }
  return out;
}

export function gpRegistrations(ctx: SourceContext, district: DistrictCode, random: Random): Holding[] {
  const out: Holding[] = [];
  for (const person of ctx.people) {
    staysIn(person, district).forEach((stay, i) => {
      const end = Math.min(stay.to ?? SCENARIO_DAY, SCENARIO_DAY);
      if (end <= WINDOW_START_DAY - 2 * YEAR || random.chance(0.02)) return;
      // Babies are registered at about six weeks; newcomers within a few months.
      const lag = stay.from === person.dob ? random.int(30, 60) : random.int(3, 150);
      const since = i === 0 ? knownSince(person, random) : stay.from;
      const registered = Math.min(stay.from, since) + lag;
      if (registered >= end) return;
      const reason = stay.endedBy === 'died' ? 'Died' : stay.endedBy === 'moved district' ? 'Registered elsewhere' : 'Moved away';
      out.push({
        person,
        firstSeen: registered,
        asAt: end - 1,
        sortKey: registered,
        fields: {
          registered_on: formatDate(registered, 'iso'),
          deregistered_on: stay.to !== undefined ? formatDate(stay.to, 'iso') : '',
          deregistration_reason: stay.to !== undefined ? reason : '',
        },
      });
    });
  }
  return out;
}

export function tenancies(ctx: SourceContext, random: Random): Holding[] {
  const out: Holding[] = [];
  for (const [property, lived] of ctx.occupancy) {
    if (ctx.places.tenure[property] !== 'social') continue;
    const tenants = lived
      .filter(({ person, spell }) => (spell.role === 'head' || spell.role === 'partner') && ageOn(person, spell.from) >= 18)
      .sort((a, b) => a.spell.from - b.spell.from || a.person.index - b.person.index);
    let tenancy = 0;
    let tenancyStart = 0;
    for (const { person, spell } of tenants) {
      const end = Math.min(spell.to ?? SCENARIO_DAY, SCENARIO_DAY);
      if (end <= WINDOW_START_DAY - 5 * YEAR) continue;
      if (spell.role === 'head' || tenancy === 0) {
        tenancy++;
        tenancyStart = spell.from;
      }
      const endReason =
        spell.to === undefined
          ? ''
          : person.dod === spell.to
            ? 'Death'
            : person.leftOn === spell.to
              ? 'Moved out'
              : random.pick(['Transfer', 'Moved out', 'Moved out', 'Abandoned', 'Eviction']);
      out.push({
        person,
        firstSeen: spell.from,
        asAt: end - 1,
        property,
        sortKey: spell.from,
        fields: {
          tenancy_ref: `EH/${String(property).padStart(6, '0')}/${tenancy}`,
          tenancy_start: formatDate(spell.role === 'head' ? spell.from : tenancyStart, 'dd/mm/yyyy'),
          tenancy_end: spell.to !== undefined ? formatDate(spell.to, 'dd/mm/yyyy') : '',
          end_reason: endReason,
          tenure_type: spell.from > SCENARIO_DAY - YEAR ? 'Starter' : 'Assured',
        },
      });
    }
  }
  return out;
}

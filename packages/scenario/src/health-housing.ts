/**
 * Hospital admissions from the trust's PAS and housing-options cases from the districts,
 * for the preventative analysis the reports ask for: spotting people who will leave
 * hospital with nowhere to live. People who lose their home during the window are more
 * often admitted while homeless and discharged "no fixed abode"; some of those are
 * referred to the council under the duty to refer (Homelessness Reduction Act 2017), many
 * only after they have left hospital.
 *
 * Events carry the source record they belong to (hospital number, housing-register
 * application), never a person id: they join to the truth through the record links.
 */
import { isoDate, SCENARIO_DAY, WINDOW_START_DAY, type Day } from './dates.ts';
import type { ScenarioAdmission, ScenarioHousingCase } from './model.ts';
import { spellOn, type Person } from './population/index.ts';
import { type Random } from './random.ts';
import type { Extracts, KeyedRecord } from './source-systems/extracts.ts';
import type { SourceContext } from './source-systems/holdings.ts';

const YEAR = 365.25;

// [specialty, ward]
const EMERGENCY = [
  ['General medicine', 'Froom Ward'],
  ['Respiratory medicine', 'Egdon Ward'],
  ['Cardiology', 'Yalbury Ward'],
  ['Gastroenterology', 'Chesil Ward'],
  ['Trauma and orthopaedics', 'Maumbury Ward'],
  ['Mental health', 'Rainbarrow Unit'],
] as const;
const ELDERLY = ['Geriatric medicine', 'Stinsford Ward'] as const;
const ELECTIVE = [
  ['General surgery', 'Kingsbere Ward'],
  ['Trauma and orthopaedics', 'Maumbury Ward'],
  ['Ophthalmology', 'Day Surgery Unit'],
  ['Urology', 'Kingsbere Ward'],
] as const;
const MATERNITY = ['Obstetrics', 'Mellstock Maternity Unit'] as const;
const CHILDREN = ['Paediatrics', 'Bluebell Ward'] as const;

interface Draft {
  person: Person;
  pas: KeyedRecord;
  admittedOn: Day;
  dischargedOn: Day;
  method: ScenarioAdmission['admissionMethod'];
  specialty: string;
  ward: string;
  destination: string;
  order: number;
}

function dischargeAddress(ctx: SourceContext, person: Person, day: Day): string {
  const spell = spellOn(person, day);
  if (!spell || spell.isHomeless) return 'NFA';
  return ctx.places.properties[spell.property]?.postcode ?? '';
}

function ordinaryAdmission(random: Random, person: Person, pas: KeyedRecord, admittedOn: Day): Omit<Draft, 'order'> {
  const age = (admittedOn - person.dob) / YEAR;
  const r = random.next();
  const isMaternity = person.sex === 'F' && age >= 18 && age < 45 && r < 0.15;
  const method = isMaternity ? 'maternity' : r < 0.68 ? 'emergency' : 'elective';
  const [specialty, ward] =
    age < 16
      ? CHILDREN
      : method === 'maternity'
        ? MATERNITY
        : method === 'elective'
          ? random.pick(ELECTIVE)
          : age >= 75 && random.chance(0.6)
            ? ELDERLY
            : random.pick(EMERGENCY);
  const stay =
    method === 'elective'
      ? random.int(0, 3)
      : method === 'maternity'
        ? random.int(1, 3)
        : 1 + random.poisson(2 + 10 * person.need * (age >= 75 ? 1.5 : 1));
  const careHome = age >= 80 && person.need > 0.6 && random.chance(0.15);
  return {
    person,
    pas,
    admittedOn,
    dischargedOn: admittedOn + stay,
    method,
    specialty,
    ward,
    destination: careHome ? 'Care home' : random.chance(0.03) ? 'Other NHS provider' : 'Usual place of residence',
  };
}

const DISCHARGE_OUTCOMES = [
  'Relief duty ended: temporary accommodation provided',
  'Relief duty ended: supported housing',
  'Relief duty ended: lost contact',
];

const REFERRERS = [
  'Self-referral',
  'Self-referral',
  'Self-referral',
  'Probation service (duty to refer)',
  'Jobcentre Plus (duty to refer)',
  'Children’s services',
  'Police',
  'Family or friend',
];

/**
 * Generates admissions and housing cases for people already in the extracts.
 * @example generateHealthAndHousing(random, ctx, extracts).admissions.filter((a) => a.dischargeAddress === 'NFA')
 */
export function generateHealthAndHousing(
  random: Random,
  ctx: SourceContext,
  extracts: Extracts,
): { admissions: ScenarioAdmission[]; housingCases: ScenarioHousingCase[] } {
  const drafts: Draft[] = [];
  const r = random.fork('admissions');
  for (const person of ctx.people) {
    const pas = extracts.recordsByKey.get(`patient:${person.index}`);
    if (!pas) continue;
    const from = Math.max(pas.firstSeen, WINDOW_START_DAY);
    const to = pas.asAt;
    if (to > from) {
      const age = (to - person.dob) / YEAR;
      const rate = 0.03 + 0.3 * person.need + (age >= 75 ? 0.25 : age >= 65 ? 0.1 : 0);
      const count = Math.min(12, r.poisson((rate * (to - from)) / YEAR));
      for (let i = 0; i < count; i++) {
        const draft = ordinaryAdmission(r, person, pas, from + Math.floor(r.next() * (to - from)));
        drafts.push({ ...draft, dischargedOn: Math.min(draft.dischargedOn, SCENARIO_DAY - 1), order: r.next() });
      }
    }
    // Nearly half of deaths are in hospital.
    if (person.dod !== undefined && person.dod >= WINDOW_START_DAY && r.chance(0.45)) {
      const admittedOn = Math.max(from, person.dod - 1 - r.poisson(6));
      const draft = ordinaryAdmission(r, person, pas, admittedOn);
      drafts.push({ ...draft, method: 'emergency', dischargedOn: person.dod, destination: 'Died', order: r.next() });
    }
  }

  // Housing cases: one for each person who lost their home; more when hospitals refer.
  const caseDrafts: { value: Omit<ScenarioHousingCase, 'caseId'>; order: number }[] = [];
  const c = random.fork('housing-cases');
  ctx.episodes.forEach((episode, i) => {
    const application = extracts.recordsByKey.get(`episode:${i}`);
    if (!application) return;
    const person = episode.person;
    const rehousedIn = episode.to !== undefined ? spellOn(person, episode.to) : undefined;
    const closed = episode.to !== undefined ? Math.min(SCENARIO_DAY - 1, episode.to + c.int(0, 14)) : undefined;
    const outcome =
      closed === undefined
        ? 'Open: relief duty owed'
        : rehousedIn && ctx.places.tenure[rehousedIn.property] === 'social'
          ? 'Relief duty ended: suitable social housing offer accepted'
          : 'Relief duty ended: private rented sector offer accepted';
    caseDrafts.push({
      value: {
        organisationCode: episode.district,
        applicantSystemCode: application.systemCode,
        applicantRecordId: application.recordId,
        reason: episode.reason,
        openedOn: isoDate(application.firstSeen),
        closedOn: closed !== undefined ? isoDate(closed) : '',
        outcome,
        referredBy: c.pick(REFERRERS),
      },
      order: c.next(),
    });

    // Admitted while homeless: discharged with no fixed abode.
    const pas = extracts.recordsByKey.get(`patient:${person.index}`);
    const end = Math.min(episode.to ?? SCENARIO_DAY, SCENARIO_DAY) - 1;
    if (!pas || end <= episode.from + 1 || !c.chance(0.4)) return;
    const admittedOn = episode.from + Math.floor(c.next() * (end - episode.from));
    const stay = 1 + c.poisson(5);
    const dischargedOn = Math.min(admittedOn + stay, end);
    const [specialty, ward] = c.chance(0.3) ? EMERGENCY[5] : c.pick(EMERGENCY);
    drafts.push({
      person,
      pas,
      admittedOn,
      dischargedOn,
      method: 'emergency',
      specialty,
      ward,
      destination: 'No fixed abode',
      order: c.next(),
    });
    // The ward refers to the council — before discharge when the system works, after when it does not.
    if (c.chance(0.7)) {
      const referred = c.chance(0.3) ? dischargedOn - c.int(1, 3) : dischargedOn + c.int(0, 21);
      if (referred >= SCENARIO_DAY || referred < admittedOn) return;
      const caseClosed = Math.min(SCENARIO_DAY - 1, referred + c.int(20, 120));
      const isClosed = caseClosed < SCENARIO_DAY - 1;
      caseDrafts.push({
        value: {
          organisationCode: episode.district,
          applicantSystemCode: application.systemCode,
          applicantRecordId: application.recordId,
          reason: 'hospital discharge',
          openedOn: isoDate(referred),
          closedOn: isClosed ? isoDate(caseClosed) : '',
          outcome: isClosed ? c.pick(DISCHARGE_OUTCOMES) : 'Open: relief duty owed',
          referredBy: 'Wessex Hospitals NHS Foundation Trust (duty to refer)',
        },
        order: c.next(),
      });
    }
  });

  drafts.sort((a, b) => a.admittedOn - b.admittedOn || a.order - b.order);
  const admissions = drafts.map((d, i): ScenarioAdmission => {
    const address = d.destination === 'Died' ? '' : dischargeAddress(ctx, d.person, d.dischargedOn);
    return {
      admissionId: `ADM${String(i + 1).padStart(7, '0')}`,
      patientRecordId: d.pas.recordId,
      hospitalNumber: d.pas.recordId,
      nhsNumber: d.pas.record.nhs_number ?? '',
      admittedOn: isoDate(d.admittedOn),
      dischargedOn: isoDate(Math.max(d.admittedOn, d.dischargedOn)),
      admissionMethod: d.method,
      specialty: d.specialty,
      ward: d.ward,
      dischargeDestination: address === 'NFA' ? 'No fixed abode' : d.destination,
      dischargeAddress: address,
    };
  });

  caseDrafts.sort((a, b) => a.value.openedOn.localeCompare(b.value.openedOn) || a.order - b.order);
  const seqByDistrict = new Map<string, number>();
  const housingCases = caseDrafts.map(({ value }): ScenarioHousingCase => {
    const district = value.organisationCode;
    const seq = (seqByDistrict.get(district) ?? 0) + 1;
    seqByDistrict.set(district, seq);
    return { caseId: `${district.slice(0, 3).toUpperCase()}-HO-${String(seq).padStart(5, '0')}`, ...value };
  });
  return { admissions, housingCases };
}

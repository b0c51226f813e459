/**
 * Each system's own layout: how it writes names ("SMITH, John A", "Mrs J Smith"), dates,
 * sex codes, phone numbers and addresses (one line or several, with or without postcode).
 * Formatting noise from the error model (case, spacing, abbreviations) is applied here,
 * because it belongs to how a field is typed, not to what is known.
 */
import { formatDate, type DateFormat } from '../dates.ts';
import { abbreviateAddress, caseNoise, spacingNoise, typo } from '../errors-model.ts';
import type { ScenarioProperty, SourceRecord } from '../model.ts';
import type { SystemKind } from '../errors-model.ts';
import { type Random } from '../random.ts';
import type { Holding } from './holdings.ts';
import type { Observed } from './observe.ts';

/** The building and street lines of an address, then its locality; not the town. */
export function addressLines(p: ScenarioProperty): string[] {
  const street = p.paoStartNumber !== undefined ? `${p.paoStartNumber} ${p.streetName}` : p.streetName;
  const lines: string[] = [];
  if (p.saoText) lines.push(p.saoText);
  if (p.paoText) lines.push(p.paoText);
  lines.push(p.paoText && p.paoStartNumber === undefined ? p.streetName : street);
  if (p.locality) lines.push(p.locality);
  return lines;
}

/** Exactly `n` lines: short addresses padded with '', long ones folded into the last line. */
export function fitLines(lines: string[], n: number): string[] {
  if (lines.length <= n) return [...lines, ...new Array<string>(n - lines.length).fill('')];
  return [...lines.slice(0, n - 1), lines.slice(n - 1).join(', ')];
}

interface Names {
  given: string;
  middle: string[];
  surname: string;
  title: string;
}

/** Applies the record's case and spacing noise to its names, once per record. */
function noisyNames(o: Observed, random: Random): Names {
  let given = o.givenName;
  let surname = o.surname;
  const { log } = o;
  if (random.chance(log.profile.caseNoise)) {
    const mode = random.next();
    const before = `${given}|${surname}`;
    given = caseNoise(mode, given);
    surname = caseNoise(mode, surname);
    if (`${given}|${surname}` !== before) log.kinds.push('case-noise');
  }
  if (random.chance(log.profile.spacingNoise)) {
    const before = `${given}|${surname}`;
    if (random.chance(0.6)) surname = spacingNoise(random, surname);
    else given = spacingNoise(random, given);
    if (`${given}|${surname}` !== before) log.kinds.push('spacing-noise');
  }
  return { given, middle: o.middleNames, surname, title: o.title };
}

/** The street name with the record's typing slip or abbreviation, decided once per record. */
function noisyStreet(o: Observed): string {
  const { log } = o;
  let street = o.property!.streetName;
  street = log.maybe('typo-address', log.profile.typoAddress, street, (r, s) => {
    const words = s.split(' ');
    const longest = words.reduce((best, w, i) => (w.length > words[best]!.length ? i : best), 0);
    words[longest] = typo(r, words[longest]!);
    return words.join(' ');
  });
  return log.maybe('address-abbreviated', log.profile.addressAbbreviated, street, (_, s) => abbreviateAddress(s));
}

/** Address lines with the record's abbreviation and typing slips. */
function noisyLines(o: Observed, random: Random): string[] {
  if (!o.property) return ['No fixed abode'];
  const { log } = o;
  const lines = addressLines({ ...o.property, streetName: noisyStreet(o) });
  if (lines[0]?.startsWith('Flat ') && lines.length > 1 && random.chance(log.profile.addressAbbreviated)) {
    // "Flat 2" and "14 Mill Lane" typed on one line: "2/14 Mill Lane".
    lines.splice(0, 2, abbreviateAddress(`${lines[0]}, ${lines[1]}`));
    if (!log.kinds.includes('address-abbreviated')) log.kinds.push('address-abbreviated');
  }
  return lines;
}

function postcodeOf(o: Observed, random: Random, isNoisy: boolean): string {
  if (!o.property || !o.hasPostcode) return '';
  const postcode = o.property.postcode;
  if (!isNoisy) return postcode;
  const r = random.next();
  return r < 0.1 ? postcode.replace(' ', '') : r < 0.15 ? postcode.toLowerCase() : postcode;
}

const dateOrBlank = (o: Observed, format: DateFormat) => (o.dob === undefined ? '' : formatDate(o.dob, format, o.isDobSwapped));

function phoneAs(phone: string, style: 'spaced' | 'compact' | 'international'): string {
  if (!phone || style === 'spaced') return phone;
  const compact = phone.replace(/\s/g, '');
  return style === 'compact' ? compact : `+44 ${compact.slice(1)}`;
}

const spacedNhs = (n: string) => (n ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : '');
const initials = (names: string[]) => names.map((m) => m.charAt(0)).join(' ');
const joinWords = (...parts: string[]) => parts.filter((p) => p !== '').join(' ');

/** Title written into the name field, as call handlers and old forms do ("Mrs Jane Smith"). */
function titled(o: Observed, names: Names, text: string): string {
  return o.log.roll('title-in-name', o.log.profile.titleInName) ? `${names.title} ${text}` : text;
}

export type Formatter = (o: Observed, holding: Holding, id: string, random: Random) => SourceRecord;

export const FORMATTERS: Record<SystemKind, Formatter> = {
  'council-tax': (o, h, id, random) => {
    const n = noisyNames(o, random);
    const lines = fitLines([...noisyLines(o, random), o.property?.town ?? ''], 4);
    return {
      account_ref: id,
      title: n.title,
      surname: n.surname,
      forenames: titled(o, n, joinWords(n.given, ...n.middle)),
      date_of_birth: dateOrBlank(o, 'dd/mm/yyyy'),
      property_ref: h.fields.property_ref ?? '',
      address_1: lines[0]!,
      address_2: lines[1]!,
      address_3: lines[2]!,
      address_4: lines[3]!,
      postcode: postcodeOf(o, random, false),
      liable_from: h.fields.liable_from ?? '',
      liable_to: h.fields.liable_to ?? '',
      account_status: h.fields.account_status ?? '',
      phone: phoneAs(o.phone, 'spaced'),
      email: o.email,
    };
  },
  'electoral-register': (o, h, id, random) => {
    const n = noisyNames(o, random);
    const lines = fitLines([...noisyLines(o, random), o.property?.town ?? ''], 3);
    return {
      elector_number: id,
      title: n.title,
      surname: n.surname,
      forenames: joinWords(n.given, ...n.middle),
      dob: dateOrBlank(o, 'dd/mm/yyyy'),
      address_1: lines[0]!,
      address_2: lines[1]!,
      address_3: lines[2]!,
      postcode: postcodeOf(o, random, false),
      registered_on: formatDate(h.firstSeen, 'dd/mm/yyyy'),
      franchise: h.fields.franchise ?? '',
    };
  },
  'housing-register': (o, h, id, random) => {
    const n = noisyNames(o, random);
    const postcode = postcodeOf(o, random, true);
    const address = o.property ? [...noisyLines(o, random), o.property.town, postcode].filter(Boolean).join(', ') : 'No fixed abode';
    return {
      application_id: id,
      applicant_name: titled(o, n, `${n.surname.toUpperCase()}, ${joinWords(n.given, initials(n.middle))}`),
      dob: dateOrBlank(o, 'd/m/yyyy'),
      current_address: address,
      phone: phoneAs(o.phone, random.chance(0.5) ? 'compact' : 'spaced'),
      email: o.email,
      household_size: h.fields.household_size ?? '',
      band: h.fields.band ?? '',
      application_date: h.fields.application_date ?? '',
      status: h.fields.status ?? '',
      reason: h.fields.reason ?? '',
    };
  },
  benefits: (o, h, id, random) => {
    const n = noisyNames(o, random);
    const lines = fitLines([...noisyLines(o, random), o.property?.town ?? ''], 3);
    return {
      person_ref: id,
      claim_ref: h.fields.claim_ref ?? '',
      role: h.fields.role ?? '',
      first_name: n.given,
      last_name: n.surname,
      date_of_birth: dateOrBlank(o, 'iso'),
      address_line_1: lines[0]!,
      address_line_2: lines[1]!,
      address_line_3: lines[2]!,
      postcode: postcodeOf(o, random, false),
      claim_start: h.fields.claim_start ?? '',
      claim_end: h.fields.claim_end ?? '',
    };
  },
  'waste-crm': (o, h, id, random) => {
    const n = noisyNames(o, random);
    // Call handlers write what they hear: "John Smith", "J Smith" (initial-only), "Mrs J Smith".
    const name = titled(o, n, `${n.given} ${n.surname}`);
    const postcode = postcodeOf(o, random, true);
    const address = o.property
      ? [...noisyLines(o, random), random.chance(0.5) ? o.property.town : '', postcode]
          .filter(Boolean)
          .join(random.chance(0.3) ? ' ' : ', ')
      : '';
    return {
      case_no: id,
      contact_name: name,
      phone: phoneAs(o.phone, random.pick(['spaced', 'compact', 'international'] as const)),
      email: o.email,
      address,
      case_type: h.fields.case_type ?? '',
      opened: h.fields.opened ?? '',
      status: h.fields.status ?? '',
    };
  },
  'adult-social-care': (o, h, id, random) => {
    const n = noisyNames(o, random);
    return {
      client_id: id,
      nhs_number: o.nhsNumber,
      forename: n.given,
      surname: n.surname,
      date_of_birth: dateOrBlank(o, 'dd-mmm-yyyy'),
      gender: o.sex === 'F' ? 'Female' : 'Male',
      address: o.property ? [...noisyLines(o, random), o.property.town].join(', ') : 'No fixed abode',
      postcode: postcodeOf(o, random, false),
      gp_practice_code: h.fields.gp_practice_code ?? '',
      primary_support_reason: h.fields.primary_support_reason ?? '',
      referral_date: h.fields.referral_date ?? '',
      status: h.fields.status ?? '',
    };
  },
  'childrens-services': (o, h, id, random) => {
    const n = noisyNames(o, random);
    const lines = fitLines(noisyLines(o, random), 2);
    return {
      child_id: id,
      full_name: joinWords(n.given, ...n.middle, n.surname),
      dob: dateOrBlank(o, 'd/m/yyyy'),
      sex: o.sex,
      nhs_no: o.nhsNumber,
      address_line_1: lines[0]!,
      address_line_2: lines[1]!,
      town: o.property?.town ?? '',
      postcode: postcodeOf(o, random, false),
      referral_date: h.fields.referral_date ?? '',
      referral_source: h.fields.referral_source ?? '',
      status: h.fields.status ?? '',
    };
  },
  pas: (o, h, id, random) => {
    const n = noisyNames(o, random);
    const lines = fitLines([...noisyLines(o, random), o.property?.town ?? ''], 4);
    return {
      hospital_number: id,
      nhs_number: spacedNhs(o.nhsNumber),
      surname: n.surname.toUpperCase(),
      forename: joinWords(n.given, ...n.middle),
      date_of_birth: dateOrBlank(o, 'yyyymmdd'),
      sex: o.sex === 'M' ? '1' : '2',
      address_line_1: lines[0]!,
      address_line_2: lines[1]!,
      address_line_3: lines[2]!,
      address_line_4: lines[3]!,
      postcode: postcodeOf(o, random, false),
      registered_gp: h.fields.registered_gp ?? '',
      phone: phoneAs(o.phone, 'compact'),
      registered_on: h.fields.registered_on ?? '',
    };
  },
  'gp-registrations': (o, h, id, random) => {
    const n = noisyNames(o, random);
    const p = o.property;
    // The practice system's address form: "house" (flat and building name) then number and road.
    const house = p ? [p.saoText, p.paoText].filter(Boolean).join(', ') : '';
    const street = p ? joinWords(p.paoStartNumber !== undefined ? String(p.paoStartNumber) : '', noisyStreet(o)) : '';
    return {
      patient_id: id,
      nhs_number: o.nhsNumber,
      title: n.title,
      first_names: joinWords(n.given, ...n.middle),
      surname: n.surname,
      dob: dateOrBlank(o, 'iso'),
      gender: o.sex,
      house,
      street: p ? street : 'No fixed abode',
      locality: p?.locality ?? '',
      town: p?.town ?? '',
      postcode: postcodeOf(o, random, false),
      phone: phoneAs(o.phone, 'spaced'),
      email: o.email,
      registered_on: h.fields.registered_on ?? '',
      deregistered_on: h.fields.deregistered_on ?? '',
      deregistration_reason: h.fields.deregistration_reason ?? '',
    };
  },
  tenancies: (o, h, id, random) => {
    const n = noisyNames(o, random);
    const p = o.property;
    return {
      tenant_no: id,
      tenancy_ref: h.fields.tenancy_ref ?? '',
      tenant_name: `${n.surname}, ${n.given}`,
      date_of_birth: dateOrBlank(o, 'dd/mm/yyyy'),
      property_address: p ? [...noisyLines(o, random), p.town, postcodeOf(o, random, true)].filter(Boolean).join(', ') : '',
      tenancy_start: h.fields.tenancy_start ?? '',
      tenancy_end: h.fields.tenancy_end ?? '',
      end_reason: h.fields.end_reason ?? '',
      tenure_type: h.fields.tenure_type ?? '',
      phone: phoneAs(o.phone, 'compact'),
      email: o.email,
    };
  },
};

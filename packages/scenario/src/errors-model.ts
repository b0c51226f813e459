/**
 * The error model: how a source system's copy of a person drifts from the truth.
 *
 * Each kind of system has one profile of rates (the table below is the whole model — the
 * user guide reproduces it). A rate is the chance the error happens *where it can*: a
 * nickname needs a name that has one, a day/month swap needs a day of 12 or less, an old
 * surname needs a surname that changed after the system first recorded the person. Every
 * error applied is reported, so ground truth can say exactly what went wrong in each record.
 *
 * The kinds of error follow the linkage literature on administrative data (Christen,
 * "Data Matching", 2012, ch. 3; the ONS 2021 Census linkage error taxonomy) and what
 * council data teams report: typing slips, familiar names, initials, swapped fields,
 * moves and marriages systems never heard about, and duplicate registrations.
 */
import { canSwapDayMonth, type Day } from './dates.ts';
import type { ErrorKind } from './model.ts';
import { NICKNAMES } from './names.ts';
import { type Random } from './random.ts';

/** Chances per record, each conditional on the error being possible. */
export interface ErrorProfile {
  typoGivenName: number;
  typoSurname: number;
  nickname: number;
  initialOnly: number;
  namesSwapped: number;
  dayMonthTransposed: number;
  dobMissing: number;
  nhsNumberMissing: number;
  postcodeMissing: number;
  /** A move after the system first recorded the person that the system never heard about. */
  staleAddress: number;
  /** A change of surname after the system first recorded the person, never passed on. */
  oldSurname: number;
  /** One half of a double-barrelled surname dropped. */
  doubleBarrelDropped: number;
  caseNoise: number;
  spacingNoise: number;
  titleInName: number;
  /** The same person registered a second time, with its own slips. */
  duplicate: number;
  addressAbbreviated: number;
  typoAddress: number;
  phoneMissing: number;
  emailMissing: number;
  /** Systems that cannot store accents (ł, é, ö…) strip them. */
  isAsciiOnly: boolean;
}

export type SystemKind =
  | 'council-tax'
  | 'electoral-register'
  | 'housing-register'
  | 'benefits'
  | 'waste-crm'
  | 'adult-social-care'
  | 'childrens-services'
  | 'pas'
  | 'gp-registrations'
  | 'tenancies';

type Row = [
  typoG: number,
  typoS: number,
  nick: number,
  initial: number,
  swap: number,
  dayMonth: number,
  dobMissing: number,
  nhsMissing: number,
  pcMissing: number,
  stale: number,
  oldSurname: number,
  doubleBarrel: number,
  caseNoise: number,
  spacing: number,
  title: number,
  duplicate: number,
  abbreviated: number,
  typoAddress: number,
  phoneMissing: number,
  emailMissing: number,
  ascii: 0 | 1,
];

// The whole model in one table. Electoral registers are checked against DWP records and
// canvassed every year (clean); waste contact centres type names from a phone call (messy);
// hospital PAS addresses lag behind moves; council tax knows the property, not the person.
// prettier-ignore
const TABLE: Record<SystemKind, Row> = {
  //                     typoG  typoS  nick  init  swap   d/m    dobM  nhsM  pcM   stale oldSn dbl   case  space title dup   abbr  typoA phM  emM  ascii
  'electoral-register': [0.003, 0.003, 0.005, 0,   0,     0.002, 0,    1,    0,    0.02, 0.05, 0.05, 0,    0.005, 0,  0.003, 0,    0.002, 1,  1,   1],
  'council-tax':        [0.01,  0.015, 0.04, 0.1,  0.005, 0.005, 0.6,  1,    0.02, 0,    0.25, 0.2,  0.02, 0.02, 0,    0.01, 0.1,  0.01, 0.5,  0.6, 1],
  'housing-register':   [0.02,  0.02,  0.05, 0.03, 0.01,  0.01,  0.01, 1,    0.1,  0.2,  0.2,  0.15, 0.05, 0.03, 0,    0.03, 0.1,  0.02, 0.2,  0.3, 0],
  benefits:             [0.005, 0.005, 0.01, 0,    0.002, 0.002, 0,    1,    0.01, 0,    0.05, 0.05, 0,    0.01, 0,    0.005, 0.05, 0.005, 0.4, 0.6, 1],
  'waste-crm':          [0.06,  0.08,  0.15, 0.25, 0.03,  0,     1,    1,    0.3,  0,    0.3,  0.3,  0.3,  0.15, 0.2,  0.02, 0.4,  0.05, 0.2,  0.5, 1],
  'adult-social-care':  [0.02,  0.02,  0.05, 0.02, 0.005, 0.01,  0,    0.15, 0.05, 0.12, 0.15, 0.15, 0.05, 0.03, 0,    0.02, 0.1,  0.02, 0.3,  0.8, 0],
  'childrens-services': [0.02,  0.02,  0.08, 0,    0.01,  0.01,  0,    0.5,  0.08, 0.15, 0.1,  0.2,  0.05, 0.03, 0,    0.03, 0.1,  0.02, 1,    1,   0],
  pas:                  [0.015, 0.02,  0.03, 0.01, 0.01,  0.015, 0,    0.05, 0.03, 0.25, 0.3,  0.15, 0,    0.02, 0,    0.02, 0.1,  0.01, 0.3,  0.7, 1],
  'gp-registrations':   [0.005, 0.005, 0.01, 0,    0.002, 0.003, 0,    0.01, 0.01, 0.15, 0.1,  0.05, 0,    0.01, 0,    0.01, 0.05, 0.005, 0.3, 0.5, 0],
  tenancies:            [0.01,  0.015, 0.04, 0.05, 0.005, 0.005, 0.05, 1,    0.05, 0,    0.2,  0.1,  0.02, 0.02, 0,    0.01, 0.1,  0.01, 0.3,  0.5, 0],
};

function toProfile(r: Row): ErrorProfile {
  return {
    typoGivenName: r[0],
    typoSurname: r[1],
    nickname: r[2],
    initialOnly: r[3],
    namesSwapped: r[4],
    dayMonthTransposed: r[5],
    dobMissing: r[6],
    nhsNumberMissing: r[7],
    postcodeMissing: r[8],
    staleAddress: r[9],
    oldSurname: r[10],
    doubleBarrelDropped: r[11],
    caseNoise: r[12],
    spacingNoise: r[13],
    titleInName: r[14],
    duplicate: r[15],
    addressAbbreviated: r[16],
    typoAddress: r[17],
    phoneMissing: r[18],
    emailMissing: r[19],
    isAsciiOnly: r[20] === 1,
  };
}

/**
 * The error profile of each kind of system.
 * @example ERROR_PROFILES['waste-crm'].nickname // 0.15
 */
export const ERROR_PROFILES: Readonly<Record<SystemKind, ErrorProfile>> = Object.fromEntries(
  Object.entries(TABLE).map(([kind, row]) => [kind, toProfile(row)]),
) as Record<SystemKind, ErrorProfile>;

// QWERTY neighbours: most typing slips hit an adjacent key.
const NEIGHBOURS: Record<string, string> = {
  q: 'wa',
  w: 'qesa',
  e: 'wrds',
  r: 'etfd',
  t: 'rygf',
  y: 'tuhg',
  u: 'yijh',
  i: 'uokj',
  o: 'iplk',
  p: 'ol',
  a: 'qwsz',
  s: 'awedxz',
  d: 'serfcx',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  z: 'asx',
  x: 'zsdc',
  c: 'xdfv',
  v: 'cfgb',
  b: 'vghn',
  n: 'bhjm',
  m: 'njk',
};

const matchCase = (original: string, replacement: string) =>
  original === original.toUpperCase() ? replacement.toUpperCase() : replacement;

/**
 * One typing slip: an adjacent-key substitution, two letters transposed, a letter dropped
 * or doubled. Always returns something different from `text` when it can.
 * @example typo(new Random(3), 'Margaret') // e.g. 'Margeret', 'Magraret', 'Margret'
 */
export function typo(random: Random, text: string): string {
  const letters = [...text];
  const positions = letters.map((c, i) => (/\p{L}/u.test(c) ? i : -1)).filter((i) => i >= 0);
  if (positions.length < 2) return text;
  for (let attempt = 0; attempt < 6; attempt++) {
    const out = [...letters];
    // Slips rarely hit the first letter, which people check.
    const at = positions[1 + Math.floor(random.next() * (positions.length - 1))]!;
    const c = out[at]!;
    const r = random.next();
    if (r < 0.3 && at + 1 < out.length && /\p{L}/u.test(out[at + 1]!)) {
      const next = out[at + 1]!;
      out[at] = matchCase(c, next.toLowerCase());
      out[at + 1] = matchCase(next, c.toLowerCase());
    } else if (r < 0.6) {
      const near = NEIGHBOURS[c.toLowerCase()];
      if (!near) continue;
      out[at] = matchCase(c, near[Math.floor(random.next() * near.length)]!);
    } else if (r < 0.85) {
      out.splice(at, 1);
    } else {
      out.splice(at, 0, c.toLowerCase());
    }
    const result = out.join('');
    if (result !== text) return result;
  }
  return text;
}

/** A familiar form of `given`, or undefined when the table has none. */
export function nicknameOf(random: Random, given: string): string | undefined {
  const forms = NICKNAMES[given];
  return forms ? random.pick(forms) : undefined;
}

export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ı/g, 'i');
}

/**
 * Upper case, lower case, or only the first letter capitalised ("Mcdonald", "O'brien");
 * `mode` (0–1) picks which, so one record's fields share one habit.
 */
export function caseNoise(mode: number, text: string): string {
  const r = mode;
  if (r < 0.45) return text.toUpperCase();
  if (r < 0.8) return text.toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

/** Doubled or stray spaces, or punctuation inside names lost or spaced ("O Brien", "Smith Jones"). */
export function spacingNoise(random: Random, text: string): string {
  const r = random.next();
  if (/['’-]/.test(text) && r < 0.5) return text.replace(/['’-]/g, random.chance(0.5) ? ' ' : '');
  if (r < 0.7 && text.includes(' ')) return text.replace(' ', '  ');
  if (r < 0.85) return ` ${text}`;
  return `${text} `;
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/^Flat (\d+), /, '$1/'],
  [/\bFlat\b/, 'Flt'],
  [/\bRoad\b/, 'Rd'],
  [/\bStreet\b/, 'St'],
  [/\bAvenue\b/, 'Ave'],
  [/\bClose\b/, 'Cl'],
  [/\bLane\b/, 'Ln'],
  [/\bDrive\b/, 'Dr'],
  [/\bCrescent\b/, 'Cres'],
  [/\bGardens\b/, 'Gdns'],
  [/\bTerrace\b/, 'Terr'],
  [/\bPlace\b/, 'Pl'],
];

/** Shortens street types and flats as people type them ("Mill Ln", "2/14 Mill Lane"). */
export function abbreviateAddress(text: string): string {
  let out = text;
  for (const [pattern, short] of ABBREVIATIONS) {
    if (pattern.test(out)) {
      out = out.replace(pattern, short);
      if (out !== text) return out;
    }
  }
  return out;
}

/** Collects the errors applied to one record. */
export class ErrorLog {
  readonly kinds: ErrorKind[] = [];
  constructor(
    readonly random: Random,
    readonly profile: ErrorProfile,
  ) {}

  /**
   * True (and logged) with the profile's rate for `kind`. A rate of 1 means the system
   * does not hold the field at all: always true, but not an error, so not logged.
   */
  roll(kind: ErrorKind, rate: number): boolean {
    if (rate >= 1) return true;
    if (rate <= 0 || !this.random.chance(rate)) return false;
    this.kinds.push(kind);
    return true;
  }

  /** Applies a string transformation with `rate`, logging it only if the text changed. */
  maybe(kind: ErrorKind, rate: number, text: string, change: (r: Random, s: string) => string): string {
    if (rate <= 0 || text === '' || !this.random.chance(rate)) return text;
    const out = change(this.random, text);
    if (out !== text && !this.kinds.includes(kind)) this.kinds.push(kind);
    return out;
  }
}

/** A date of birth as a system holds it: possibly missing or with day and month swapped. */
export function observeDateOfBirth(log: ErrorLog, dob: Day): { dob?: Day; isSwapped: boolean } {
  if (log.roll('dob-missing', log.profile.dobMissing)) return { isSwapped: false };
  const isSwapped = canSwapDayMonth(dob) && log.roll('day-month-transposed', log.profile.dayMonthTransposed);
  return { dob, isSwapped };
}

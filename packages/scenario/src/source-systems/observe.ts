/**
 * What one system sees of one person: the truth as at the system's dates, passed through
 * the system's error profile. Formatting into the system's columns comes after (formats.ts).
 */
import type { Day } from '../dates.ts';
import { ErrorLog, nicknameOf, observeDateOfBirth, stripDiacritics, typo, type ErrorProfile } from '../errors-model.ts';
import type { ScenarioProperty } from '../model.ts';
import { pickTitle } from '../names.ts';
import { spellOn, surnameOn } from '../population/index.ts';
import { type Random } from '../random.ts';
import type { Holding, SourceContext } from './holdings.ts';

export interface Observed {
  title: string;
  givenName: string;
  middleNames: string[];
  surname: string;
  sex: 'F' | 'M';
  dob?: Day;
  isDobSwapped: boolean;
  nhsNumber: string;
  /** Undefined for no fixed abode. */
  property?: ScenarioProperty;
  propertyIndex: number;
  hasPostcode: boolean;
  phone: string;
  email: string;
  log: ErrorLog;
}

/** The address the system holds: its own fixed one, or the person's, possibly out of date. */
function observedProperty(ctx: SourceContext, holding: Holding, log: ErrorLog): number {
  if (holding.property !== undefined) return holding.property;
  const { person } = holding;
  const now = spellOn(person, holding.asAt) ?? person.spells[person.spells.length - 1];
  // Known from before their first address here: the system took the first one it heard of.
  const then = spellOn(person, holding.firstSeen) ?? (holding.firstSeen < person.spells[0]!.from ? person.spells[0] : now);
  const current = now?.isHomeless ? -1 : (now?.property ?? -1);
  const old = then?.isHomeless ? -1 : (then?.property ?? -1);
  if (old !== current && old >= 0 && log.roll('stale-address', log.profile.staleAddress)) return old;
  return current;
}

/**
 * Applies the error profile to one holding.
 * @example observe(ctx, holding, ERROR_PROFILES.pas, random).log.kinds // e.g. ['typo-surname']
 */
export function observe(ctx: SourceContext, holding: Holding, profile: ErrorProfile, random: Random): Observed {
  const log = new ErrorLog(random, profile);
  const { person } = holding;
  for (const kind of holding.errors ?? []) log.kinds.push(kind);

  const propertyIndex = observedProperty(ctx, holding, log);
  const property = propertyIndex >= 0 ? ctx.places.properties[propertyIndex] : undefined;

  let surname = surnameOn(person, holding.asAt);
  const oldSurname = surnameOn(person, holding.firstSeen);
  if (oldSurname !== surname && log.roll('old-surname', profile.oldSurname)) surname = oldSurname;

  let givenName = person.givenName;
  let middleNames = [...person.middleNames];
  const nickname = nicknameOf(random, givenName);
  if (nickname && log.roll('nickname', profile.nickname)) givenName = nickname;
  if (log.roll('initial-only', profile.initialOnly)) {
    givenName = givenName.charAt(0);
    middleNames = middleNames.map((m) => m.charAt(0));
  }
  if (givenName.length > 1) givenName = log.maybe('typo-given-name', profile.typoGivenName, givenName, typo);
  surname = log.maybe('typo-surname', profile.typoSurname, surname, typo);
  if (surname.includes('-') && log.roll('double-barrel-dropped', profile.doubleBarrelDropped)) {
    const parts = surname.split('-');
    surname = random.chance(0.6) ? parts[parts.length - 1]! : parts[0]!;
  }
  if (log.roll('names-swapped', profile.namesSwapped)) [givenName, surname] = [surname, givenName];
  if (profile.isAsciiOnly) {
    const stripped = [givenName, surname, ...middleNames].map(stripDiacritics);
    if (stripped.join('|') !== [givenName, surname, ...middleNames].join('|')) log.kinds.push('diacritics-stripped');
    [givenName = '', surname = '', ...middleNames] = stripped;
  }

  const { dob, isSwapped } = observeDateOfBirth(log, person.dob);
  const nhsNumber = log.roll('nhs-number-missing', profile.nhsNumberMissing) ? '' : person.nhsNumber;
  const hasPostcode = property !== undefined && !log.roll('postcode-missing', profile.postcodeMissing);
  const phone = person.phone && !log.roll('phone-missing', profile.phoneMissing) ? person.phone : '';
  const email = person.email && !log.roll('email-missing', profile.emailMissing) ? person.email : '';

  return {
    title: pickTitle(random, person.sex, person.isMarried),
    givenName,
    middleNames,
    surname,
    sex: person.sex,
    ...(dob !== undefined ? { dob } : {}),
    isDobSwapped: isSwapped,
    nhsNumber,
    ...(property ? { property } : {}),
    propertyIndex,
    hasPostcode,
    phone,
    email,
    log,
  };
}

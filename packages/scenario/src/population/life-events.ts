/**
 * Ten years of life in Wessex, a quarter at a time: deaths, births, young people leaving
 * home, couples forming and parting (with the surname changes that follow), households
 * moving within and out of the county, people losing their homes, newcomers moving in.
 *
 * These are what make source systems disagree: a move the GP heard about but the council
 * tax did not, a married name the hospital never recorded. Rates are annual and rough,
 * shaped after ONS mortality, fertility and internal-migration tables for a shire county.
 */
import { SCENARIO_DAY, WINDOW_START_DAY, type Day } from '../dates.ts';
import { DISTRICT_CODES, type DistrictCode } from '../organisations.ts';
import { composeHousehold, marry } from './households.ts';
import { giveContactDetails, makePerson, type Household, type Person } from './people.ts';
import { eventDay, join, leave, moveHousehold, newHousehold, takeVacant, type HomelessEpisode, type World } from './world.ts';

const YEAR = 365.25;
const STEPS_PER_YEAR = 4;

/** Annual rates, in one place so they can be read and tuned together. */
export const LIFE_EVENT_RATES = {
  householdMove: 0.06,
  moveLeavesCounty: 0.3,
  moveChangesDistrict: 0.25,
  leaveHome: 0.12,
  leaveHomeLeavesCounty: 0.15,
  leaveHomeHomeless: 0.05,
  partnering: 0.07,
  separation: 0.01,
  separationHomeless: 0.12,
  revertToBirthSurname: 0.35,
  lossOfPrivateTenancy: 0.008,
  socialEviction: 0.0015,
  /** Share of empty homes let to newcomers from outside the county each year. */
  vacancyFill: 0.6,
  /** Homes left empty at any time (churn between lettings). */
  frictionalVacancy: 0.03,
} as const;

/** Annual probability of death, after ONS national life tables, nudged by health need. */
function mortality(age: number, need: number): number {
  const base = age < 1 ? 0.0035 : age < 15 ? 0.0001 : age < 30 ? 0.0005 : Math.min(0.6, 0.000025 * Math.exp(0.1 * age));
  return base * (0.6 + 1.6 * need);
}

/** Annual probability of a birth to a woman of `age` with a partner at home. */
function fertility(age: number): number {
  return 0.17 * Math.exp(-(((age - 31) / 6) ** 2));
}

const ageOn = (p: Person, day: Day) => (day - p.dob) / YEAR;
const isPresent = (p: Person) => p.household !== null && p.dod === undefined;

function die(world: World, person: Person, day: Day): void {
  const household = person.household;
  person.dod = day;
  leave(world, person, day);
  if (person.partner) {
    person.partner.partner = null;
    person.partner = null;
  }
  // Children left with no adult go to relatives outside the county.
  if (household && household.members.length > 0 && household.members.every((m) => ageOn(m, day) < 18)) {
    moveHousehold(world, household, undefined, day);
  }
}

function birth(world: World, mother: Person, day: Day): void {
  const household = mother.household!;
  const father = mother.partner?.sex === 'M' ? mother.partner : undefined;
  const surname = father ? father.surnames[0]!.surname : mother.surnames[mother.surnames.length - 1]!.surname;
  const baby = makePerson(world.identity, {
    sex: world.random.chance(0.512) ? 'M' : 'F',
    origin: world.random.chance(0.5) || !father ? mother.origin : father.origin,
    surname,
    dob: day,
    arrivedOn: day,
  });
  join(baby, household, day, 'child');
  mother.lastEvent = day;
}

/** People without a home in `district` from `day`, recorded as an episode. */
function becomeHomeless(world: World, people: Person[], district: DistrictCode, day: Day, reason: HomelessEpisode['reason']): Household {
  const household = newHousehold(world, -1, 0.9, district);
  for (const p of people) {
    if (p.household) leave(world, p, day);
    join(p, household, day, p === people[0] ? 'head' : 'other');
  }
  world.episodes.push({ person: people[0]!, district, from: day, reason });
  return household;
}

function otherDistrict(world: World, district: DistrictCode): DistrictCode {
  const others = DISTRICT_CODES.filter((d) => d !== district);
  return world.random.pick(others);
}

/** Runs the window, from its start to the scenario date. */
export function simulateLifeEvents(world: World): void {
  const { random } = world;
  const rates = LIFE_EVENT_RATES;
  const step = YEAR / STEPS_PER_YEAR;
  const perStep = (annual: number) => annual / STEPS_PER_YEAR;
  const homesInDistrict = Object.fromEntries(DISTRICT_CODES.map((d) => [d, world.places.homesByDistrict[d].length])) as Record<
    DistrictCode,
    number
  >;
  const homelessUntil = new Map<Household, Day>();

  for (let start = WINDOW_START_DAY; start < SCENARIO_DAY; start += step) {
    const from = Math.floor(start);
    const length = Math.max(1, Math.min(Math.floor(start + step), SCENARIO_DAY) - from);
    const inStep = (people: readonly Person[]) => Math.min(SCENARIO_DAY - 1, eventDay(world, people, from, length));

    // Deaths and births.
    for (const person of world.identity.people) {
      if (!isPresent(person)) continue;
      const age = ageOn(person, from);
      if (random.chance(perStep(mortality(age, person.need)))) {
        die(world, person, inStep([person]));
        continue;
      }
      if (person.sex === 'F' && age >= 16 && age < 47 && person.household!.property >= 0) {
        const partnered = person.partner?.sex === 'M' && person.partner.household === person.household;
        if (random.chance(perStep(fertility(age) * (partnered ? 1 : 0.12)))) birth(world, person, inStep([person]));
      }
    }

    const households = [...world.households];
    const singles: Person[] = [];
    for (const household of households) {
      if (!world.households.has(household)) continue;
      const members = household.members;
      if (household.property < 0) {
        // Without a home: rehoused, often by the housing association, once the wait is over.
        const until = homelessUntil.get(household) ?? from + random.int(30, 400);
        homelessUntil.set(household, until);
        if (until <= from + length) {
          const home = takeVacant(world, household.district, random.chance(0.6));
          if (home !== undefined) {
            const day = inStep(members);
            const episode = world.episodes.find((e) => e.person === members[0] && e.to === undefined);
            if (episode) episode.to = day;
            moveHousehold(world, household, home, day);
          }
        }
        continue;
      }
      const tenure = world.places.tenure[household.property];
      const loss = tenure === 'private-rent' ? rates.lossOfPrivateTenancy : tenure === 'social' ? rates.socialEviction : 0;
      if (random.chance(perStep(loss))) {
        becomeHomeless(
          world,
          [...members],
          household.district,
          inStep(members),
          tenure === 'social' ? 'eviction from social housing' : 'loss of private tenancy',
        );
        continue;
      }
      if (random.chance(perStep(rates.householdMove))) {
        const day = inStep(members);
        if (random.chance(rates.moveLeavesCounty)) {
          moveHousehold(world, household, undefined, day);
        } else {
          const district = random.chance(rates.moveChangesDistrict) ? otherDistrict(world, household.district) : household.district;
          const home = takeVacant(world, district);
          if (home !== undefined) moveHousehold(world, household, home, day);
        }
        continue;
      }
      // Young adults leaving the family home.
      for (const member of [...members]) {
        const spell = member.spells[member.spells.length - 1];
        const age = ageOn(member, from);
        if (spell?.role !== 'child' || age < 18 || age > 34 || !random.chance(perStep(rates.leaveHome))) continue;
        const day = inStep([member]);
        giveContactDetails(world.identity, member);
        const r = random.next();
        if (r < rates.leaveHomeLeavesCounty) {
          leave(world, member, day);
          member.leftOn = day;
        } else if (r < rates.leaveHomeLeavesCounty + rates.leaveHomeHomeless) {
          becomeHomeless(world, [member], household.district, day, 'family or friends no longer able to accommodate');
        } else {
          const district = random.chance(0.8) ? household.district : otherDistrict(world, household.district);
          const home = takeVacant(world, district);
          if (home === undefined) continue;
          leave(world, member, day);
          join(member, newHousehold(world, home, household.deprivation * 0.8), day, 'head');
        }
      }
      if (!world.households.has(household)) continue;
      // Couples parting.
      const head = members.find((m) => m.partner && m.partner.household === household);
      if (head && random.chance(perStep(rates.separation))) {
        const leaver = random.chance(0.5) ? head : head.partner!;
        const day = inStep([head, head.partner!]);
        head.partner!.partner = null;
        head.partner = null;
        leaver.isMarried = false;
        if (leaver.surnames.length > 1 && random.chance(rates.revertToBirthSurname)) {
          leaver.surnames.push({ surname: leaver.surnames[0]!.surname, from: day });
        }
        if (random.chance(rates.separationHomeless)) {
          const reason = leaver.sex === 'F' && random.chance(0.5) ? 'domestic abuse' : 'relationship breakdown';
          becomeHomeless(world, [leaver], household.district, day, reason);
        } else {
          const home = takeVacant(world, household.district);
          if (home !== undefined) {
            leave(world, leaver, day);
            join(leaver, newHousehold(world, home, household.deprivation), day, 'head');
          } else {
            leave(world, leaver, day);
            leaver.leftOn = day;
          }
        }
        continue;
      }
      // People living alone who may find a partner this quarter.
      if (members.length === 1) {
        const only = members[0]!;
        const age = ageOn(only, from);
        if (age >= 20 && age <= 55 && random.chance(perStep(rates.partnering))) singles.push(only);
      }
    }

    // Pair the singles: women and men of similar age, one moving into the other's home.
    const women = singles.filter((p) => p.sex === 'F').sort((a, b) => a.dob - b.dob || a.index - b.index);
    const men = singles.filter((p) => p.sex === 'M').sort((a, b) => a.dob - b.dob || a.index - b.index);
    for (let i = 0; i < Math.min(women.length, men.length); i++) {
      const woman = women[i]!;
      const man = men[i]!;
      if (Math.abs(woman.dob - man.dob) > 10 * YEAR) continue;
      const day = inStep([woman, man]);
      const [mover, stayer] = random.chance(0.6) ? [woman, man] : [man, woman];
      const household = stayer.household!;
      leave(world, mover, day);
      join(mover, household, day, 'partner');
      woman.partner = man;
      man.partner = woman;
      if (random.chance(0.5)) {
        man.isMarried = true;
        marry(random, woman, man.surnames[0]!.surname, day);
      }
    }

    // Newcomers from outside the county take some of the empty homes.
    for (const district of DISTRICT_CODES) {
      const floor = homesInDistrict[district] * rates.frictionalVacancy;
      const spare = world.vacant[district].length - floor;
      const toFill = Math.floor(Math.max(0, spare) * perStep(rates.vacancyFill) + random.next());
      for (let i = 0; i < toFill; i++) {
        const home = takeVacant(world, district);
        if (home === undefined) break;
        composeHousehold(world, home, from + random.int(0, length - 1), false);
      }
    }
  }

  // Children who turned 16 during the window now have their own contact details.
  for (const person of world.identity.people) {
    if (isPresent(person) && ageOn(person, SCENARIO_DAY) >= 16) giveContactDetails(world.identity, person);
  }
}

/** Fills the county at the window's start, leaving a few homes empty. */
export function populateCounty(world: World): void {
  for (const district of DISTRICT_CODES) {
    const homes = world.random.shuffle([...world.places.homesByDistrict[district]]);
    const occupied = Math.round(homes.length * 0.96);
    homes.forEach((home, i) => {
      if (i < occupied) composeHousehold(world, home, WINDOW_START_DAY, true);
      else world.vacant[district].push(home);
    });
  }
}

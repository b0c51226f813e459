/**
 * Matching free-text addresses to the register, Fellegi–Sunter style: each part of the
 * address (postcode, flat, house number, house name, street, town) agrees, nearly agrees,
 * disagrees or is missing, and each outcome adds log2(m/u) bits of evidence. m is how often
 * the outcome happens when the address is the right one (set from what councils' systems get
 * wrong); u is how often it happens by chance, taken from the register itself, so agreeing on
 * a rare street or postcode counts for more than on "HIGH STREET". Candidates come from
 * blocks (same postcode; same house number and street word; same house-name word) so that
 * addresses without a postcode still match. Every weight is explained.
 */
import { jaroWinkler } from '@joinery/linkage';
import type { RegisterAddress } from '../address.ts';
import { addressWords, parseAddress, type ParsedAddress } from './parse.ts';

export interface ExplanationStep {
  part: string;
  input: string;
  register: string;
  level: string;
  weight: number;
}

export interface AddressCandidate {
  uprn: string;
  probability: number;
  matchWeight: number;
  explanation: ExplanationStep[];
}

export interface AddressIndex {
  size: number;
  match(input: string | { lines: string[]; postcode?: string }, options?: { limit?: number }): AddressCandidate[];
  /** The parts the matcher read from the input. */
  parse(input: string | { lines: string[]; postcode?: string }): ParsedAddress;
}

interface Entry {
  uprn: string;
  postcode: string;
  sector: string;
  number: string;
  flat: string;
  saoText: string;
  name: string[];
  street: string[];
  streetText: string;
  /** Locality and town, each as its words. */
  places: string[][];
  placeText: string;
}

/** How often an address sent for matching is in the register at all (most are: they are residents' homes). */
const IN_REGISTER = 0.9;
const bits = (m: number, u: number) => Math.log2(m / Math.max(u, 1e-9));
// Words that say nothing about which building it is.
const COMMON = new Set(['THE', 'OF', 'AND', 'ON', 'IN', 'AT', 'UPON']);
const distinctive = (words: string[]) => words.filter((w) => !COMMON.has(w));
const sectorOf = (postcode: string) => postcode.slice(0, -2);

function entryOf(a: RegisterAddress): Entry {
  const saoNumber = a.saoStartNumber !== undefined ? `${a.saoStartNumber}${a.saoStartSuffix ?? ''}` : '';
  const saoText = addressWords(a.saoText ?? '').join(' ');
  // "FLAT 2" kept as text (as some gazetteers do) is a numbered SAO.
  const numbered = /^(?:FLAT|APARTMENT|UNIT)\s+(\d+[A-Z]?|[A-Z])$/.exec(saoText);
  const number =
    a.paoStartNumber !== undefined
      ? `${a.paoStartNumber}${a.paoStartSuffix ?? ''}${a.paoEndNumber !== undefined ? `-${a.paoEndNumber}${a.paoEndSuffix ?? ''}` : ''}`
      : '';
  const street = addressWords(a.street ?? '');
  const places = [a.locality, a.town].filter((p): p is string => Boolean(p)).map((p) => addressWords(p));
  const postcode = (a.postcode ?? '').toUpperCase();
  return {
    uprn: a.uprn,
    postcode,
    sector: postcode ? sectorOf(postcode) : '',
    number,
    flat: saoNumber || numbered?.[1] || '',
    saoText: numbered ? '' : saoText,
    name: addressWords(`${a.organisation ?? ''} ${a.paoText ?? ''}`),
    street,
    streetText: street.join(' '),
    places,
    placeText: [a.locality, a.town].filter(Boolean).join(', ').toUpperCase(),
  };
}

function push<K>(map: Map<K, number[]>, key: K, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * @example const index = createAddressIndex(addresses); index.match('flat 2, 14 high st, casterbridge')[0]?.uprn
 */
export function createAddressIndex(addresses: readonly RegisterAddress[]): AddressIndex {
  // Historical and alternative versions are not what anyone should be matched to.
  const entries = addresses.filter((a) => a.status === 'approved' || a.status === 'provisional').map(entryOf);
  const n = Math.max(1, entries.length);
  const byPostcode = new Map<string, number[]>();
  const byNumberWord = new Map<string, number[]>();
  const byNameWord = new Map<string, number[]>();
  const postcodeCount = new Map<string, number>();
  const sectorCount = new Map<string, number>();
  const streetCount = new Map<string, number>();
  const numberCount = new Map<string, number>();
  const placeCount = new Map<string, number>();
  const streetInPlaceCount = new Map<string, number>();
  const nameCount = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.postcode) push(byPostcode, e.postcode, i);
    for (const w of new Set(e.street)) if (w.length > 2) push(byNumberWord, `${e.number || e.name.join(' ')}|${w}`, i);
    for (const w of new Set(e.name)) if (w.length > 2) push(byNameWord, w, i);
    postcodeCount.set(e.postcode, (postcodeCount.get(e.postcode) ?? 0) + 1);
    sectorCount.set(e.sector, (sectorCount.get(e.sector) ?? 0) + 1);
    streetCount.set(e.streetText, (streetCount.get(e.streetText) ?? 0) + 1);
    numberCount.set(e.number, (numberCount.get(e.number) ?? 0) + 1);
    for (const p of e.places) {
      placeCount.set(p.join(' '), (placeCount.get(p.join(' ')) ?? 0) + 1);
      const key = `${e.streetText}|${p.join(' ')}`;
      streetInPlaceCount.set(key, (streetInPlaceCount.get(key) ?? 0) + 1);
    }
    const name = distinctive(e.name).join(' ');
    if (name) nameCount.set(name, (nameCount.get(name) ?? 0) + 1);
  });
  // Does the input name a place the register knows (so a town that does not agree is a different town)?
  const places = [...placeCount.keys()];
  const named = new WeakMap<ParsedAddress, boolean>();
  const namesPlace = (q: ParsedAddress) => {
    let found = named.get(q);
    if (found === undefined) {
      const text = ` ${q.words.join(' ')} `;
      found = places.some((p) => text.includes(` ${p} `));
      named.set(q, found);
    }
    return found;
  };
  // λ: one address in the register is the right one.
  const prior = Math.log2(1 / n);

  function candidatesFor(q: ParsedAddress): number[] {
    const found = new Set<number>();
    if (q.postcode) for (const i of byPostcode.get(q.postcode) ?? []) found.add(i);
    const words = q.words.filter((w) => w.length > 2);
    for (const w of words) {
      for (const i of byNumberWord.get(`${q.number ?? ''}|${w}`) ?? []) found.add(i);
      const named = byNameWord.get(w);
      if (named && named.length < 200) for (const i of named) found.add(i);
    }
    if (!q.number && found.size === 0)
      // A house name only, or a building: its words against every named address on the same street words.
      for (const w of words) for (const i of byNameWord.get(w) ?? []) found.add(i);
    return [...found];
  }

  function score(q: ParsedAddress, e: Entry): AddressCandidate {
    const steps: ExplanationStep[] = [];
    const step = (part: string, input: string, register: string, level: string, weight: number) =>
      steps.push({ part, input, register, level, weight });
    const words = new Set(q.words);

    // Postcode: the strongest single part, often missing or one character out.
    if (!q.postcode) step('postcode', '', e.postcode, 'not given', 0);
    else if (!e.postcode) step('postcode', q.postcode, '', 'not in register', 0);
    else if (q.postcode === e.postcode)
      step('postcode', q.postcode, e.postcode, 'same', bits(0.9, (postcodeCount.get(e.postcode) ?? 1) / n));
    else if (sectorOf(q.postcode) === e.sector)
      step('postcode', q.postcode, e.postcode, 'same sector', bits(0.06, (sectorCount.get(e.sector) ?? 1) / n));
    else step('postcode', q.postcode, e.postcode, 'different', bits(0.04, 1));

    // House number: must agree; a different number is a different house.
    if (!q.number && !e.number) step('house number', '', '', 'neither has one', 0);
    else if (!q.number) step('house number', '', e.number, 'not given', bits(0.15, 0.5));
    else if (!e.number) step('house number', q.number, '', 'register has none', bits(0.05, 0.5));
    else if (q.number === e.number) step('house number', q.number, e.number, 'same', bits(0.95, (numberCount.get(e.number) ?? 1) / n));
    else if (q.number.replace(/[A-Z]$/, '') === e.number.replace(/[A-Z]$/, ''))
      step('house number', q.number, e.number, 'same number, other letter', bits(0.02, 0.01));
    else step('house number', q.number, e.number, 'different', bits(0.01, 0.97));

    // Flat: a flat's number against the register's SAO; a house has none.
    const saoText = q.saoText ?? '';
    if (q.flat && e.flat) {
      if (q.flat === e.flat) step('flat', q.flat, e.flat, 'same', bits(0.9, 0.08));
      else step('flat', q.flat, e.flat, 'different', bits(0.02, 0.9));
    } else if (q.flat || e.flat) {
      const given = q.flat ?? saoText;
      step(
        'flat',
        given,
        e.flat || e.saoText,
        q.flat ? 'register has no such flat' : 'not given',
        q.flat ? bits(0.03, 0.8) : bits(0.15, 0.15),
      );
    } else if (saoText || e.saoText) {
      if (saoText && saoText === e.saoText) step('flat', saoText, e.saoText, 'same', bits(0.9, 0.01));
      else
        step(
          'flat',
          saoText,
          e.saoText,
          saoText && e.saoText ? 'different' : 'one side only',
          bits(saoText && e.saoText ? 0.05 : 0.3, 0.3),
        );
    } else step('flat', '', '', 'neither has one', bits(0.8, 0.75));

    // House name (or organisation): its distinctive words present in the input, counted by how rare the name is.
    const name = distinctive(e.name);
    if (name.length > 0) {
      const shared = name.filter((w) => words.has(w)).length;
      const share = shared / name.length;
      const u = (nameCount.get(name.join(' ')) ?? 1) / n;
      if (share === 1) step('house name', e.name.join(' '), e.name.join(' '), 'same', bits(0.7, u));
      else if (share >= 0.5)
        step('house name', name.filter((w) => words.has(w)).join(' '), e.name.join(' '), 'partly', bits(0.15, Math.min(1, u * 10)));
      else step('house name', '', e.name.join(' '), 'not given', bits(0.15, 0.3));
    }

    // Town or locality: all the words of one of them ("STREET OF WELLS" is not "HIGH STREET").
    const agreeing = e.places.filter((place) => place.every((w) => words.has(w))).map((p) => p.join(' '));
    // The rarest agreeing place: the street is then counted among that place's streets.
    const place = agreeing.sort((a, b) => (placeCount.get(a) ?? 1) - (placeCount.get(b) ?? 1))[0];
    if (e.places.length > 0) {
      if (place) step('town', agreeing.join(', '), e.placeText, 'same', bits(0.8, (placeCount.get(place) ?? 1) / n));
      else if (namesPlace(q)) step('town', '', e.placeText, 'different', bits(0.05, 0.85));
      else step('town', '', e.placeText, 'not given', 0);
    }

    // Street: its words in the input, exactly or nearly (a typo), counted by how rare the street is.
    if (e.street.length > 0) {
      // The street's words together and in order ("THE STREET" is not in "THE QUIET WOMAN, HIGH STREET").
      const whole = ` ${q.words.join(' ')} `.includes(` ${e.streetText} `);
      const present = whole ? e.street.length : Math.min(e.street.length - 1, e.street.filter((w) => words.has(w)).length);
      const near =
        present < e.street.length && e.street.every((w) => words.has(w) || q.words.some((x) => x.length > 3 && jaroWinkler(x, w) >= 0.8));
      // Chance agreement on the street: among the place's addresses when the place agrees, else all.
      const u = place
        ? (streetInPlaceCount.get(`${e.streetText}|${place}`) ?? 1) / (placeCount.get(place) ?? 1)
        : (streetCount.get(e.streetText) ?? 1) / n;
      if (present === e.street.length) step('street', e.streetText, e.streetText, 'same', bits(0.9, u));
      else if (near)
        step(
          'street',
          q.words.filter((x) => !words.has(x) || e.street.includes(x)).join(' '),
          e.streetText,
          'nearly (a typo)',
          bits(0.08, u),
        );
      else if (present > 0)
        step('street', e.street.filter((w) => words.has(w)).join(' '), e.streetText, 'partly', bits(0.02, Math.min(1, u * 20)));
      else step('street', '', e.streetText, 'not given or different', bits(0.02, 0.99));
    }

    const matchWeight = prior + steps.reduce((t, s) => t + s.weight, 0);
    return { uprn: e.uprn, matchWeight, probability: 0, explanation: steps };
  }

  const parse = (input: string | { lines: string[]; postcode?: string }) => parseAddress(input);
  return {
    size: entries.length,
    parse,
    match(input, { limit = 5 } = {}) {
      const q = parse(input);
      if (!q.postcode && q.words.length === 0) return [];
      const scored = candidatesFor(q)
        .map((i) => score(q, entries[i]!))
        .sort((a, b) => b.matchWeight - a.matchWeight || Number(a.uprn) - Number(b.uprn));
      // One address at most is the right one: each candidate's share of the evidence, beside
      // "none of them" (weighted by how often an address is not in the register at all), so
      // two near-equal candidates are both uncertain and go for review.
      const none = (1 - IN_REGISTER) / IN_REGISTER;
      const total = scored.reduce((t, c) => t + 2 ** Math.min(c.matchWeight, 60), 0);
      return scored.slice(0, limit).map((c) => ({
        ...c,
        matchWeight: Math.round(c.matchWeight * 1000) / 1000,
        probability: 2 ** Math.min(c.matchWeight, 60) / (none + total),
      }));
    },
  };
}

export { parseAddress, addressWords, type ParsedAddress } from './parse.ts';

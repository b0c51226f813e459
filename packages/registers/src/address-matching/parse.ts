/**
 * Reading a free-text address as line-of-business systems hold it — "Flat 2, 14 High St,
 * Casterbridge WX1 2AB", "GROUND FLOOR FLAT 14 DURBEYFIELD HILL RADIPOLE", "2/14 high street"
 * — into the parts the register keeps: postcode, flat (SAO), house number and name (PAO),
 * and the remaining words (street, locality, town). Abbreviations are expanded the way
 * gazetteers spell things out.
 */
import { normaliseValue } from '@joinery/linkage';

export interface ParsedAddress {
  postcode?: string;
  /** Flat, unit or apartment number with its suffix, e.g. "2", "3A". */
  flat?: string;
  /** Words of the SAO when it is not numbered, e.g. "GROUND FLOOR FLAT". */
  saoText?: string;
  /** House number with its suffix, e.g. "14", "14A", or a range "14-16". */
  number?: string;
  /** The words that are not numbers or the postcode, in order. */
  words: string[];
}

// Street-type and other abbreviations, as gazetteers spell them.
const EXPAND: Record<string, string> = {
  RD: 'ROAD',
  ST: 'STREET',
  AVE: 'AVENUE',
  AV: 'AVENUE',
  CL: 'CLOSE',
  LN: 'LANE',
  DR: 'DRIVE',
  CRES: 'CRESCENT',
  CRS: 'CRESCENT',
  GDNS: 'GARDENS',
  GRN: 'GREEN',
  PL: 'PLACE',
  SQ: 'SQUARE',
  CT: 'COURT',
  TER: 'TERRACE',
  TERR: 'TERRACE',
  PK: 'PARK',
  HSE: 'HOUSE',
  COTT: 'COTTAGE',
  COTTS: 'COTTAGES',
  WY: 'WAY',
  HL: 'HILL',
  MT: 'MOUNT',
  APT: 'APARTMENT',
  FLT: 'FLAT',
};

const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/;
const FLAT = /\b(?:FLAT|FLT|APARTMENT|APT|UNIT|ROOM|STUDIO)\s*(\d+[A-Z]?|[A-Z])\b/;
const FLOOR_FLAT = /\b((?:GROUND|BASEMENT|FIRST|SECOND|THIRD|TOP|LOWER|UPPER)\s+FLOOR\s+FLAT|(?:BASEMENT|TOP|GARDEN|UPPER|LOWER)\s+FLAT)\b/;
// "2/14 High Street": flat 2 at number 14.
const SLASH = /\b(\d+[A-Z]?)\s*\/\s*(\d+[A-Z]?)\b/;
// "24/Heath Lodge": flat 24 in the building named after the slash.
const SLASH_NAME = /\b(\d+[A-Z]?)\s*\/\s*(?=[A-Z])/;
const NUMBER = /^(\d+[A-Z]?)(?:-(\d+[A-Z]?))?$/;

/** Upper case, punctuation to spaces (keeping the hyphen of a number range and the slash of "2/14"). */
export function addressWords(text: string): string[] {
  return text
    .toUpperCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/(\d)\s*-\s*(\d)/g, '$1-$2')
    .replace(/[^A-Z0-9/\- ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i, all) => {
      // "ST" after a word is Street ("HIGH ST"); first, or after a number, it is Saint ("14 ST MARY'S ROAD").
      if (w === 'ST') return i > 0 && /^[A-Z]+$/.test(all[i - 1]!) ? 'STREET' : 'ST';
      return EXPAND[w] ?? w;
    });
}

/**
 * @example parseAddress('Flat 2, 14 High St, Casterbridge WX1 2AB')
 * // { postcode: 'WX1 2AB', flat: '2', number: '14', words: ['HIGH', 'STREET', 'CASTERBRIDGE'] }
 */
export function parseAddress(input: string | { lines: string[]; postcode?: string }): ParsedAddress {
  let text = typeof input === 'string' ? input : [...input.lines, input.postcode ?? ''].join(', ');
  text = ` ${text.toUpperCase()} `;
  const result: ParsedAddress = { words: [] };
  const postcode = POSTCODE.exec(text);
  if (postcode) {
    result.postcode = normaliseValue('postcode', `${postcode[1]} ${postcode[2]}`) ?? undefined;
    text = text.replace(postcode[0], ' ');
  }
  const floorFlat = FLOOR_FLAT.exec(text);
  if (floorFlat) {
    result.saoText = floorFlat[1]!.replace(/\s+/g, ' ');
    text = text.replace(floorFlat[0], ' ');
  }
  const flat = FLAT.exec(text);
  if (flat) {
    result.flat = flat[1];
    text = text.replace(flat[0], ' ');
  }
  const slash = SLASH.exec(text);
  if (slash && !result.flat) {
    result.flat = slash[1];
    result.number = slash[2];
    text = text.replace(slash[0], ' ');
  }
  const slashName = result.flat ? null : SLASH_NAME.exec(text);
  if (slashName) {
    result.flat = slashName[1];
    text = text.replace(slashName[0], ' ');
  }
  const words = addressWords(text);
  const numbers: string[] = [];
  // The house number is the number just before a street word ("14 HIGH STREET"); a number
  // standing alone elsewhere (a flat in its own column, a stray count) is not.
  let before: string | undefined;
  words.forEach((word, i) => {
    if (NUMBER.test(word)) {
      numbers.push(word);
      if (!before && i + 1 < words.length && !NUMBER.test(words[i + 1]!)) before = word;
    } else result.words.push(word);
  });
  if (!result.number) {
    const others = numbers.filter((x) => x !== before);
    if (before) {
      result.number = before;
      // "2, 14 High Street": a number before the house number, with no flat word, is the flat.
      if (!result.flat && !result.saoText && numbers.indexOf(before) > 0) result.flat = numbers[numbers.indexOf(before) - 1];
    } else if (numbers.length >= 2 && !result.flat && !result.saoText) {
      result.flat = numbers[0];
      result.number = numbers[1];
    } else if (numbers.length >= 1) result.number = others[0] ?? numbers[0];
  }
  return result;
}

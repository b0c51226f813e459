/**
 * Micro-benchmark of the comparators and normalisers, in ns per call on realistic values
 * (a benchmark, not a test).
 * Run from the repo root: npx tsx bench/linkage-comparators.ts
 *
 * Pairs are what blocking hands the comparison levels: half are the same value with one
 * typist's error (a substitution, a dropped letter or a swap), half are two different
 * values. Equal pairs are left out because the 'exact' level answers those first.
 */
import {
  arrayIntersectionSize,
  damerauLevenshtein,
  dateWithin,
  dayMonthTransposed,
  daysBetween,
  doubleMetaphone,
  initialsMatch,
  isNicknameOf,
  jaro,
  jaroWinkler,
  levenshtein,
  levenshteinWithin,
  phoneticMatch,
  postcodeLevel,
  parsePostcode,
  tokenJaccard,
  tokenSetSimilarity,
  withinOneEdit,
  normaliseName,
  normalisePhone,
  normalisePostcode,
  normaliseText,
  parseDate,
  splitFullName,
} from '@joinery/linkage';

// A small deterministic generator (mulberry32), so every run times the same values.
let seed = 20260101;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const SURNAMES = (
  'smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright walker white edwards ' +
  'hughes green hall lewis harris clarke patel jackson wood turner martin cooper hill ward morris moore clark lee king baker ' +
  'harrison morgan allen james scott phillips watson davis parker price bennett young griffiths mitchell kelly cook carter ' +
  'richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson simpson ellis adams singh begum ' +
  'wilkinson foster chapman powell webb rogers gray mason ali hunt hussain campbell matthews owen palmer holmes mills barnes ' +
  'knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey kowalski nowak okafor adeyemi ferreira'
).split(' ');
const FORENAMES = (
  'oliver george harry jack jacob noah charlie muhammad thomas oscar william james olivia amelia isla ava emily isabella mia ' +
  'poppy ella lily margaret elizabeth catherine katherine robert richard edward henry john david michael peter susan jennifer ' +
  'sarah rebecca alexander alexandra christopher christine patricia anthony stephen andrew mohammed fatima aisha priya ' +
  'rajesh sean siobhan dafydd gwen lukasz agnieszka chinedu oluwaseun'
).split(' ');
const NICKS =
  'bill will liz beth peggy maggie jim jamie jack harry ted ned sandy kate katie bob rob dick rick sue jenny mo chris tony'.split(' ');
const STREETS =
  'high street|church road|station road|main street|park road|london road|victoria road|green lane|manor road|the crescent'.split('|');
const TOWNS = 'casterbridge|budmouth|melchester|sandbourne|shaston|anglebury|weatherbury|port bredy'.split('|');

/** One typist's error: a substituted, dropped, doubled or swapped character. */
function typo(s: string): string {
  if (s.length < 2) return s + 'x';
  const i = Math.floor(random() * (s.length - 1));
  switch (Math.floor(random() * 4)) {
    case 0:
      return s.slice(0, i) + String.fromCharCode(97 + Math.floor(random() * 26)) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    case 2:
      return s.slice(0, i) + s[i] + s.slice(i);
    default:
      return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
}

const N = 4096;
function pairs(make: () => string, vary: (s: string) => string = typo): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  for (let i = 0; i < N; i++) {
    const x = make();
    a.push(x);
    b.push(random() < 0.5 ? vary(x) : make());
  }
  return [a, b];
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = () => `${1930 + Math.floor(random() * 90)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
const postcode = () =>
  `${pick(['WX', 'CB', 'B', 'BS', 'EC'])}${1 + Math.floor(random() * 20)} ${Math.floor(random() * 10)}${pick([...'ABDEFGHJLNPQRSTUWXYZ'])}${pick([...'ABDEFGHJLNPQRSTUWXYZ'])}`;
const address = () => `${1 + Math.floor(random() * 200)} ${pick(STREETS)} ${pick(TOWNS)}`;
/** A valid date a clerk might have written instead: day and month swapped, year digits swapped, or another day. */
function dateSlip(d: string): string {
  const choice = Math.floor(random() * 3);
  if (choice === 0 && Number(d.slice(8)) <= 12) return `${d.slice(0, 5)}${d.slice(8)}-${d.slice(5, 7)}`;
  if (choice === 1) return `${d.slice(0, 2)}${d[3]}${d[2]}${d.slice(4)}`;
  return `${d.slice(0, 8)}${pad(1 + Math.floor(random() * 28))}`;
}
const sameSector = (p: string) => `${p.slice(0, -2)}${pick([...'ABDEFG'])}${pick([...'ABDEFG'])}`;
const reorder = (s: string) => s.split(' ').reverse().join(' ');

const surnames = pairs(() => pick(SURNAMES));
const forenames = pairs(
  () => pick(FORENAMES),
  (s) => (random() < 0.5 ? typo(s) : pick(NICKS)),
);
const initials = pairs(
  () => `${pick(FORENAMES)} ${pick(FORENAMES)}`,
  (s) => `${s[0]} ${s.split(' ')[1]![0]}`,
);
const dates = pairs(isoDate, dateSlip);
const postcodes = pairs(postcode, sameSector);
const addresses = pairs(address, (s) => (random() < 0.5 ? reorder(s) : `flat ${1 + Math.floor(random() * 9)} ${s}`));
const arrays: [string[][], string[][]] = [addresses[0].map((s) => s.split(' ')), addresses[1].map((s) => s.split(' '))];

let sink = 0;

type Loop<T> = (f: (x: T, y: T) => unknown, a: T[], b: T[], n: number, rounds: number) => number;

/**
 * Each benchmark gets its own freshly compiled loop (the name in a comment defeats V8's
 * compilation cache), so its call site sees one function only, as each compiled comparison
 * level does in the pipeline; a shared loop would go megamorphic and time the dispatch.
 */
function bench<T>(name: string, [a, b]: [T[], T[]], f: (x: T, y: T) => unknown): void {
  const loop = new Function(
    'f',
    'a',
    'b',
    'n',
    'rounds',
    `// ${name}
    let s = 0;
    for (let r = 0; r < rounds; r++)
      for (let i = 0; i < n; i++) {
        const v = f(a[i], b[i]);
        s += typeof v === 'number' ? v : v ? 1 : 0;
      }
    return s;`,
  ) as Loop<T>;
  sink += loop(f, a, b, N, 20); // warm up: let the JIT settle on this call site
  let rounds = 10;
  let elapsed: number;
  for (;;) {
    const start = process.hrtime.bigint();
    sink += loop(f, a, b, N, rounds);
    elapsed = Number(process.hrtime.bigint() - start);
    if (elapsed > 200e6) break;
    rounds *= 2;
  }
  const ns = elapsed / (rounds * N);
  console.log(`${name.padEnd(34)} ${ns.toFixed(1).padStart(8)} ns/op ${(1e3 / ns).toFixed(1).padStart(8)} M ops/s`);
}

console.log(`comparators, ${N} pairs each (half one typo apart, half different values)`);
bench('jaro (surname)', surnames, jaro);
bench('jaroWinkler (surname)', surnames, (x, y) => jaroWinkler(x, y));
bench('jaroWinkler (address)', addresses, (x, y) => jaroWinkler(x, y));
bench('levenshtein (surname)', surnames, levenshtein);
bench('levenshtein (address)', addresses, levenshtein);
bench('damerauLevenshtein (surname)', surnames, damerauLevenshtein);
bench('damerauLevenshtein (address)', addresses, damerauLevenshtein);
bench('levenshteinWithin 2 (surname)', surnames, (x, y) => levenshteinWithin(x, y, 2));
bench('withinOneEdit (date)', dates, withinOneEdit);
bench('tokenJaccard (address)', addresses, tokenJaccard);
bench('tokenSetSimilarity (address)', addresses, tokenSetSimilarity);
bench('arrayIntersectionSize (address)', arrays, arrayIntersectionSize);
bench('doubleMetaphone (surname)', surnames, (x) => doubleMetaphone(x)[0].length);
bench('phoneticMatch (surname)', surnames, phoneticMatch);
bench('isNicknameOf (forename)', forenames, isNicknameOf);
bench('initialsMatch (forenames)', initials, initialsMatch);
bench('daysBetween', dates, daysBetween);
bench('dateWithin 1 year', dates, (x, y) => dateWithin(x, y, 1, 'year'));
bench('dayMonthTransposed', dates, dayMonthTransposed);
bench('postcodeLevel', postcodes, postcodeLevel);

console.log('\nnormalisers, per value');
const raw = (list: string[]) => [list, list] as [string[], string[]];
const dmy = dates[0].map((d, i) =>
  i % 3 === 0 ? `${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : i % 3 === 1 ? d : `${d.slice(8)} Mar ${d.slice(0, 4)}`,
);
bench('parseDate (mixed formats)', raw(dmy), (x) => parseDate(x));
bench('parsePostcode', raw(postcodes[0].map((p) => p.toLowerCase().replace(' ', ''))), (x) => parsePostcode(x));
bench('normalisePostcode', raw(postcodes[0]), (x) => normalisePostcode(x));
bench('normaliseText (address)', raw(addresses[0].map((s) => `${s.toUpperCase()},  `)), (x) => normaliseText(x).length);
bench(
  'normaliseName',
  raw(surnames[0].map((s, i) => `Mr ${FORENAMES[i % FORENAMES.length]} ${s.toUpperCase()}`)),
  (x) => normaliseName(x).length,
);
bench(
  'splitFullName',
  raw(surnames[0].map((s, i) => `${s.toUpperCase()}, ${FORENAMES[i % FORENAMES.length]} A`)),
  (x) => splitFullName(x).surname.length,
);
bench('normalisePhone', raw(surnames[0].map((_, i) => `+44 (0)1632 960 ${String(i % 1000).padStart(3, '0')}`)), (x) => normalisePhone(x));

if (sink === 0.5) console.log(sink); // keep the results alive

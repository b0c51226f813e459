/**
 * Who a supplier is. Councils name the same company differently ("Mellstock Systems Ltd",
 * "MELLSTOCK SYSTEMS LIMITED", "Mellstock Systems"), and not every row carries a number, so a
 * supplier is identified by, in order:
 *
 * 1. its Companies House number (`coh-09104417`), when any of its rows gives one;
 * 2. else its registered charity number (`chc-1123456`, Scottish `chc-SC012345`);
 * 3. else its normalised name (`name-mellstock-systems`): lower case, "&" as "and", punctuation
 *    as spaces, a leading "the" and trailing legal forms (ltd, limited, plc, llp, cic, co,
 *    company, uk…) dropped.
 *
 * A row with only a name joins a numbered supplier when its normalised name is one of that
 * supplier's names and no other numbered supplier has it (two companies of one name stay apart,
 * and the name-only row keeps its own name key). The key is the supplier's id in the API and in
 * the URLs; assessments and resolution plans are kept against it. Shared with the contract map
 * (suppliers common to several councils): call `groupSuppliers`.
 */

export interface SupplierMention {
  name: string;
  companyNumber?: string | null;
  charityNumber?: string | null;
}

// Legal forms dropped from the end of a name, repeatedly ("Wessex Holdings UK Ltd" → "wessex holdings").
const LEGAL_FORMS = new Set([
  'ltd',
  'limited',
  'plc',
  'llp',
  'lp',
  'cic',
  'cio',
  'co',
  'company',
  'uk',
  'group',
  'inc',
  'incorporated',
  'llc',
]);

/** @example normaliseSupplierName('The Mellstock Systems Ltd.') // 'mellstock systems' */
export function normaliseSupplierName(name: string): string {
  const words = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents: "Café" is "cafe"
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/**
 * The key of one mention on its own (rule 1, 2 or 3 above).
 * @example supplierKeyOf({ name: 'Mellstock Systems Ltd', companyNumber: '99104417' }) // 'coh-99104417'
 */
export function supplierKeyOf(mention: SupplierMention): string {
  const company = mention.companyNumber?.trim().toUpperCase();
  if (company) return `coh-${company}`;
  const charity = mention.charityNumber?.trim().toUpperCase().replace(/\s+/g, '');
  if (charity) return `chc-${charity}`;
  return `name-${normaliseSupplierName(mention.name).replace(/ /g, '-') || 'unnamed'}`;
}

/**
 * Groups mentions into suppliers: the key each mention belongs to (same order as given), after
 * name-only mentions have joined the numbered supplier of their name where that is unambiguous.
 * @example groupSuppliers([{ name: 'Mellstock Systems Ltd', companyNumber: '99104417' }, { name: 'MELLSTOCK SYSTEMS LIMITED' }]) // ['coh-99104417', 'coh-99104417']
 */
export function groupSuppliers(mentions: readonly SupplierMention[]): string[] {
  const own = mentions.map(supplierKeyOf);
  const numberedByName = new Map<string, Set<string>>();
  mentions.forEach((m, i) => {
    const key = own[i]!;
    if (key.startsWith('name-')) return;
    const name = normaliseSupplierName(m.name);
    if (!name) return;
    const keys = numberedByName.get(name) ?? new Set<string>();
    keys.add(key);
    numberedByName.set(name, keys);
  });
  return mentions.map((m, i) => {
    const key = own[i]!;
    if (!key.startsWith('name-')) return key;
    const numbered = numberedByName.get(normaliseSupplierName(m.name));
    return numbered && numbered.size === 1 ? [...numbered][0]! : key;
  });
}

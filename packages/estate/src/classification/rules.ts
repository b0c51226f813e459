/**
 * The classifier's rules: what an application does, on the LGA Function list (and, where one
 * fits, an LGSL service), from its capability in the council's own words, else its name and
 * product. Explainable by design: every result says which words matched what.
 *
 * 1. The capability's words are the words of a function's or service's label: that one (1.0 for
 *    a function, 0.95 for a service).
 * 2. A phrase of our curated synonym table (SYNONYMS) is in the text: its function (0.9 when the
 *    phrase is the whole capability, else 0.8).
 * 3. Otherwise word overlap (Dice: 2·shared / (words of one + words of the other)) against every
 *    function's and service's label; the best above 0.4 wins, services weighed at 0.9, name and
 *    product at 0.7 of the capability.
 * Words are lower-cased, singular (-ies → -y, -s dropped) and the filler words of application
 * names (system, management, software, services…) are ignored.
 */

export interface FunctionEntry {
  id: number;
  label: string;
  parentLabel: string | null;
  /** LGSL services the function contains (the function → service mapping). */
  services: { id: number; label: string }[];
}

export interface ApplicationText {
  capability: string | null;
  name: string;
  product: string | null;
}

export interface RuleResult {
  functionId: number;
  functionLabel: string;
  serviceId: number | null;
  serviceLabel: string | null;
  confidence: number;
  reason: string;
}

/** One entry of our synonym table: a phrase councils use → a function (and service) label on the LGA lists. */
export interface Synonym {
  phrase: string;
  functionLabel: string;
  serviceLabel?: string;
}

/**
 * Our own table (not the LGA's): the everyday names of council systems whose words are not
 * those of the Function list. Labels are resolved against the imported list; a label it does not
 * have is skipped.
 */
export const SYNONYMS: readonly Synonym[] = [
  { phrase: 'revenues and benefits', functionLabel: 'Benefits' },
  { phrase: 'council tax', functionLabel: 'Taxation' },
  { phrase: 'nndr', functionLabel: 'Business rates' },
  { phrase: 'planning', functionLabel: 'Development control' },
  { phrase: 'licensing', functionLabel: 'Licences, permits and permissions' },
  { phrase: 'electoral', functionLabel: 'Democracy', serviceLabel: 'Electoral register' },
  { phrase: 'elections', functionLabel: 'Democracy', serviceLabel: 'Electoral register' },
  { phrase: 'committee', functionLabel: 'Democracy', serviceLabel: 'Members - minutes, agendas and reports' },
  { phrase: 'leisure bookings', functionLabel: 'Sports and sporting venues' },
  { phrase: 'adult social care', functionLabel: 'Adult services' },
  { phrase: 'children social care', functionLabel: 'Children and family care' },
  { phrase: 'school admissions', functionLabel: 'Schools', serviceLabel: 'School admission appeals' },
  { phrase: 'public health', functionLabel: 'Health and medical advice' },
  { phrase: 'finance', functionLabel: 'Municipal operation', serviceLabel: 'Finance - financial management' },
  { phrase: 'payroll', functionLabel: 'Municipal operation', serviceLabel: 'Staff - payroll' },
  { phrase: 'human resources', functionLabel: 'Municipal operation', serviceLabel: 'Staff - payroll' },
  { phrase: 'procurement', functionLabel: 'Tenders and contracts' },
  {
    phrase: 'document management',
    functionLabel: 'Data protection and freedom of information',
    serviceLabel: 'Corporate - records management',
  },
  {
    phrase: 'records management',
    functionLabel: 'Data protection and freedom of information',
    serviceLabel: 'Corporate - records management',
  },
  { phrase: 'complaints', functionLabel: 'Complaints and compliments', serviceLabel: 'Complaints procedure' },
  { phrase: 'foi', functionLabel: 'Data protection and freedom of information', serviceLabel: 'Freedom of Information' },
  { phrase: 'website', functionLabel: 'Municipal operation', serviceLabel: 'ICT - Web site' },
  { phrase: 'service desk', functionLabel: 'Municipal operation', serviceLabel: 'ICT - help desk' },
  { phrase: 'identity and access', functionLabel: 'Municipal operation', serviceLabel: 'ICT - security' },
  { phrase: 'backup', functionLabel: 'Municipal operation', serviceLabel: 'ICT - business continuity' },
  { phrase: 'hosting', functionLabel: 'Municipal operation', serviceLabel: 'ICT - hardware' },
  { phrase: 'email and office', functionLabel: 'Municipal operation', serviceLabel: 'ICT - software' },
  { phrase: 'network', functionLabel: 'Municipal operation', serviceLabel: 'ICT - networks' },
  { phrase: 'mobile working', functionLabel: 'Municipal operation', serviceLabel: 'ICT - hardware' },
  { phrase: 'telephony', functionLabel: 'Municipal operation', serviceLabel: 'Staff - telephone charges' },
  { phrase: 'contact centre', functionLabel: 'Municipal operation', serviceLabel: 'Corporate - service management' },
  { phrase: 'crm', functionLabel: 'Municipal operation', serviceLabel: 'Corporate - service management' },
  { phrase: 'gis', functionLabel: 'Municipal operation', serviceLabel: 'ICT - data management' },
  { phrase: 'intranet', functionLabel: 'Communications and publicity', serviceLabel: 'Corporate - communications' },
  { phrase: 'printing', functionLabel: 'Communications and publicity', serviceLabel: 'Facilities - printing and copying' },
  { phrase: 'fleet', functionLabel: 'Municipal operation', serviceLabel: 'Facilities -fleet ownership and maintenance' },
  { phrase: 'payments', functionLabel: 'Municipal operation', serviceLabel: 'Finance - accounting' },
  { phrase: 'business intelligence', functionLabel: 'Policy and performance', serviceLabel: 'Performance measurement and reporting' },
];

const FILLER = new Set(
  'a an and or of the for to in on with by at is it its system systems management software service services council corporate online platform portal tool tools app application applications suite module solution working centre local tracker excel database access web form spreadsheet sharepoint list house log'.split(
    ' ',
  ),
);

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The words a rule compares: lower case, singular, filler dropped. @example words('Revenues and Benefits system') // ['revenue', 'benefit'] */
export function words(text: string | null | undefined): string[] {
  if (!text) return [];
  const out = text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !FILLER.has(w))
    .map(singular);
  return [...new Set(out)];
}

/** 2·shared / (|a| + |b|): 1 when the words are the same, 0 when none are shared. */
export function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(b);
  const shared = a.filter((w) => set.has(w)).length;
  return (2 * shared) / (a.length + b.length);
}

const same = (a: string[], b: string[]) => a.length > 0 && a.length === b.length && a.every((w) => b.includes(w));
const containsAll = (text: string[], phrase: string[]) => phrase.length > 0 && phrase.every((w) => text.includes(w));
const round = (n: number) => Math.round(n * 100) / 100;

export const THRESHOLD = 0.4;

/**
 * Classifies one application; undefined when no rule reaches the threshold.
 * @example classify({ capability: 'Revenues and benefits', name: 'Tithe', product: null }, functions)?.functionLabel // 'Benefits'
 */
export function classify(
  app: ApplicationText,
  functions: readonly FunctionEntry[],
  synonyms: readonly Synonym[] = SYNONYMS,
): RuleResult | undefined {
  const byLabel = new Map(functions.map((f) => [f.label.toLowerCase(), f]));
  const texts: { source: string; text: string; tokens: string[]; weight: number }[] = [];
  if (words(app.capability).length > 0)
    texts.push({ source: 'capability', text: app.capability!, tokens: words(app.capability), weight: 1 });
  const nameText = [app.name, app.product].filter(Boolean).join(' ');
  if (words(nameText).length > 0) texts.push({ source: 'name and product', text: nameText, tokens: words(nameText), weight: 0.7 });

  for (const { source, text, tokens, weight } of texts) {
    // 1. The words are a label's words.
    for (const f of functions)
      if (same(tokens, words(f.label))) return result(f, null, weight * 1, `The ${source} "${text}" is the function's name, ${f.label}`);
    for (const f of functions)
      for (const s of f.services)
        if (same(tokens, words(s.label)))
          return result(
            f,
            s,
            weight * 0.95,
            `The ${source} "${text}" is the LGSL service ${s.label} (${s.id}), of the function ${f.label}`,
          );
    // 2. Our synonyms.
    for (const syn of synonyms) {
      const phrase = words(syn.phrase);
      if (!containsAll(tokens, phrase)) continue;
      const f = byLabel.get(syn.functionLabel.toLowerCase());
      if (!f) continue;
      const s = syn.serviceLabel ? (f.services.find((x) => x.label.toLowerCase() === syn.serviceLabel!.toLowerCase()) ?? null) : null;
      const whole = same(tokens, phrase);
      return result(
        f,
        s,
        weight * (whole ? 0.9 : 0.8),
        `The ${source} "${text}" ${whole ? 'is' : 'contains'} "${syn.phrase}", which our synonym table gives as ${f.label}${s ? ` (${s.label})` : ''}`,
      );
    }
  }
  // 3. Word overlap, best of every label.
  let best: { f: FunctionEntry; s: { id: number; label: string } | null; score: number; reason: string } | undefined;
  for (const { source, text, tokens, weight } of texts) {
    for (const f of functions) {
      const fw = words(f.label);
      const score = dice(tokens, fw) * weight;
      if (score > (best?.score ?? 0))
        best = { f, s: null, score, reason: `The ${source} "${text}" shares ${shared(tokens, fw)} with the function ${f.label}` };
      for (const s of f.services) {
        const sw = words(s.label);
        const sScore = dice(tokens, sw) * weight * 0.9;
        if (sScore > (best?.score ?? 0))
          best = {
            f,
            s,
            score: sScore,
            reason: `The ${source} "${text}" shares ${shared(tokens, sw)} with the LGSL service ${s.label} (${s.id}), of the function ${f.label}`,
          };
      }
    }
  }
  if (!best || best.score < THRESHOLD) return undefined;
  return result(best.f, best.s, best.score, best.reason);
}

function shared(a: string[], b: string[]): string {
  const list = a.filter((w) => b.includes(w));
  return list.length === 1 ? `the word "${list[0]}"` : `the words ${list.map((w) => `"${w}"`).join(', ')}`;
}

function result(f: FunctionEntry, s: { id: number; label: string } | null, confidence: number, reason: string): RuleResult {
  return {
    functionId: f.id,
    functionLabel: f.label,
    serviceId: s?.id ?? null,
    serviceLabel: s?.label ?? null,
    confidence: round(confidence),
    reason,
  };
}

/** Why an application was not classified, in words. */
export function unclassifiedReason(app: ApplicationText): string {
  if (words(app.capability).length === 0 && words([app.name, app.product].filter(Boolean).join(' ')).length === 0)
    return 'It has no capability, name or product words to match';
  return `No function or service label shares enough words with "${app.capability ?? app.name}", and no synonym fits`;
}

/**
 * The lawful basis of an access right as the "Ask for access" form asks for it: one of the six
 * bases of UK GDPR Article 6(1) as radios, the law or power it rests on, and — for special
 * category data — the Article 9 condition, written as one line the authority keeps:
 * "UK GDPR Art. 6(1)(e) public task (Housing Act 1996 Part 7); Art. 9(2)(h) health and social care".
 * The authority checks only that a basis is given; which one is right is the provider's call.
 */

/** UK GDPR Art. 6(1)(a)–(f), with what each means in a sentence (ICO guidance on lawful basis). */
export const ARTICLE_6_BASES = [
  { value: 'a', text: 'consent', hint: 'The person has given clear consent for this purpose.' },
  { value: 'b', text: 'contract', hint: 'Needed for a contract with the person, or steps they asked for before one.' },
  { value: 'c', text: 'legal obligation', hint: 'Needed to comply with the law (not a contract), e.g. a statutory duty to refer.' },
  { value: 'd', text: 'vital interests', hint: 'Needed to protect someone’s life.' },
  { value: 'e', text: 'public task', hint: 'Needed for a task in the public interest or an official function with a clear basis in law.' },
  {
    value: 'f',
    text: 'legitimate interests',
    hint: 'Not available to public authorities for their tasks (Art. 6(1), last paragraph).',
  },
] as const;

export interface LawfulBasisFields {
  art6?: string;
  lawDetail?: string;
  art9?: string;
}

const labelOf = (value: string) => ARTICLE_6_BASES.find((b) => b.value === value);

/** The one line kept with the access right; empty when nothing was given (the authority then asks for it). */
export function composeLawfulBasis({ art6, lawDetail, art9 }: LawfulBasisFields): string {
  const basis = art6 ? labelOf(art6) : undefined;
  const detail = lawDetail?.trim() ?? '';
  const head = basis ? `UK GDPR Art. 6(1)(${basis.value}) ${basis.text}${detail ? ` (${detail})` : ''}` : detail;
  return [head, art9?.trim() ?? ''].filter(Boolean).join('; ');
}

/** The form's fields for a line written by composeLawfulBasis; any other wording goes whole into the detail. */
export function splitLawfulBasis(line: string): LawfulBasisFields {
  const match = /^UK GDPR Art\. 6\(1\)\(([a-f])\) ([a-z ]+?)(?: \(([^;]*)\))?(?:; (.*))?$/.exec(line);
  const basis = match ? labelOf(match[1]!) : undefined;
  if (!match || !basis || basis.text !== match[2]) return { art6: '', lawDetail: line, art9: '' };
  return { art6: basis.value, lawDetail: match[3] ?? '', art9: match[4] ?? '' };
}

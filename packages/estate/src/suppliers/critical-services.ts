/**
 * The services a council must keep running on vesting day and after: "day one safe and legal"
 * (the Connected Devolution report, chapter 5: payroll, email, customer access, statutory
 * services). A contract is critical when its title or description, or the capability or name of an application
 * bought under it, matches one of these; a user may also mark a contract critical, or not
 * critical, on its exit plan, which overrides the list. The one list: edit it here.
 */

export interface CriticalService {
  /** What the service is, as pages show it. */
  service: string;
  /** Patterns tried against a contract title or an application's capability or name (case-insensitive). */
  patterns: readonly RegExp[];
}

// prettier-ignore
export const CRITICAL_SERVICES: readonly CriticalService[] = [
  { service: 'Payroll', patterns: [/\bpayroll\b/i, /\bhr and payroll\b/i] },
  { service: 'Email and office productivity', patterns: [/\be-?mail\b/i, /\boffice productivity\b/i] },
  { service: 'Revenues and benefits', patterns: [/\brevenues?\b/i, /\bbenefits\b/i, /\bcouncil tax\b/i, /\bbusiness rates\b/i, /\bnndr\b/i] },
  { service: 'Social care case management', patterns: [/\bsocial care\b/i, /\bsocial work\b/i, /\bsafeguarding\b/i] },
  { service: 'Customer contact', patterns: [/\bcustomer (contact|services?|access)\b/i, /\bcontact cent(re|er)\b/i, /\btelephony\b/i, /\bcrm\b/i] },
  { service: 'Housing', patterns: [/\bhousing\b/i, /\bhomelessness\b/i] },
  { service: 'Waste collection', patterns: [/\bwaste\b/i, /\brefuse\b/i, /\brecycling\b/i, /\bbin collection/i] },
  { service: 'Elections', patterns: [/\belect(ions|oral)\b/i, /\bvoter\b/i] },
  { service: 'Payments and finance', patterns: [/\bpayments?\b/i, /\bfinanc(e|ial) (system|management)\b/i, /^finance$/i] },
  { service: 'Identity, network and security', patterns: [/\bidentity and access\b/i, /\bnetwork and security\b/i] },
  { service: 'Backup and recovery', patterns: [/\bbackup\b/i, /\bdisaster recovery\b/i] },
];

/**
 * The critical service any of the texts names, or null.
 * @example criticalServiceOf(['Council tax and business rates system']) // 'Revenues and benefits'
 */
export function criticalServiceOf(texts: readonly (string | null | undefined)[]): string | null {
  for (const s of CRITICAL_SERVICES) if (texts.some((t) => t && s.patterns.some((p) => p.test(t)))) return s.service;
  return null;
}

/**
 * Day one must be safe and legal: staff paid, email working, residents able to reach the
 * council and pay it, and statutory services running (Connected Devolution, ch. 5: "stabilise").
 * The curated list of capability keywords the plan protects; a capability is day-one-critical
 * when its key contains any of them. Edit this list, nowhere else.
 */
export const DAY_ONE_CRITICAL_KEYWORDS: readonly { keyword: string; why: string }[] = [
  { keyword: 'payroll', why: 'staff must be paid' },
  { keyword: 'email', why: 'staff must be able to communicate' },
  { keyword: 'identity and access', why: 'staff must be able to sign in' },
  { keyword: 'website', why: 'customer access' },
  { keyword: 'crm', why: 'customer access' },
  { keyword: 'contact centre', why: 'customer access' },
  { keyword: 'telephony', why: 'customer access' },
  { keyword: 'payments', why: 'residents must be able to pay' },
  { keyword: 'finance', why: 'the council must be able to pay and account (statutory)' },
  { keyword: 'revenues and benefits', why: 'council tax and benefits (statutory)' },
  { keyword: 'council tax', why: 'statutory' },
  { keyword: 'electoral', why: 'electoral registration (statutory)' },
  { keyword: 'social care', why: 'safeguarding (statutory)' },
  { keyword: 'safeguarding', why: 'statutory' },
  { keyword: 'homeless', why: 'homelessness duty (statutory)' },
  { keyword: 'housing', why: 'housing and homelessness duties (statutory)' },
  { keyword: 'waste', why: 'waste collection (statutory)' },
];

/** Why a capability is day-one-critical, or null when it is not. @example dayOneCritical('hr and payroll') // 'staff must be paid' */
export function dayOneCritical(capabilityKey: string | null): string | null {
  if (!capabilityKey) return null;
  return DAY_ONE_CRITICAL_KEYWORDS.find((k) => capabilityKey.includes(k.keyword))?.why ?? null;
}

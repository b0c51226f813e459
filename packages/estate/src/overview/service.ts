/**
 * The estate at a glance, for a reorganisation: how long until vesting day, and for each
 * predecessor (and the successor) how much of its estate has been imported. The programme
 * lead's starting page: what is still missing before the picture can be trusted.
 */
import { listOrganisations, type Database } from '@joinery/core';
import { estateError } from '../errors.ts';
import { findReorganisation, listReorganisations, type Reorganisation } from '../reorganisations/service.ts';
import { estateDb } from '../store.ts';
import { countCurrentEstate, type ImportedCounts } from './store.ts';

export interface EstateOverview {
  reorganisation: Reorganisation;
  successorName: string;
  /** Whole days from today to vesting day (negative once it has passed). */
  daysToVesting: number;
  councils: (ImportedCounts & { name: string; role: 'predecessor' | 'successor' })[];
  totals: { contracts: number; applications: number; integrations: number };
  /** Predecessors with no contracts, applications or integrations imported yet. */
  missing: { organisationCode: string; name: string; kinds: ('contracts' | 'applications' | 'integrations')[] }[];
}

const DAY_MS = 86_400_000;

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * @example const overview = await estateOverview(database, 'wessex-lgr', '2026-12-01'); overview.daysToVesting // 487
 */
export async function estateOverview(database: Database, reorganisationCode: string, today: string): Promise<EstateOverview> {
  const reorganisation = await findReorganisation(database, reorganisationCode);
  if (!reorganisation)
    throw estateError('ESTATE_REORGANISATION_UNKNOWN', `There is no reorganisation with the code "${reorganisationCode.slice(0, 64)}"`);
  const names = new Map((await listOrganisations(database)).map((o) => [o.code, o.name]));
  const codes = [...reorganisation.predecessorCodes, reorganisation.successorCode];
  const counts = await countCurrentEstate(estateDb(database.db), codes);
  const councils = counts.map((c) => ({
    ...c,
    name: names.get(c.organisationCode) ?? c.organisationCode,
    role: c.organisationCode === reorganisation.successorCode ? ('successor' as const) : ('predecessor' as const),
  }));
  const sum = (key: 'contracts' | 'applications' | 'integrations') => councils.reduce((n, c) => n + c[key], 0);
  const kinds = ['contracts', 'applications', 'integrations'] as const;
  return {
    reorganisation,
    successorName: names.get(reorganisation.successorCode) ?? reorganisation.successorCode,
    daysToVesting: daysBetween(today, reorganisation.vestingDay),
    councils,
    totals: { contracts: sum('contracts'), applications: sum('applications'), integrations: sum('integrations') },
    missing: councils
      .filter((c) => c.role === 'predecessor')
      .map((c) => ({ organisationCode: c.organisationCode, name: c.name, kinds: kinds.filter((k) => c[k] === 0) }))
      .filter((m) => m.kinds.length > 0),
  };
}

/**
 * Which reorganisation a page means: the one asked for, else the one the user's organisation
 * takes part in, else the first recorded.
 */
export async function chooseReorganisation(database: Database, asked: string | undefined, organisationCodes: readonly string[]) {
  const all = await listReorganisations(database);
  if (asked) return all.find((r) => r.code === asked)?.code ?? asked;
  const own = all.find((r) => organisationCodes.some((code) => code === r.successorCode || r.predecessorCodes.includes(code)));
  return (own ?? all[0])?.code;
}

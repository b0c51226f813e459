/** SQL for the estate overview: how much of each council's estate has been imported, and when. */
import { sql } from 'kysely';
import type { EstateDb } from '../store.ts';

export interface ImportedCounts {
  organisationCode: string;
  contracts: number;
  applications: number;
  integrations: number;
  /** When the latest import of any kind was made, ISO 8601; null when nothing is imported. */
  lastImportedAt: string | null;
}

/** Current rows (those of each kind's latest import) per organisation. */
export async function countCurrentEstate(db: EstateDb, organisationCodes: readonly string[]): Promise<ImportedCounts[]> {
  if (organisationCodes.length === 0) return [];
  const contracts = await db
    .selectFrom('estate_contract_imports as i')
    .select(['i.organisation_code', 'i.imported_count', 'i.imported_at'])
    .where('i.organisation_code', 'in', organisationCodes)
    .where('i.id', '=', (eb) =>
      eb
        .selectFrom('estate_contract_imports as l')
        .select(sql<number>`max(l.id)`.as('id'))
        .whereRef('l.organisation_code', '=', 'i.organisation_code'),
    )
    .execute();
  const inventory = await db
    .selectFrom('estate_inventory_imports as i')
    .select(['i.organisation_code', 'i.kind', 'i.imported_count', 'i.imported_at'])
    .where('i.organisation_code', 'in', organisationCodes)
    .where('i.id', '=', (eb) =>
      eb
        .selectFrom('estate_inventory_imports as l')
        .select(sql<number>`max(l.id)`.as('id'))
        .whereRef('l.organisation_code', '=', 'i.organisation_code')
        .whereRef('l.kind', '=', 'i.kind'),
    )
    .execute();
  return organisationCodes.map((code) => {
    const c = contracts.find((r) => r.organisation_code === code);
    const a = inventory.find((r) => r.organisation_code === code && r.kind === 'applications');
    const g = inventory.find((r) => r.organisation_code === code && r.kind === 'integrations');
    const dates = [c, a, g].filter((r) => r !== undefined).map((r) => new Date(r.imported_at).toISOString());
    return {
      organisationCode: code,
      contracts: c?.imported_count ?? 0,
      applications: a?.imported_count ?? 0,
      integrations: g?.imported_count ?? 0,
      lastImportedAt: dates.sort().at(-1) ?? null,
    };
  });
}

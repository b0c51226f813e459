/**
 * Supplier health for consolidation scores, from the supplier register (suppliers/): green 1,
 * amber 0.5, red 0, not assessed unknown (neutral). An application finds its supplier by the
 * register's identity rule, else by any name the register knows the supplier by.
 */
import type { Database } from '@joinery/core';
import { normaliseSupplierName, supplierKeyOf } from '../suppliers/identity.ts';
import { listSuppliers } from '../suppliers/service.ts';
import type { SupplierHealthLookup } from './scoring.ts';

const SCORES = { green: 1, amber: 0.5, red: 0, unknown: null } as const;

/** @example const lookup = await supplierHealthFromRegister(database, 'wessex-lgr'); lookup(application) // 1 */
export async function supplierHealthFromRegister(database: Database, reorganisationCode: string): Promise<SupplierHealthLookup> {
  const { suppliers } = await listSuppliers(database, { reorganisation: reorganisationCode });
  const byId = new Map(suppliers.map((s) => [s.id, SCORES[s.health]]));
  const byName = new Map<string, number | null>();
  for (const s of suppliers) for (const name of s.names) byName.set(normaliseSupplierName(name), SCORES[s.health]);
  return (application) => {
    if (!application.supplierName) return null;
    const key = supplierKeyOf({ name: application.supplierName, companyNumber: application.supplierCompanyNumber });
    return byId.get(key) ?? byName.get(normaliseSupplierName(application.supplierName)) ?? null;
  };
}

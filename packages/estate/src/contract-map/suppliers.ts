/**
 * Suppliers common to several councils: the leverage a successor has when it negotiates or
 * novates. Suppliers are told apart by the supplier register's rule (suppliers/identity.ts:
 * Companies House number, else charity number, else normalised name; a name seen with exactly
 * one number takes it), so each key is the supplier's id on /estate/suppliers.
 */
import { groupSuppliers } from '../suppliers/identity.ts';
import type { CommonSupplier } from './model.ts';

export interface SupplierContract {
  organisationCode: string;
  supplierName: string;
  supplierCompanyNumber: string | null;
  value: number | null;
  endDate: string | null;
}

/**
 * Suppliers with contracts at `minimumCouncils` or more councils, most councils first, then by value.
 * @example commonSuppliers(rows)[0] // { key: 'coh-02165763', councils: ['budmouth', 'casterbridge'], … }
 */
export function commonSuppliers(rows: readonly SupplierContract[], minimumCouncils = 2): CommonSupplier[] {
  // One identity rule for the whole estate (suppliers/identity.ts): the key is the supplier's id on the supplier register.
  const keys = groupSuppliers(rows.map((r) => ({ name: r.supplierName, companyNumber: r.supplierCompanyNumber })));
  const groups = new Map<string, { number: string | null; names: Map<string, number>; rows: SupplierContract[] }>();
  rows.forEach((r, i) => {
    const key = keys[i]!;
    const number = key.startsWith('coh-') ? key.slice(4) : null;
    const group = groups.get(key) ?? { number, names: new Map<string, number>(), rows: [] as SupplierContract[] };
    group.names.set(r.supplierName, (group.names.get(r.supplierName) ?? 0) + 1);
    group.rows.push(r);
    groups.set(key, group);
  });
  const result: CommonSupplier[] = [];
  for (const [key, g] of groups) {
    const councils = [...new Set(g.rows.map((r) => r.organisationCode))].sort();
    if (councils.length < minimumCouncils) continue;
    const names = [...g.names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const ends = g.rows.map((r) => r.endDate).filter((d): d is string => d !== null);
    result.push({
      key,
      name: names[0]![0],
      companyNumber: g.number,
      names: names.map(([n]) => n),
      councils,
      contracts: g.rows.length,
      totalValue: g.rows.reduce((sum, r) => sum + (r.value ?? 0), 0),
      earliestEnd: ends.length ? ends.sort()[0]! : null,
    });
  }
  return result.sort((a, b) => b.councils.length - a.councils.length || b.totalValue - a.totalValue || a.name.localeCompare(b.name));
}

/**
 * Suppliers common to several councils: the leverage a successor has when it negotiates or
 * novates. The same supplier is found by its Companies House number; without one, by its name
 * normalised (case, punctuation, "&"/"and", and company-type words such as Ltd, Limited, plc and
 * LLP, CIC dropped); and a name seen elsewhere with a number takes that number.
 */
import type { CommonSupplier } from './model.ts';

const COMPANY_WORDS = /\b(the|ltd|limited|plc|llp|lp|inc|incorporated|cic|cio)\b/g;

/** @example normaliseSupplierName('The Mellstock Software Ltd.') // 'mellstock software' */
export function normaliseSupplierName(name: string): string {
  const words = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(COMPANY_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words || name.toLowerCase().trim();
}

/** @example supplierKeyOf('Mellstock Software Ltd', '02165763') // 'coh:02165763' */
export function supplierKeyOf(name: string, companyNumber: string | null): string {
  return companyNumber ? `coh:${companyNumber}` : `name:${normaliseSupplierName(name)}`;
}

export interface SupplierContract {
  organisationCode: string;
  supplierName: string;
  supplierCompanyNumber: string | null;
  value: number | null;
  endDate: string | null;
}

/**
 * Suppliers with contracts at `minimumCouncils` or more councils, most councils first, then by value.
 * @example commonSuppliers(rows)[0] // { key: 'coh:02165763', councils: ['budmouth', 'casterbridge'], … }
 */
export function commonSuppliers(rows: readonly SupplierContract[], minimumCouncils = 2): CommonSupplier[] {
  const numberOfName = new Map<string, string>();
  for (const r of rows)
    if (r.supplierCompanyNumber) {
      const name = normaliseSupplierName(r.supplierName);
      if (!numberOfName.has(name)) numberOfName.set(name, r.supplierCompanyNumber);
    }
  const groups = new Map<string, { number: string | null; names: Map<string, number>; rows: SupplierContract[] }>();
  for (const r of rows) {
    const number = r.supplierCompanyNumber ?? numberOfName.get(normaliseSupplierName(r.supplierName)) ?? null;
    const key = supplierKeyOf(r.supplierName, number);
    const group = groups.get(key) ?? { number, names: new Map<string, number>(), rows: [] as SupplierContract[] };
    group.names.set(r.supplierName, (group.names.get(r.supplierName) ?? 0) + 1);
    group.rows.push(r);
    groups.set(key, group);
  }
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

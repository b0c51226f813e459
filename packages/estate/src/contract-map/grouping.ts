/**
 * How the map groups contracts: by council, by capability or by supplier. Capability is the
 * contract's CPV label (a column of the register beside the CPV code), else its department,
 * until contracts are classified against the LGA function list: swap `capabilityOf` then, and
 * everything that groups by capability follows.
 */
import type { Grouping } from './model.ts';
import { supplierKeyOf } from '../suppliers/identity.ts';

export interface Groupable {
  organisationName: string;
  supplierName: string;
  supplierCompanyNumber: string | null;
  capability: string;
}

/** The register column that labels the CPV code, if the register has one ("cpv_label", "CPV description"). */
export function cpvLabelColumn(columns: readonly string[]): string | undefined {
  return columns.find((c) => /cpv/i.test(c) && /(label|description|desc|name|title)/i.test(c));
}

/** @example capabilityOf({ cpvLabel: 'Software package and information systems', department: 'Resources' }) // 'Software package and information systems' */
export function capabilityOf(c: { cpvLabel: string | null; department: string | null }): string {
  return c.cpvLabel?.trim() || c.department?.trim() || 'Not classified';
}

/** The group a map row belongs to, as shown (a label) and compared (a key). */
export function groupOf(row: Groupable, by: Grouping): { key: string; label: string } {
  switch (by) {
    case 'council':
      return { key: row.organisationName, label: row.organisationName };
    case 'capability':
      return { key: row.capability, label: row.capability };
    case 'supplier':
      return { key: supplierKeyOf({ name: row.supplierName, companyNumber: row.supplierCompanyNumber }), label: row.supplierName };
  }
}

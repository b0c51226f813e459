import { describe, expect, it } from 'vitest';
import { commonSuppliers } from '../../src/contract-map/suppliers.ts';
import { normaliseSupplierName } from '../../src/suppliers/identity.ts';

describe('suppliers common to several councils', () => {
  it('normalises names: case, punctuation, & and company words', () => {
    expect(normaliseSupplierName('The Mellstock Software Ltd.')).toBe('mellstock software');
    expect(normaliseSupplierName('MELLSTOCK SOFTWARE LIMITED')).toBe('mellstock software');
    expect(normaliseSupplierName('Egdon & Sons plc')).toBe('egdon and sons');
    expect(normaliseSupplierName('Café Wessex LLP')).toBe('cafe wessex');
  });

  it('joins by company number, lends a number to the same name elsewhere, and needs two councils', () => {
    const found = commonSuppliers([
      {
        organisationCode: 'a',
        supplierName: 'Mellstock Software Ltd',
        supplierCompanyNumber: '02165763',
        value: 100,
        endDate: '2029-01-01',
      },
      { organisationCode: 'b', supplierName: 'Mellstock Software', supplierCompanyNumber: null, value: 50, endDate: '2027-01-01' },
      { organisationCode: 'c', supplierName: 'Renamed Holdings', supplierCompanyNumber: '02165763', value: null, endDate: null },
      { organisationCode: 'a', supplierName: 'Only Here Ltd', supplierCompanyNumber: null, value: 10, endDate: null },
      { organisationCode: 'a', supplierName: 'Only Here Limited', supplierCompanyNumber: null, value: 10, endDate: null },
    ]);
    expect(found).toEqual([
      {
        key: 'coh-02165763',
        name: 'Mellstock Software',
        companyNumber: '02165763',
        names: ['Mellstock Software', 'Mellstock Software Ltd', 'Renamed Holdings'],
        councils: ['a', 'b', 'c'],
        contracts: 3,
        totalValue: 150,
        earliestEnd: '2027-01-01',
      },
    ]);
  });
});

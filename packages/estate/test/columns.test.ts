import { describe, expect, it } from 'vitest';
import { proposeMapping, resolveMapping } from '../src/contracts/columns.ts';
import { LGA_HEADER } from './helpers.ts';

describe('contract register columns', () => {
  it('recognises a notice period column whatever unit its header names', () => {
    for (const header of ['notice_period_months', 'Notice period (days)', 'Notice period in weeks', 'Notice'])
      expect(proposeMapping(['Reference', header]).noticePeriod).toBe(header);
  });

  it('recognises the LGA schema headers, not its neighbours', () => {
    const lga = [
      ...LGA_HEADER,
      'Open Contracting ID',
      'Last extension date',
      'Service Category label',
      'VCSE supplier type',
      'Other supplier ID',
    ];
    expect(proposeMapping(lga)).toEqual({
      reference: 'Contract Reference number / ID',
      title: 'Title of the Agreement',
      description: 'Description of goods and services',
      supplierName: 'Supplier name',
      supplierCompanyNumber: 'Supplier registered company number',
      supplierCharityNumber: 'Supplier registered charity number',
      value: 'Contract value',
      startDate: 'Contract start date',
      endDate: 'End date',
      reviewDate: 'Review date',
      isSmeSupplier: 'SME supplier',
      isVcseSupplier: 'VCSE supplier',
      procurementRoute: 'Tender process type',
      department: 'Directorate / service responsible',
      cpvCode: 'Procurement classification: CPV code',
      noticePeriod: 'Notice period (days)',
      terminationCost: 'Termination cost',
      isAutoRenewing: 'Auto renewal',
      isNovationRequired: 'Novation required',
      hasChangeOfControlClause: 'Change of control clause',
      breakDates: 'Break dates',
    });
  });
  it('recognises the shorter headers councils use', () => {
    expect(proposeMapping(['Reference', 'Title', 'Supplier', 'Value (£)', 'Start Date', 'Expiry date', 'Department', 'CPV'])).toEqual({
      reference: 'Reference',
      title: 'Title',
      supplierName: 'Supplier',
      value: 'Value (£)',
      startDate: 'Start Date',
      endDate: 'Expiry date',
      department: 'Department',
      cpvCode: 'CPV',
    });
  });
  it('takes an explicit mapping over the headers and refuses one that does not fit, saying why', () => {
    expect(
      resolveMapping(['Ref', 'Name', 'Firm', 'Notice'], { title: 'Name', supplierName: 'Firm', noticePeriod: 'Notice' }, 'f.csv'),
    ).toEqual({
      reference: 'Ref',
      title: 'Name',
      supplierName: 'Firm',
      noticePeriod: 'Notice',
    });
    expect(() => resolveMapping(['Ref', 'Name'], { titel: 'Name', supplierName: 'Firm' }, 'f.csv')).toThrow(
      expect.objectContaining({
        code: 'ESTATE_MAPPING_INVALID',
        details: expect.arrayContaining([
          expect.objectContaining({ message: expect.stringMatching(/"titel" is not a contract field/) }),
          expect.objectContaining({ message: 'f.csv has no column "Firm" (for supplierName)' }),
          expect.objectContaining({ field: 'title', message: expect.stringMatching(/No column holds the title/) }),
        ]),
      }),
    );
  });
});

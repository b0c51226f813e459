/**
 * Reading a contract register's rows into contracts: every cell of every row checked and
 * every problem kept (row, column, why), so that one pass tells the user all there is to
 * fix. Pure: no database, no I/O.
 */
import type { CsvTable } from '@joinery/core';
import {
  CONTRACT_FIELD_LABELS,
  LGR_FIELDS,
  type ContractField,
  type ContractMapping,
  type ContractValues,
  type ImportProblem,
} from '../model.ts';
import {
  Refusal,
  readCharityNumber,
  readCompanyNumber,
  readCpvCode,
  readDate,
  readDates,
  readFlag,
  readMoney,
  readNoticePeriod,
  readText,
  noticeUnitOf,
  type Read,
} from './values.ts';

export interface ContractRow {
  /** Row of the file, the header being row 1. */
  row: number;
  values: ContractValues;
  /** The row as it was, every column: nothing the register said is lost. */
  source: Record<string, string>;
}

export interface ReadRegister {
  rows: number;
  contracts: ContractRow[];
  problems: ImportProblem[];
  refusedRows: number[];
}

/** A cell's value, given its column's header (some headers carry the unit). */
type Reader = (text: string, header: string) => Read<unknown> | unknown[];

const READERS: Record<ContractField, Reader> = {
  reference: (t) => readText(t, 200),
  title: (t) => readText(t, 1000),
  description: (t) => readText(t, 10_000),
  supplierName: (t) => readText(t, 500),
  supplierCompanyNumber: readCompanyNumber,
  supplierCharityNumber: readCharityNumber,
  value: readMoney,
  startDate: readDate,
  endDate: readDate,
  reviewDate: readDate,
  procurementRoute: (t) => readText(t, 200),
  isSmeSupplier: readFlag,
  isVcseSupplier: readFlag,
  department: (t) => readText(t, 500),
  cpvCode: readCpvCode,
  noticePeriod: (t, header) => readNoticePeriod(t, noticeUnitOf(header)),
  noticeServedDate: readDate,
  breakDates: readDates,
  terminationCost: readMoney,
  isAutoRenewing: readFlag,
  isNovationRequired: readFlag,
  hasChangeOfControlClause: readFlag,
};

const EMPTY: ContractValues = {
  reference: '',
  title: '',
  description: null,
  supplierName: '',
  supplierCompanyNumber: null,
  supplierCharityNumber: null,
  value: null,
  startDate: null,
  endDate: null,
  reviewDate: null,
  procurementRoute: null,
  isSmeSupplier: null,
  isVcseSupplier: null,
  department: null,
  cpvCode: null,
  noticePeriod: null,
  noticeServedDate: null,
  breakDates: [],
  terminationCost: null,
  isAutoRenewing: null,
  isNovationRequired: null,
  hasChangeOfControlClause: null,
};

/**
 * @example const { contracts, problems } = readRegister(readCsv(bytes, 'contracts.csv'), mapping);
 */
export function readRegister(table: CsvTable, mapping: ContractMapping): ReadRegister {
  const contracts: ContractRow[] = [];
  const problems: ImportProblem[] = [];
  const refusedRows: number[] = [];
  table.rows.forEach((source, index) => {
    const row = index + 2;
    const before = problems.length;
    if (Object.values(source).every((v) => v.trim() === '')) {
      problems.push({ row, message: 'The row is empty' });
      refusedRows.push(row);
      return;
    }
    const values: Record<string, unknown> = { ...EMPTY, breakDates: [] };
    for (const [field, column] of Object.entries(mapping) as [ContractField, string][]) {
      const read = READERS[field](source[column] ?? '', column);
      if (read instanceof Refusal) {
        const message = read.message.startsWith('"') ? read.message : `${CONTRACT_FIELD_LABELS[field]} ${read.message}`;
        problems.push({ row, column, field, message });
      } else if (read !== null) values[field] = read;
    }
    for (const field of ['reference', 'title', 'supplierName'] as const)
      if (values[field] === '' && !problems.some((p, i) => i >= before && p.field === field))
        problems.push({ row, column: mapping[field], field, message: `${CONTRACT_FIELD_LABELS[field]} is missing` });
    const contract = values as ContractValues;
    if (contract.startDate && contract.endDate && contract.endDate < contract.startDate)
      problems.push({
        row,
        column: mapping.endDate,
        field: 'endDate',
        message: `The end date (${contract.endDate}) is before the start date (${contract.startDate})`,
      });
    if (problems.length > before) refusedRows.push(row);
    else contracts.push({ row, values: contract, source });
  });
  return { rows: table.rows.length, contracts, problems, refusedRows };
}

/**
 * The LGR terms every contract has and a merger's exit plan needs, which this one lacks. The
 * notice served and break dates are not among them: a contract may have none.
 */
export function missingLgrFields(contract: ContractValues): string[] {
  return LGR_FIELDS.filter((f) => f !== 'breakDates' && f !== 'noticeServedDate' && contract[f] === null);
}

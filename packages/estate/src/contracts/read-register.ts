/**
 * Reading a contract register's rows into contracts: every cell of every row checked and
 * every problem kept (row, column, why), so that one pass tells the user all there is to
 * fix. Pure: no database, no I/O.
 */
import { createHash } from 'node:crypto';
import { normaliseHeader } from '../inventory/columns.ts';
import { readRows, type ReadRow, type RowSpec, type CellReader } from '../inventory/read-rows.ts';
import {
  CONTRACT_FIELD_LABELS,
  LGR_FIELDS,
  type ContractField,
  type ContractMapping,
  type ContractValues,
  type ImportProblem,
} from '../model.ts';
import {
  readCharityNumber,
  readCompanyNumber,
  readCpvCode,
  readDate,
  readDates,
  readFlag,
  readMoney,
  readNoticePeriod,
  readSignedMoney,
  readSocietyNumber,
  readText,
  noticeUnitOf,
} from './values.ts';

export type ContractRow = ReadRow<ContractValues>;

export interface ReadRegister {
  rows: number;
  contracts: ContractRow[];
  problems: ImportProblem[];
  refusedRows: number[];
  /** Valid rows with no reference of their own, given a derived one. */
  derivedReferences: number;
}

const READERS: Record<ContractField, CellReader> = {
  reference: (t) => readText(t, 200),
  title: (t) => readText(t, 1000),
  description: (t) => readText(t, 10_000),
  supplierName: (t) => readText(t, 500),
  // A registered society's number in the company-number column is kept (moved by check, below).
  supplierCompanyNumber: (t) => readSocietyNumber(t) ?? readCompanyNumber(t),
  supplierCharityNumber: readCharityNumber,
  value: readSignedMoney,
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
  supplierSocietyNumber: null,
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
 * The reference given to a contract its register lists without one: "derived:" and the first 16
 * hex digits of the SHA-256 of the organisation, the title and the supplier (normalised: case and
 * punctuation do not matter) and the start date, so the same contract gets the same reference in
 * next year's register, and decisions attached to it follow it.
 * @example derivedReference('norfolk', { title: 'Grounds maintenance', supplierName: 'Acme Ltd', startDate: '2021-04-01' }) // 'derived:…'
 */
export function derivedReference(organisationCode: string, contract: Pick<ContractValues, 'title' | 'supplierName' | 'startDate'>): string {
  const key = [organisationCode, normaliseHeader(contract.title), normaliseHeader(contract.supplierName), contract.startDate ?? ''].join(
    '\n',
  );
  return `derived:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/**
 * Reads a register's rows. A row with no reference gets a derived one (derivedReference) when
 * the organisation is given; without it, such a row is refused.
 * @example const { contracts, problems } = readRegister(readCsv(bytes, 'contracts.csv'), mapping, { organisationCode: 'casterbridge' });
 */
export function readRegister(
  table: { rows: Record<string, string>[] },
  mapping: ContractMapping,
  options: { organisationCode?: string } = {},
): ReadRegister {
  let derived = 0;
  const spec: RowSpec<ContractField, ContractValues> = {
    readers: READERS,
    labels: CONTRACT_FIELD_LABELS,
    empty: () => ({ ...EMPTY, breakDates: [] }),
    required: ['title', 'supplierName'],
    check: (contract, row) => {
      const problems: ImportProblem[] = [];
      if (contract.supplierCompanyNumber && readSocietyNumber(contract.supplierCompanyNumber)) {
        contract.supplierSocietyNumber = contract.supplierCompanyNumber;
        contract.supplierCompanyNumber = null;
      }
      if (contract.reference === '') {
        if (options.organisationCode && contract.title !== '' && contract.supplierName !== '') {
          contract.reference = derivedReference(options.organisationCode, contract);
        } else if (!options.organisationCode)
          problems.push({ row, column: mapping.reference, field: 'reference', message: `${CONTRACT_FIELD_LABELS.reference} is missing` });
      }
      if (contract.startDate && contract.endDate && contract.endDate < contract.startDate)
        problems.push({
          row,
          column: mapping.endDate,
          field: 'endDate',
          message: `The end date (${contract.endDate}) is before the start date (${contract.startDate})`,
        });
      return problems;
    },
  };
  const read = readRows(table, mapping, spec);
  for (const c of read.read) if (c.values.reference.startsWith('derived:') && !c.source[mapping.reference ?? '']?.trim()) derived++;
  return { rows: read.rows, contracts: read.read, problems: read.problems, refusedRows: read.refusedRows, derivedReferences: derived };
}

/**
 * The LGR terms every contract has and a merger's exit plan needs, which this one lacks. The
 * notice served and break dates are not among them: a contract may have none.
 */
export function missingLgrFields(contract: ContractValues): string[] {
  return LGR_FIELDS.filter((f) => f !== 'breakDates' && f !== 'noticeServedDate' && contract[f] === null);
}

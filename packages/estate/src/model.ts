/**
 * A contract as the estate holds it: the Local Government Transparency Code 2015 §2.2
 * contract register's fields, shaped for OCDS 1.1.5 on export, plus the exit terms a
 * reorganisation needs and no standard carries (the `lgr` extension, README.md).
 */
import { Type, type Static, type TSchema } from 'typebox';

/** Every field a contract register row can fill, in the order pages and reports show them. */
export const CONTRACT_FIELDS = [
  'reference',
  'title',
  'description',
  'supplierName',
  'supplierCompanyNumber',
  'supplierCharityNumber',
  'value',
  'startDate',
  'endDate',
  'reviewDate',
  'procurementRoute',
  'isSmeSupplier',
  'isVcseSupplier',
  'department',
  'cpvCode',
  // The LGR extension: what a merger's exit plan needs.
  'noticePeriod',
  'noticeServedDate',
  'breakDates',
  'terminationCost',
  'isAutoRenewing',
  'isNovationRequired',
  'hasChangeOfControlClause',
] as const;
export type ContractField = (typeof CONTRACT_FIELDS)[number];

/** The fields of the LGR extension: a contract without them cannot be planned for in a merger. */
export const LGR_FIELDS = [
  'noticePeriod',
  'noticeServedDate',
  'breakDates',
  'terminationCost',
  'isAutoRenewing',
  'isNovationRequired',
  'hasChangeOfControlClause',
] as const satisfies readonly ContractField[];
export type LgrField = (typeof LGR_FIELDS)[number];

/** Without these a row is not a contract anyone can find again. */
export const REQUIRED_FIELDS = ['reference', 'title', 'supplierName'] as const satisfies readonly ContractField[];

export const CONTRACT_FIELD_LABELS: Record<ContractField, string> = {
  reference: 'Contract reference',
  title: 'Title',
  description: 'Description',
  supplierName: 'Supplier name',
  supplierCompanyNumber: 'Supplier company number',
  supplierCharityNumber: 'Supplier charity number',
  value: 'Value (£)',
  startDate: 'Start date',
  endDate: 'End date',
  reviewDate: 'Review date',
  procurementRoute: 'Procurement route',
  isSmeSupplier: 'SME supplier',
  isVcseSupplier: 'VCSE supplier',
  department: 'Department',
  cpvCode: 'CPV code',
  noticePeriod: 'Notice period',
  noticeServedDate: 'Notice served',
  breakDates: 'Break dates',
  terminationCost: 'Termination cost (£)',
  isAutoRenewing: 'Auto-renews',
  isNovationRequired: 'Novation required',
  hasChangeOfControlClause: 'Change-of-control clause',
};

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const Contract = Type.Object({
  id: Type.Integer(),
  organisationCode: Type.String(),
  importId: Type.Integer({ description: 'The import the contract came from' }),
  row: Type.Integer({ description: 'Its row in the imported file (the header is row 1)' }),
  reference: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  supplierName: Type.String(),
  supplierCompanyNumber: Nullable(Type.String({ description: 'Companies House number, 8 characters' })),
  supplierCharityNumber: Nullable(Type.String()),
  supplierSocietyNumber: Nullable(
    Type.String({ description: 'Registered society number (FCA Mutuals Public Register), given in the company-number column' }),
  ),
  value: Nullable(Type.Number({ description: 'Pounds sterling, as the register gives it (negative for an adjustment)' })),
  startDate: Nullable(IsoDate),
  endDate: Nullable(IsoDate),
  reviewDate: Nullable(IsoDate),
  procurementRoute: Nullable(Type.String()),
  isSmeSupplier: Nullable(Type.Boolean()),
  isVcseSupplier: Nullable(Type.Boolean()),
  department: Nullable(Type.String()),
  cpvCode: Nullable(Type.String()),
  noticePeriod: Nullable(
    Type.String({ pattern: '^P[0-9]+[DWMY]$', description: 'ISO 8601 duration as the contract states it: P90D, P12W, P3M, P1Y' }),
  ),
  noticeServedDate: Nullable(IsoDate),
  breakDates: Type.Array(IsoDate),
  terminationCost: Nullable(Type.Number({ description: 'Pounds sterling' })),
  isAutoRenewing: Nullable(Type.Boolean()),
  isNovationRequired: Nullable(Type.Boolean()),
  hasChangeOfControlClause: Nullable(Type.Boolean()),
});
export type Contract = Static<typeof Contract>;

/** A row read and checked, before it is stored: the contract without its database ids. */
export type ContractValues = Omit<Contract, 'id' | 'organisationCode' | 'importId' | 'row'>;

/** Which column of the file holds each contract field (standard field → column name). */
export const ContractMapping = Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 200 }), {
  description: 'Standard field → the column of the file that holds it, e.g. {"reference": "Contract ID"}',
});
export type ContractMapping = Partial<Record<ContractField, string>>;

export const ImportProblem = Type.Object({
  row: Type.Integer({ description: 'Row of the file (the header is row 1)' }),
  column: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  message: Type.String(),
});
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportMode = Type.Union([Type.Literal('preview'), Type.Literal('import')]);
export type ImportMode = Static<typeof ImportMode>;

export const MappingSource = Type.Union([Type.Literal('explicit'), Type.Literal('remembered'), Type.Literal('headers')], {
  description:
    'Where the mapping came from: given with the import, remembered from an earlier file with the same headers, or recognised from the headers',
});

export const ImportReport = Type.Object({
  importId: Nullable(Type.Integer({ description: 'null for a preview' })),
  organisationCode: Type.String(),
  fileName: Type.String(),
  sha256: Type.String(),
  mode: ImportMode,
  keepValid: Type.Boolean(),
  rows: Type.Integer({ description: 'Data rows in the file: always imported + refused' }),
  imported: Type.Integer({ description: 'Rows stored (for a preview: rows that would be)' }),
  refused: Type.Integer(),
  problems: Type.Array(ImportProblem),
  mapping: ContractMapping,
  mappingSource: MappingSource,
  mappingRemembered: Type.Boolean({
    description:
      'Whether the mapping is one remembered for files with these headers (saved when a user imports with a mapping of their own)',
  }),
  ignoredColumns: Type.Array(Type.String(), { description: 'Columns no field reads (kept with each contract as its source row)' }),
  derivedReferences: Type.Integer({
    description:
      'Valid rows with no contract reference, given a derived one ("derived:" + 16 hex digits of SHA-256 of organisation, title, supplier, start date)',
  }),
  lgrGaps: Type.Record(Type.String(), Type.Integer(), { description: 'LGR field → how many valid contracts lack it' }),
  contractsLackingLgrFields: Type.Integer(),
  lackingLgrFields: Type.Array(Type.Object({ row: Type.Integer(), reference: Type.String(), missing: Type.Array(Type.String()) }), {
    description: 'The first 200 contracts lacking any LGR field',
  }),
});
export type ImportReport = Static<typeof ImportReport>;

export const ContractImport = Type.Object({
  id: Type.Integer(),
  organisationCode: Type.String(),
  fileName: Type.String(),
  sha256: Type.String(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  refused: Type.Integer(),
  importedBy: Nullable(Type.String()),
  importedAt: Type.String(),
});
export type ContractImport = Static<typeof ContractImport>;

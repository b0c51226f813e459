/**
 * The shared contract map's shapes: every predecessor's current contracts measured against
 * vesting day (rules.ts says how), the suppliers several councils share, and the decisions
 * recorded on each contract (keyed by organisation and the council's own reference).
 */
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const DECISION_KINDS = ['novate', 'extend', 'exit', 'consolidate'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const DECISION_LABELS: Record<DecisionKind, string> = {
  novate: 'Novate to the successor',
  extend: 'Extend',
  exit: 'Exit (end it)',
  consolidate: 'Consolidate into another contract',
};

export const GROUPINGS = ['council', 'capability', 'supplier'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const REASON_CODES = [
  'notice-before-vesting',
  'auto-renews-before-vesting',
  'novation-required',
  'change-of-control',
  'end-date-unknown',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const DecisionReason = Type.Object({
  code: Type.Union([
    Type.Literal('notice-before-vesting'),
    Type.Literal('auto-renews-before-vesting'),
    Type.Literal('novation-required'),
    Type.Literal('change-of-control'),
    Type.Literal('end-date-unknown'),
  ]),
  message: Type.String(),
});
export type DecisionReason = Static<typeof DecisionReason>;

export const ContractDecision = Type.Object({
  id: Type.Integer(),
  reorganisationCode: Type.String(),
  organisationCode: Type.String(),
  reference: Type.String(),
  decision: Type.Union([Type.Literal('novate'), Type.Literal('extend'), Type.Literal('exit'), Type.Literal('consolidate')]),
  consolidateIntoOrganisationCode: Nullable(Type.String()),
  consolidateIntoReference: Nullable(Type.String()),
  owner: Type.String(),
  rationale: Type.String(),
  dueDate: Nullable(IsoDate),
  decidedBy: Nullable(Type.String()),
  decidedAt: Type.String({ description: 'ISO 8601 timestamp' }),
});
export type ContractDecision = Static<typeof ContractDecision>;

export const NoticeStatus = Type.Union([Type.Literal('open'), Type.Literal('passed'), Type.Literal('served'), Type.Literal('unknown')], {
  description:
    'open: the notice deadline is today or later; passed: it is before today and notice has not been served; served: notice has been served; unknown: no notice period or no end date',
});
export type NoticeStatus = Static<typeof NoticeStatus>;

/** One contract row on the map, with everything rules.ts computes. */
export const ContractMapRow = Type.Object({
  organisationCode: Type.String(),
  organisationName: Type.String(),
  reference: Type.String(),
  row: Type.Integer({ description: 'Its row in the imported register' }),
  title: Type.String(),
  supplierName: Type.String(),
  supplierCompanyNumber: Nullable(Type.String()),
  value: Nullable(Type.Number()),
  startDate: Nullable(IsoDate),
  endDate: Nullable(IsoDate),
  reviewDate: Nullable(IsoDate),
  department: Nullable(Type.String()),
  cpvCode: Nullable(Type.String()),
  capability: Type.String({ description: 'CPV label (or department) until classification exists' }),
  isSoftware: Type.Boolean({ description: 'CPV division 48 (software) or 72 (IT services)' }),
  noticePeriod: Nullable(Type.String()),
  noticeServedDate: Nullable(IsoDate),
  termEnd: Nullable(IsoDate),
  noticeDeadline: Nullable(IsoDate),
  noticeStatus: NoticeStatus,
  noticeUnknownBecause: Nullable(Type.String()),
  daysToNoticeDeadline: Nullable(Type.Integer({ description: 'From today; negative when passed' })),
  endsBeforeVesting: Nullable(Type.Boolean()),
  runsPastVesting: Nullable(Type.Boolean()),
  isAutoRenewing: Nullable(Type.Boolean()),
  nextRenewal: Nullable(IsoDate),
  breakDatesBeforeVesting: Type.Array(IsoDate),
  breakDatesAfterVesting: Type.Array(IsoDate),
  terminationCost: Nullable(Type.Number()),
  isNovationRequired: Nullable(Type.Boolean()),
  hasChangeOfControlClause: Nullable(Type.Boolean()),
  needsDecision: Type.Boolean(),
  reasons: Type.Array(DecisionReason),
  decision: Nullable(ContractDecision),
});
export type ContractMapRow = Static<typeof ContractMapRow>;

export const ContractMapFilters = Type.Object({
  council: Type.Optional(Type.String({ maxLength: 64, description: 'Only this predecessor (organisation code)' })),
  needsDecision: Type.Optional(Type.Boolean({ description: 'Only contracts that need a decision before vesting' })),
  noDecision: Type.Optional(Type.Boolean({ description: 'Only contracts with no decision recorded yet' })),
  softwareOnly: Type.Optional(Type.Boolean({ description: 'Only CPV 48 (software) and 72 (IT services)' })),
  endsWithinMonths: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 600, description: 'Only contracts ending within N months of today' }),
  ),
});
export type ContractMapFilters = Static<typeof ContractMapFilters>;

export const ContractMapSummary = Type.Object({
  contracts: Type.Integer(),
  needingDecision: Type.Integer(),
  withoutDecision: Type.Integer(),
  valueAtStake: Type.Number({ description: 'Total value of the contracts that run past vesting day, pounds' }),
  terminationCostTotal: Type.Number({ description: 'Sum of the termination costs recorded, pounds' }),
  noticeUnknown: Type.Integer({ description: 'Contracts whose notice deadline cannot be worked out' }),
});
export type ContractMapSummary = Static<typeof ContractMapSummary>;

export const ContractMap = Type.Object({
  reorganisation: Type.Object({
    code: Type.String(),
    name: Type.String(),
    successorCode: Type.String(),
    vestingDay: IsoDate,
    predecessorCodes: Type.Array(Type.String()),
  }),
  today: IsoDate,
  filters: ContractMapFilters,
  summary: ContractMapSummary,
  rows: Type.Array(ContractMapRow),
});
export type ContractMap = Static<typeof ContractMap>;

export const CommonSupplier = Type.Object({
  key: Type.String({ description: 'coh:<Companies House number>, or name:<normalised name>' }),
  name: Type.String({ description: 'The name most contracts give' }),
  companyNumber: Nullable(Type.String()),
  names: Type.Array(Type.String(), { description: 'Every spelling the registers use' }),
  councils: Type.Array(Type.String()),
  contracts: Type.Integer(),
  totalValue: Type.Number(),
  earliestEnd: Nullable(IsoDate),
});
export type CommonSupplier = Static<typeof CommonSupplier>;

export const DecisionInput = Type.Object({
  reorganisation: Type.String({ minLength: 1, maxLength: 64 }),
  organisationCode: Type.String({ minLength: 1, maxLength: 64 }),
  reference: Type.String({ minLength: 1, maxLength: 200 }),
  decision: Type.String({ description: 'novate, extend, exit or consolidate' }),
  owner: Type.String({ maxLength: 200, description: 'Who is responsible for carrying it out (a person or role)' }),
  rationale: Type.String({ maxLength: 4000 }),
  dueDate: Type.Optional(Nullable(Type.String({ description: 'YYYY-MM-DD' }))),
  consolidateIntoOrganisationCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  consolidateIntoReference: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});
export type DecisionInput = Static<typeof DecisionInput>;

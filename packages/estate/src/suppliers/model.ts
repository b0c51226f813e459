/**
 * Suppliers, exit and resilience: the types and TypeBox schemas (the API's and OpenAPI's).
 * A supplier is identified by the rule in identity.ts; its id is that key (`coh-99104417`).
 */
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });

export const CREDIT_RISKS = ['low', 'medium', 'high'] as const;
export const BCDR_RESULTS = ['passed', 'passed with issues', 'failed'] as const;
export const RAGS = ['green', 'amber', 'red'] as const;
export const STATED_HEALTHS = ['stable', 'watch', 'at risk'] as const;
export const PLAN_STATUSES = ['draft', 'agreed', 'retired'] as const;
export const OVERALL_HEALTHS = ['green', 'amber', 'red', 'unknown'] as const;

const L = Type.Literal;
export const CreditRisk = Type.Union([L('low'), L('medium'), L('high')], {
  description: 'Credit risk band, read from the agency’s rating or score',
});
export const BcdrResult = Type.Union([L('passed'), L('passed with issues'), L('failed')], {
  description: 'Outcome of the last business continuity / disaster recovery test',
});
export const Rag = Type.Union([L('green'), L('amber'), L('red')], { description: 'Red, amber or green' });
export const StatedHealth = Type.Union([L('stable'), L('watch'), L('at risk')], {
  description: 'The assessor’s own word on the supplier’s health',
});
export const PlanStatus = Type.Union([L('draft'), L('agreed'), L('retired')], { description: 'draft, agreed (in force), or retired' });
export const OverallHealth = Type.Union([L('green'), L('amber'), L('red'), L('unknown')], {
  description: 'Derived overall health (health.ts): the worst indicator',
});

/** One assessment of a supplier's health: any of the indicators, with its date, source and evidence. */
export const HealthAssessmentInput = Type.Object({
  assessedOn: Type.String({ description: 'When the indicators were true (YYYY-MM-DD)' }),
  source: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Where they come from, e.g. Dun & Bradstreet report, supplier’s BC/DR test report',
  }),
  evidence: Type.Optional(Nullable(Text(2000, 'A reference or link to the evidence'))),
  creditRisk: Type.Optional(Nullable(CreditRisk)),
  creditRating: Type.Optional(Nullable(Text(50, 'The agency’s rating or score as it gives it, e.g. 2A1, 78/100'))),
  creditAgency: Type.Optional(Nullable(Text(100))),
  hasParentGuarantee: Type.Optional(Nullable(Type.Boolean({ description: 'A parent company guarantee is in place' }))),
  parentGuarantor: Type.Optional(Nullable(Text(200, 'The guarantor company'))),
  bcdrTestedOn: Type.Optional(Nullable(Type.String({ description: 'When business continuity and disaster recovery were last tested' }))),
  bcdrRtoHours: Type.Optional(Nullable(Type.Number({ description: 'Recovery time objective shown by the test, hours' }))),
  bcdrRpoHours: Type.Optional(Nullable(Type.Number({ description: 'Recovery point objective shown by the test, hours' }))),
  bcdrResult: Type.Optional(Nullable(BcdrResult)),
  promptPaymentPercent: Type.Optional(
    Nullable(Type.Number({ description: 'Share of its own suppliers’ invoices it paid within 30 days, % (its prompt-payment record)' })),
  ),
  performanceRag: Type.Optional(Nullable(Rag)),
  performanceNote: Type.Optional(Nullable(Text(2000))),
  statedHealth: Type.Optional(Nullable(StatedHealth)),
});
export type HealthAssessmentInput = Static<typeof HealthAssessmentInput>;

export const HealthAssessment = Type.Object({
  id: Type.Integer(),
  supplierId: Type.String(),
  assessedOn: IsoDate,
  source: Type.String(),
  evidence: Nullable(Type.String()),
  creditRisk: Nullable(CreditRisk),
  creditRating: Nullable(Type.String()),
  creditAgency: Nullable(Type.String()),
  hasParentGuarantee: Nullable(Type.Boolean()),
  parentGuarantor: Nullable(Type.String()),
  bcdrTestedOn: Nullable(IsoDate),
  bcdrRtoHours: Nullable(Type.Number()),
  bcdrRpoHours: Nullable(Type.Number()),
  bcdrResult: Nullable(BcdrResult),
  promptPaymentPercent: Nullable(Type.Number()),
  performanceRag: Nullable(Rag),
  performanceNote: Nullable(Type.String()),
  statedHealth: Nullable(StatedHealth),
  recordedBy: Nullable(Type.String()),
  recordedAt: Type.String(),
});
export type HealthAssessment = Static<typeof HealthAssessment>;

/** Each indicator as the latest assessment that gave it says, with that assessment's date. */
export const SupplierHealth = Type.Object({
  overall: OverallHealth,
  reasons: Type.Array(Type.String(), { description: 'Why the overall health is what it is' }),
  creditRisk: Nullable(
    Type.Object({ risk: CreditRisk, rating: Nullable(Type.String()), agency: Nullable(Type.String()), assessedOn: IsoDate }),
  ),
  parentGuarantee: Nullable(Type.Object({ hasGuarantee: Type.Boolean(), guarantor: Nullable(Type.String()), assessedOn: IsoDate })),
  bcdr: Nullable(
    Type.Object({
      testedOn: IsoDate,
      rtoHours: Nullable(Type.Number()),
      rpoHours: Nullable(Type.Number()),
      result: Nullable(BcdrResult),
      assessedOn: IsoDate,
    }),
  ),
  promptPayment: Nullable(Type.Object({ percent: Type.Number(), assessedOn: IsoDate })),
  performance: Nullable(Type.Object({ rag: Rag, note: Nullable(Type.String()), assessedOn: IsoDate })),
  statedHealth: Nullable(Type.Object({ health: StatedHealth, assessedOn: IsoDate })),
});
export type SupplierHealth = Static<typeof SupplierHealth>;

/** A supplier's resolution plan ("living will"): how its services continue if it fails. */
export const PlanInput = Type.Object({
  owner: Type.String({ minLength: 1, maxLength: 200, description: 'Who owns the plan (a person or role)' }),
  status: PlanStatus,
  lastReviewedOn: Type.Optional(Nullable(Type.String())),
  lastRehearsedOn: Type.Optional(Nullable(Type.String({ description: 'When it was last rehearsed (a desk exercise or a live test)' }))),
  nextRehearsalDue: Type.Optional(Nullable(Type.String())),
  notes: Type.Optional(Nullable(Text(4000))),
});
export type PlanInput = Static<typeof PlanInput>;

const planFields = {
  owner: Type.String(),
  status: PlanStatus,
  lastReviewedOn: Nullable(IsoDate),
  lastRehearsedOn: Nullable(IsoDate),
  nextRehearsalDue: Nullable(IsoDate),
  notes: Nullable(Type.String()),
  updatedBy: Nullable(Type.String()),
  updatedAt: Type.String(),
};

export const ResolutionPlan = Type.Object({ supplierId: Type.String(), ...planFields });
export type ResolutionPlan = Static<typeof ResolutionPlan>;

/** A contract's exit plan and its data-portability and API terms. Owner and status may wait until the plan exists. */
export const ExitPlanInput = Type.Object({
  isCritical: Type.Optional(
    Nullable(Type.Boolean({ description: 'Mark the contract critical (true) or not (false); null: by the list of critical services' })),
  ),
  owner: Type.Optional(Nullable(Text(200))),
  status: Type.Optional(Nullable(PlanStatus)),
  lastReviewedOn: Type.Optional(Nullable(Type.String())),
  lastRehearsedOn: Type.Optional(Nullable(Type.String())),
  nextRehearsalDue: Type.Optional(Nullable(Type.String())),
  notes: Type.Optional(Nullable(Text(4000))),
  exportsOpenFormats: Type.Optional(Nullable(Type.Boolean({ description: 'The council can export its data in open formats' }))),
  exportFormats: Type.Optional(Nullable(Text(200, 'Which, e.g. CSV, JSON, XML'))),
  hasApiAccess: Type.Optional(Nullable(Type.Boolean())),
  apiCharges: Type.Optional(Nullable(Text(500, 'What API access costs, e.g. included, £5,000 a year'))),
  hasEscrow: Type.Optional(Nullable(Type.Boolean({ description: 'Source code is held in escrow' }))),
  escrowAgent: Type.Optional(Nullable(Text(200))),
  dataReturnDays: Type.Optional(Nullable(Type.Integer({ description: 'Days the supplier has to return the data at exit' }))),
});
export type ExitPlanInput = Static<typeof ExitPlanInput>;

export const ExitPlan = Type.Object({
  organisationCode: Type.String(),
  contractReference: Type.String(),
  isCritical: Nullable(Type.Boolean()),
  owner: Nullable(Type.String()),
  status: Nullable(PlanStatus),
  lastReviewedOn: Nullable(IsoDate),
  lastRehearsedOn: Nullable(IsoDate),
  nextRehearsalDue: Nullable(IsoDate),
  notes: Nullable(Type.String()),
  exportsOpenFormats: Nullable(Type.Boolean()),
  exportFormats: Nullable(Type.String()),
  hasApiAccess: Nullable(Type.Boolean()),
  apiCharges: Nullable(Type.String()),
  hasEscrow: Nullable(Type.Boolean()),
  escrowAgent: Nullable(Type.String()),
  dataReturnDays: Nullable(Type.Integer()),
  updatedBy: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export type ExitPlan = Static<typeof ExitPlan>;

export const WARNING_CODES = [
  'exit-plan-missing',
  'exit-plan-not-rehearsed',
  'exit-plan-rehearsal-overdue',
  'resolution-plan-missing',
  'health-red',
  'bcdr-not-tested',
  'export-terms-missing',
] as const;

export const SupplierWarning = Type.Object({
  code: Type.Union(
    [
      L('exit-plan-missing'),
      L('exit-plan-not-rehearsed'),
      L('exit-plan-rehearsal-overdue'),
      L('resolution-plan-missing'),
      L('health-red'),
      L('bcdr-not-tested'),
      L('export-terms-missing'),
    ],
    { description: 'What is wrong (warnings.ts)' },
  ),
  severity: Type.Union([Type.Literal('high'), Type.Literal('medium')]),
  supplierId: Type.String(),
  supplierName: Type.String(),
  organisationCode: Nullable(Type.String()),
  contractReference: Nullable(Type.String()),
  message: Type.String(),
});
export type SupplierWarning = Static<typeof SupplierWarning>;

export const SupplierContract = Type.Object({
  organisationCode: Type.String(),
  reference: Type.String(),
  title: Type.String(),
  supplierName: Type.String(),
  value: Nullable(Type.Number()),
  endDate: Nullable(IsoDate),
  criticalService: Nullable(Type.String({ description: 'The critical service the contract is for (critical-services.ts), if any' })),
  isCritical: Type.Boolean({ description: 'Critical by the list, unless its exit plan marks it otherwise' }),
  exitPlan: Nullable(ExitPlan),
});
export type SupplierContract = Static<typeof SupplierContract>;

export const SupplierApplication = Type.Object({
  organisationCode: Type.String(),
  reference: Type.String(),
  name: Type.String(),
  capability: Nullable(Type.String()),
  contractReference: Nullable(Type.String()),
  criticalService: Nullable(Type.String()),
});
export type SupplierApplication = Static<typeof SupplierApplication>;

export const SupplierSummary = Type.Object({
  id: Type.String({ description: 'The supplier key (identity.ts): coh-<company number>, chc-<charity number> or name-<normalised name>' }),
  name: Type.String({ description: 'The name most rows give' }),
  names: Type.Array(Type.String(), { description: 'Every name the councils use for it' }),
  companyNumber: Nullable(Type.String()),
  charityNumber: Nullable(Type.String()),
  councils: Type.Array(Type.String()),
  contracts: Type.Integer(),
  applications: Type.Integer(),
  totalValue: Type.Number({ description: 'Sum of its current contracts’ values, pounds' }),
  earliestContractEnd: Nullable(IsoDate),
  isCritical: Type.Boolean({ description: 'Supplies a critical contract or application' }),
  criticalServices: Type.Array(Type.String()),
  health: OverallHealth,
  resolutionPlanStatus: Nullable(PlanStatus),
  warnings: Type.Integer(),
});
export type SupplierSummary = Static<typeof SupplierSummary>;

export const SupplierDetail = Type.Object({
  supplier: SupplierSummary,
  health: SupplierHealth,
  assessments: Type.Array(HealthAssessment, { description: 'Every assessment, newest first' }),
  resolutionPlan: Nullable(ResolutionPlan),
  contracts: Type.Array(SupplierContract),
  applications: Type.Array(SupplierApplication),
  warnings: Type.Array(SupplierWarning),
});
export type SupplierDetail = Static<typeof SupplierDetail>;

export const SupplierScope = Type.Object({
  reorganisation: Nullable(Type.String()),
  organisationCodes: Type.Array(Type.String()),
  today: IsoDate,
});
export type SupplierScope = Static<typeof SupplierScope>;

export const SupplierRegister = Type.Object({
  scope: SupplierScope,
  suppliers: Type.Array(SupplierSummary),
  warnings: Type.Array(SupplierWarning),
});
export type SupplierRegister = Static<typeof SupplierRegister>;

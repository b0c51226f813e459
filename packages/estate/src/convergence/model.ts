/**
 * Convergence's data: the applications and integrations it reads (the current inventory of
 * each predecessor), the consolidation scores, the dependency graph and a decommissioning's
 * impact, and the staged plan. Each type and its TypeBox schema share one name.
 */
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const Hosting = Type.Union([Type.Literal('on-premises'), Type.Literal('hosted'), Type.Literal('saas')]);

/** An application as convergence reads it: the inventory row, its contract, its openness flags. */
export const ConvergenceApplication = Type.Object({
  organisationCode: Type.String(),
  reference: Type.String({ description: 'The organisation’s own reference for the application' }),
  name: Type.String(),
  product: Nullable(Type.String()),
  supplierName: Nullable(Type.String()),
  supplierCompanyNumber: Nullable(Type.String()),
  hosting: Nullable(Hosting),
  capability: Nullable(Type.String()),
  functionLabel: Type.Optional(
    Nullable(Type.String({ description: 'Its LGA Function list classification (a person’s, else the rules’), when the list is imported' })),
  ),
  businessOwner: Nullable(Type.String()),
  users: Nullable(Type.Integer()),
  annualCost: Nullable(Type.Number({ description: 'Pounds a year' })),
  endOfSupport: Nullable(IsoDate),
  dataHeld: Nullable(Type.String()),
  contract: Nullable(
    Type.Object({
      reference: Type.String(),
      endDate: Nullable(IsoDate),
      noticePeriod: Nullable(Type.String({ description: 'ISO 8601 duration, e.g. P6M' })),
      terminationCost: Nullable(Type.Number()),
    }),
  ),
  hasOpenApi: Nullable(Type.Boolean({ description: 'Recorded by a user (null: not known)' })),
  hasDataExport: Nullable(Type.Boolean({ description: 'Recorded by a user (null: not known)' })),
});
export type ConvergenceApplication = Static<typeof ConvergenceApplication>;

export const ConvergenceIntegration = Type.Object({
  organisationCode: Type.String(),
  reference: Type.String(),
  source: Type.String({ description: 'Node key of the source application: organisation/reference' }),
  target: Type.String({ description: 'Node key of the target application: organisation/reference' }),
  method: Nullable(Type.String()),
  frequency: Nullable(Type.String()),
  dataCarried: Nullable(Type.String()),
  carriesPersonalData: Nullable(Type.Boolean()),
  owner: Nullable(Type.String()),
});
export type ConvergenceIntegration = Static<typeof ConvergenceIntegration>;

/** The consolidation criteria, in the order pages show them. */
export const CRITERIA = ['runway', 'costPerUser', 'users', 'hosting', 'supplierHealth', 'openApi', 'dataExport', 'endOfSupport'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const CRITERION_LABELS: Record<Criterion, string> = {
  runway: 'Contract runway',
  costPerUser: 'Annual cost per user',
  users: 'Users',
  hosting: 'Hosting',
  supplierHealth: 'Supplier health',
  openApi: 'Open API',
  dataExport: 'Data export terms',
  endOfSupport: 'End of support',
};

const Weight = Type.Number({ minimum: 0, maximum: 10 });
export const Weights = Type.Object(Object.fromEntries(CRITERIA.map((c) => [c, Weight])) as Record<Criterion, typeof Weight>, {
  additionalProperties: false,
  description: 'Criterion → weight, 0 (ignored) to 10',
});
export type Weights = Static<typeof Weights>;

export const CriterionScore = Type.Object({
  criterion: Type.String(),
  label: Type.String(),
  weight: Type.Number(),
  score: Type.Number({ description: '0 to 1 before weighting (0.5 when not known: neutral)' }),
  points: Type.Number({ description: 'weight × score' }),
  explanation: Type.String(),
});
export type CriterionScore = Static<typeof CriterionScore>;

export const Candidate = Type.Object({
  application: ConvergenceApplication,
  total: Type.Number({ description: 'Σ points ÷ Σ weights × 100' }),
  rank: Type.Integer(),
  breakdown: Type.Array(CriterionScore),
});
export type Candidate = Static<typeof Candidate>;

export const Target = Type.Object({
  capabilityKey: Type.String(),
  organisationCode: Type.String(),
  reference: Type.String(),
  rationale: Nullable(Type.String()),
  chosenBy: Nullable(Type.String()),
  chosenAt: Type.String(),
});
export type Target = Static<typeof Target>;

export const DuplicateGroup = Type.Object({
  capabilityKey: Type.String(),
  capability: Type.String({ description: 'The capability as the first council words it' }),
  organisations: Type.Array(Type.String()),
  candidates: Type.Array(Candidate),
  target: Nullable(Target),
});
export type DuplicateGroup = Static<typeof DuplicateGroup>;

export const SwitchingCostParameters = Type.Object(
  {
    perIntegrationGbp: Type.Number({
      minimum: 0,
      description: 'Cost to rebuild one integration onto the target, before its method factor',
    }),
    methodFactors: Type.Record(Type.String(), Type.Number({ minimum: 0 }), {
      description: 'Integration method (lower case) → factor; "other" for methods not listed',
    }),
    dataMigrationBaseGbp: Type.Number({ minimum: 0, description: 'Fixed cost of migrating an application’s data' }),
    dataMigrationPerUserGbp: Type.Number({ minimum: 0, description: 'Data migration cost per user (a proxy for records)' }),
    trainingPerUserGbp: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type SwitchingCostParameters = Static<typeof SwitchingCostParameters>;

export const CostLine = Type.Object({ label: Type.String(), formula: Type.String(), amount: Type.Number() });
export type CostLine = Static<typeof CostLine>;

export const SwitchingCost = Type.Object({ total: Type.Number(), lines: Type.Array(CostLine) });
export type SwitchingCost = Static<typeof SwitchingCost>;

export const Impact = Type.Object({
  application: ConvergenceApplication,
  directIntegrations: Type.Array(ConvergenceIntegration, { description: 'Integrations to or from the application: they stop' }),
  downstreamIntegrations: Type.Array(ConvergenceIntegration, {
    description: 'Integrations further downstream that carry data originating from it',
  }),
  applicationsToTell: Type.Array(
    Type.Object({
      key: Type.String(),
      organisationCode: Type.String(),
      reference: Type.String(),
      name: Type.String(),
      businessOwner: Nullable(Type.String()),
      why: Type.String(),
    }),
  ),
  owners: Type.Array(Type.String({ description: 'Business owners and integration owners to tell' })),
  personalDataFlows: Type.Array(ConvergenceIntegration),
  switchingCost: SwitchingCost,
});
export type Impact = Static<typeof Impact>;

export const STAGES = ['stabilise', 'converge', 'optimise'] as const;
export type Stage = (typeof STAGES)[number];
export const StageName = Type.Union([Type.Literal('stabilise'), Type.Literal('converge'), Type.Literal('optimise')]);

export const PlanItem = Type.Object({
  key: Type.String(),
  stage: StageName,
  kind: Type.Union([Type.Literal('protect'), Type.Literal('choose-target'), Type.Literal('move'), Type.Literal('optimise')]),
  title: Type.String(),
  capabilityKey: Nullable(Type.String()),
  organisationCode: Nullable(Type.String()),
  reference: Nullable(Type.String()),
  targetOrganisationCode: Nullable(Type.String()),
  targetReference: Nullable(Type.String()),
  start: IsoDate,
  end: IsoDate,
  noticeBy: Nullable(IsoDate),
  dependsOn: Type.Array(Type.String()),
  isProtected: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  notes: Nullable(Type.String()),
  isEdited: Type.Boolean(),
});
export type PlanItem = Static<typeof PlanItem>;

export const HoldCriterion = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' }),
  kind: Type.Union([Type.Literal('performance'), Type.Literal('risk'), Type.Literal('benefits')]),
  text: Type.String({ minLength: 1, maxLength: 500 }),
  isMet: Type.Boolean(),
  evidence: Nullable(Type.String({ maxLength: 2000 })),
});
export type HoldCriterion = Static<typeof HoldCriterion>;

export const StageStatus = Type.Union([Type.Literal('not-started'), Type.Literal('started'), Type.Literal('complete')]);
export type StageStatus = Static<typeof StageStatus>;

export const PlanStage = Type.Object({
  stage: StageName,
  status: StageStatus,
  holdPoint: Type.Array(HoldCriterion, { description: 'Criteria that must all be met before this stage starts (none for stabilise)' }),
  startedAt: Nullable(Type.String()),
});
export type PlanStage = Static<typeof PlanStage>;

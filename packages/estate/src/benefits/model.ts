/**
 * The benefits register (Connected Devolution report §5.1 and §6.5): cashable savings, cost
 * avoidance and public value, each with a baseline, target, measure, owner and evidence;
 * measurements over time; gates (hold points) tied to milestones; and the programme scorecard.
 */
import { Type, type Static } from 'typebox';
import { oneOf } from '../governance/model.ts';

export const BENEFIT_KINDS = {
  'cashable-saving': 'Cashable saving',
  'cost-avoidance': 'Cost avoidance',
  'public-value': 'Public value',
} as const;
export type BenefitKind = keyof typeof BENEFIT_KINDS;

export const GATE_KINDS = {
  'system-decommissioned': 'System decommissioned',
  'api-available': 'API available',
  'data-quality-threshold': 'Data-quality threshold met',
  milestone: 'Milestone',
} as const;
export type GateKind = keyof typeof GATE_KINDS;

/** The report's scorecard measures (§5.1.1), each with its unit and which way is better. */
export const SCORECARD_MEASURES = {
  'api-usage': { name: 'API usage', unit: 'calls a month', higherIsBetter: true },
  'component-reuse': { name: 'Component reuse', unit: 'services using shared components', higherIsBetter: true },
  'security-posture': { name: 'Security posture', unit: '% of CAF outcomes achieved', higherIsBetter: true },
  'user-satisfaction': { name: 'User satisfaction', unit: '% satisfied', higherIsBetter: true },
  'time-to-onboard': { name: 'Time to onboard staff', unit: 'days', higherIsBetter: false },
} as const;
export type ScorecardMeasure = keyof typeof SCORECARD_MEASURES;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const GateInput = Type.Object({
  kind: oneOf(Object.keys(GATE_KINDS) as GateKind[]),
  milestone: Type.String({ minLength: 1, maxLength: 500 }),
  isMet: Type.Boolean(),
  metOn: Type.Optional(Nullable(Day)),
});
export type GateInput = Static<typeof GateInput>;

export const BenefitInput = Type.Object({
  reference: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  kind: oneOf(Object.keys(BENEFIT_KINDS) as BenefitKind[]),
  measure: Type.String({ minLength: 1, maxLength: 200 }),
  unit: Type.String({ minLength: 1, maxLength: 40, description: 'GBP for money' }),
  baseline: Type.Number(),
  target: Type.Number(),
  owner: Type.String({ minLength: 1, maxLength: 200 }),
  evidence: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  dueDate: Type.Optional(Nullable(Day)),
  gates: Type.Optional(Type.Array(GateInput, { maxItems: 20, description: 'Replaces the benefit’s gates, in order' })),
});
export type BenefitInput = Static<typeof BenefitInput>;

export const MeasurementInput = Type.Object({
  measuredOn: Day,
  value: Type.Number(),
  evidence: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
});
export type MeasurementInput = Static<typeof MeasurementInput>;

export const Measurement = Type.Object({
  measuredOn: Type.String(),
  value: Type.Number(),
  evidence: Nullable(Type.String()),
  recordedBy: Nullable(Type.String()),
});
export type Measurement = Static<typeof Measurement>;

export const Gate = Type.Object({
  number: Type.Integer(),
  kind: Type.String(),
  milestone: Type.String(),
  isMet: Type.Boolean(),
  metOn: Nullable(Type.String()),
});
export type Gate = Static<typeof Gate>;

export const Benefit = Type.Object({
  reference: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  measure: Type.String(),
  unit: Type.String(),
  baseline: Type.Number(),
  target: Type.Number(),
  owner: Type.String(),
  evidence: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  measurements: Type.Array(Measurement),
  gates: Type.Array(Gate),
  latest: Nullable(Type.Number({ description: 'The latest measurement' })),
  targetGain: Type.Number({ description: 'How far the target is from the baseline, in the direction of the target (always ≥ 0)' }),
  realisedGain: Type.Number({
    description: 'How far the latest measurement has moved from the baseline towards the target (negative: the wrong way)',
  }),
  isTargetReached: Type.Boolean(),
  gatesMet: Type.Integer(),
});
export type Benefit = Static<typeof Benefit>;

export const BenefitTotals = Type.Object({
  kind: Type.String(),
  benefits: Type.Integer(),
  targetGbp: Type.Number({ description: 'Sum of target gains of benefits measured in GBP' }),
  realisedGbp: Type.Number({ description: 'Sum of realised gains of benefits measured in GBP' }),
  targetsReached: Type.Integer(),
});
export type BenefitTotals = Static<typeof BenefitTotals>;

export const ScorecardValueInput = Type.Object({
  measure: oneOf(Object.keys(SCORECARD_MEASURES) as ScorecardMeasure[]),
  periodStart: Day,
  value: Type.Number({ minimum: 0 }),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
});
export type ScorecardValueInput = Static<typeof ScorecardValueInput>;
export const ScorecardValue = Type.Intersect([ScorecardValueInput, Type.Object({ recordedBy: Nullable(Type.String()) })]);
export type ScorecardValue = Static<typeof ScorecardValue>;

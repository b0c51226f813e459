/**
 * Convergence's public surface: duplicates scored on editable criteria, the dependency graph
 * and a decommissioning's impact, switching costs, and the staged plan with hold points.
 *
 * @example
 * import { listDuplicates, chooseTarget, generateConvergencePlan } from '@joinery/estate';
 * const { groups } = await listDuplicates(database, 'wessex-lgr');
 * await chooseTarget(database, user, 'wessex-lgr', { capabilityKey: groups[0].capabilityKey, organisationCode: 'budmouth', reference: 'BBC-APP-004' });
 * const plan = await generateConvergencePlan(database, user, 'wessex-lgr');
 */
export { capabilityKey } from './capability-key.ts';
export { DAY_ONE_CRITICAL_KEYWORDS, dayOneCritical } from './day-one.ts';
export { DEFAULT_WEIGHTS, scoreCandidates, NO_SUPPLIER_HEALTH, type SupplierHealthLookup } from './scoring.ts';
export { DEFAULT_SWITCHING_COST, switchingCost } from './switching-cost.ts';
export { buildGraph, impactOfDecommissioning, downstreamOf, type DependencyGraph } from './graph.ts';
export { generatePlan, DEFAULT_HOLD_POINTS, DEFAULT_PLAN_OPTIONS, reasonsStageCannotStart } from './plan.ts';
export {
  listDuplicates,
  convergenceWeights,
  saveConvergenceWeights,
  saveOpennessFlags,
  chooseTarget,
  loadConvergenceEstate,
  dependencyGraph,
  decommissioningImpact,
  switchingCostParameters,
  saveSwitchingCostParameters,
  generateConvergencePlan,
  getConvergencePlan,
  updatePlanItem,
  updatePlanStage,
  planCsv,
} from './service.ts';
export type {
  ConvergenceApplication,
  ConvergenceIntegration,
  DuplicateGroup,
  Candidate,
  Weights,
  Impact,
  PlanItem,
  PlanStage,
  HoldCriterion,
  SwitchingCostParameters,
} from './model.ts';

/**
 * The staged convergence plan (Connected Devolution, ch. 5), generated from contract dates,
 * dependencies and the chosen targets:
 *
 * - stabilise, up to vesting day: every day-one-critical capability (day-one.ts) protected, its
 *   contracts that end soon extended or novated; targets chosen for duplicated capabilities.
 * - converge, after the first hold point: each non-target application moves to its target and
 *   is retired when its contract ends (never paying to end it early unless it ends before the
 *   move can be done: then it must be extended); an application is not retired before the
 *   applications that depend on it (receive its data) have moved. Applications that feed each
 *   other (a cycle) move together.
 * - optimise, after the second hold point: each converged capability tidied up on its target.
 *
 * Items people have edited keep their stage and dates, and the ordering works around them.
 */
import { addMonths, laterOf, noticeDeadline } from './dates.ts';
import { dayOneCritical } from './day-one.ts';
import { capabilityKey } from './capability-key.ts';
import { nodeKey, stronglyConnected } from './graph.ts';
import type { ConvergenceApplication, ConvergenceIntegration, DuplicateGroup, HoldCriterion, PlanItem, Stage } from './model.ts';

export interface PlanOptions {
  /** Months stabilisation runs before vesting day. */
  stabiliseMonths: number;
  /** Months after vesting day before converge may start (the first hold point). */
  holdMonths: number;
  /** Months a move takes. */
  migrationMonths: number;
  /** Months of optimisation per capability. */
  optimiseMonths: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { stabiliseMonths: 6, holdMonths: 3, migrationMonths: 6, optimiseMonths: 6 };

export interface PlanInput {
  vestingDay: string;
  applications: readonly ConvergenceApplication[];
  groups: readonly DuplicateGroup[];
  integrations: readonly Pick<ConvergenceIntegration, 'source' | 'target'>[];
  /** Items people edited: their stage and dates stand. */
  fixed?: ReadonlyMap<string, Pick<PlanItem, 'stage' | 'start' | 'end'>>;
  options?: Partial<PlanOptions>;
}

export interface GeneratedPlan {
  items: Omit<PlanItem, 'notes' | 'isEdited'>[];
  /** When each stage may start at the earliest (its hold point). */
  holdPoints: { before: Stage; date: string }[];
}

type Item = GeneratedPlan['items'][number];

const blank = (key: string, stage: Stage, kind: Item['kind'], title: string, start: string, end: string): Item => ({
  key,
  stage,
  kind,
  title,
  capabilityKey: null,
  organisationCode: null,
  reference: null,
  targetOrganisationCode: null,
  targetReference: null,
  start,
  end,
  noticeBy: null,
  dependsOn: [],
  isProtected: false,
  reasons: [],
});

/**
 * @example generatePlan({ vestingDay: '2028-04-01', applications, groups, integrations }).items.filter((i) => i.stage === 'converge')
 */
export function generatePlan(input: PlanInput): GeneratedPlan {
  const o = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const vesting = input.vestingDay;
  const stabiliseStart = addMonths(vesting, -o.stabiliseMonths);
  const convergeStart = addMonths(vesting, o.holdMonths);
  const items: Item[] = [];
  const fix = (item: Item): Item => {
    const f = input.fixed?.get(item.key);
    return f ? { ...item, stage: f.stage, start: f.start, end: f.end, reasons: [...item.reasons, 'dates and stage as edited'] } : item;
  };

  // Stabilise: day-one-critical capabilities, whether duplicated or not.
  const byCapability = new Map<string, ConvergenceApplication[]>();
  for (const a of input.applications) {
    const key = capabilityKey(a);
    if (key) byCapability.set(key, [...(byCapability.get(key) ?? []), a]);
  }
  for (const [key, apps] of [...byCapability].sort(([a], [b]) => a.localeCompare(b))) {
    const why = dayOneCritical(key);
    if (!why) continue;
    const item = blank(`protect:${key}`, 'stabilise', 'protect', `Keep ${apps[0]!.capability} safe for day one`, stabiliseStart, vesting);
    item.capabilityKey = key;
    item.isProtected = true;
    item.reasons.push(`day-one critical: ${why}`, `${apps.length} application${apps.length === 1 ? '' : 's'} across the councils`);
    const soon = addMonths(vesting, 12);
    for (const a of apps) {
      const c = a.contract;
      if (!c?.endDate || c.endDate > soon) continue;
      const notice = noticeDeadline(c.endDate, c.noticePeriod);
      item.reasons.push(
        `${a.name} (${a.organisationCode}): contract ${c.reference} ends ${c.endDate}: extend or novate it${notice ? `, notice by ${notice}` : ''}`,
      );
      if (notice && (!item.noticeBy || notice < item.noticeBy)) item.noticeBy = notice;
    }
    items.push(fix(item));
  }

  // Converge: every non-target candidate moves to its capability's target.
  const moves = new Map<string, Item>();
  const baseEnd = new Map<string, string>();
  for (const group of input.groups) {
    if (!group.target) {
      const item = blank(
        `choose:${group.capabilityKey}`,
        'stabilise',
        'choose-target',
        `Choose the target for ${group.capability}`,
        stabiliseStart,
        convergeStart,
      );
      item.capabilityKey = group.capabilityKey;
      item.reasons.push(`${group.candidates.length} candidates; the moves cannot be planned until one is chosen`);
      items.push(fix(item));
      continue;
    }
    const t = group.target;
    const target = group.candidates.find(
      (c) => c.application.organisationCode === t.organisationCode && c.application.reference === t.reference,
    );
    for (const { application: a } of group.candidates) {
      if (a.organisationCode === t.organisationCode && a.reference === t.reference) continue;
      const key = nodeKey(a);
      const item = blank(
        `move:${key}`,
        'converge',
        'move',
        `Move ${a.name} (${a.organisationCode}) to ${target?.application.name ?? t.reference} (${t.organisationCode})`,
        convergeStart,
        convergeStart,
      );
      item.capabilityKey = group.capabilityKey;
      item.organisationCode = a.organisationCode;
      item.reference = a.reference;
      item.targetOrganisationCode = t.organisationCode;
      item.targetReference = t.reference;
      item.isProtected = dayOneCritical(group.capabilityKey) !== null;
      const earliest = addMonths(convergeStart, o.migrationMonths);
      let end = earliest;
      const c = a.contract;
      if (c?.endDate) {
        item.noticeBy = noticeDeadline(c.endDate, c.noticePeriod);
        if (c.endDate >= earliest) {
          end = c.endDate;
          item.reasons.push(
            `retired when contract ${c.reference} ends (${c.endDate})${item.noticeBy ? `; give notice by ${item.noticeBy}` : ''}`,
          );
        } else
          item.reasons.push(
            `contract ${c.reference} ends ${c.endDate}, before the move can be done (${earliest}): extend it to ${earliest}`,
          );
      } else {
        end = addMonths(earliest, 6);
        item.reasons.push('no contract end date known: planned 6 months after the earliest move');
      }
      baseEnd.set(item.key, end);
      item.end = end;
      moves.set(item.key, item);
    }
  }

  // Order the moves: A is retired after the applications that receive its data have moved.
  const consumers = new Map<string, string[]>();
  for (const e of input.integrations) {
    const from = `move:${e.source}`;
    const to = `move:${e.target}`;
    if (from === to || !moves.has(from) || !moves.has(to)) continue;
    consumers.set(from, [...new Set([...(consumers.get(from) ?? []), to])]);
  }
  const keys = [...moves.keys()];
  const components = stronglyConnected(keys, (k) => consumers.get(k) ?? []);
  const finalEnd = new Map<string, string>();
  for (const component of components) {
    const members = new Set(component);
    let end = component.map((k) => input.fixed?.get(k)?.end ?? baseEnd.get(k)!).reduce(laterOf);
    for (const k of component)
      for (const next of consumers.get(k) ?? []) {
        if (members.has(next)) continue;
        const after = addMonths(finalEnd.get(next)!, 1);
        if (after > end) end = after;
      }
    for (const k of component) {
      const item = moves.get(k)!;
      item.dependsOn = [...new Set((consumers.get(k) ?? []).filter((n) => !members.has(n)))].sort();
      if (item.dependsOn.length > 0 && end > baseEnd.get(k)!)
        item.reasons.push(`waits for the applications that receive its data to move first (${item.dependsOn.length})`);
      if (component.length > 1)
        item.reasons.push(
          `moves together with ${component
            .filter((m) => m !== k)
            .map((m) => m.slice('move:'.length))
            .join(', ')}: they feed each other`,
        );
      item.end = end;
      const start = addMonths(end, -o.migrationMonths);
      item.start = start < convergeStart ? convergeStart : start;
      finalEnd.set(k, input.fixed?.get(k)?.end ?? end);
    }
  }
  for (const item of moves.values()) items.push(fix(item));

  // Optimise: once converge is done, each converged capability on its target.
  const lastMove = [...moves.values()].map((m) => finalEnd.get(m.key)!).reduce(laterOf, convergeStart);
  const optimiseStart = addMonths(lastMove, 1);
  for (const group of input.groups) {
    if (!group.target) continue;
    const item = blank(
      `optimise:${group.capabilityKey}`,
      'optimise',
      'optimise',
      `Optimise ${group.capability} on its target: retire the old integrations, renegotiate the contract for the whole council`,
      optimiseStart,
      addMonths(optimiseStart, o.optimiseMonths),
    );
    item.capabilityKey = group.capabilityKey;
    item.targetOrganisationCode = group.target.organisationCode;
    item.targetReference = group.target.reference;
    item.dependsOn = [...moves.values()].filter((m) => m.capabilityKey === group.capabilityKey).map((m) => m.key);
    item.reasons.push('after the second hold point, when every capability has converged');
    items.push(fix(item));
  }

  const order: Record<Stage, number> = { stabilise: 0, converge: 1, optimise: 2 };
  items.sort(
    (a, b) => order[a.stage] - order[b.stage] || a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || a.key.localeCompare(b.key),
  );
  return {
    items,
    holdPoints: [
      { before: 'converge', date: convergeStart },
      { before: 'optimise', date: optimiseStart },
    ],
  };
}

/** The hold points' starting criteria: performance, risk and benefits, before converge and before optimise. */
export const DEFAULT_HOLD_POINTS: Record<Stage, HoldCriterion[]> = {
  stabilise: [],
  converge: [
    {
      id: 'day-one-performance',
      kind: 'performance',
      text: 'Day-one-critical services have run at their agreed service levels for three months',
      isMet: false,
      evidence: null,
    },
    {
      id: 'day-one-risk',
      kind: 'risk',
      text: 'No open critical risks on day-one systems; business continuity and disaster recovery tested',
      isMet: false,
      evidence: null,
    },
    {
      id: 'benefit-baselines',
      kind: 'benefits',
      text: 'A benefit baseline is recorded for every capability to converge',
      isMet: false,
      evidence: null,
    },
  ],
  optimise: [
    {
      id: 'targets-performance',
      kind: 'performance',
      text: 'Every converged capability runs on its target at agreed service levels',
      isMet: false,
      evidence: null,
    },
    {
      id: 'moves-risk',
      kind: 'risk',
      text: 'Retired applications’ data migrated or archived and checked; no critical incidents from the moves',
      isMet: false,
      evidence: null,
    },
    {
      id: 'savings-confirmed',
      kind: 'benefits',
      text: 'Savings from the retired contracts confirmed against the baseline',
      isMet: false,
      evidence: null,
    },
  ],
};

/**
 * Why a stage cannot be marked started (empty when it can): every criterion of its hold point
 * must be met, and the stage before it must have started.
 */
export function reasonsStageCannotStart(
  stages: readonly { stage: Stage; status: string; holdPoint: readonly HoldCriterion[] }[],
  stage: Stage,
): string[] {
  const reasons: string[] = [];
  const index = ['stabilise', 'converge', 'optimise'].indexOf(stage);
  const before = index > 0 ? stages.find((s) => s.stage === ['stabilise', 'converge', 'optimise'][index - 1]) : undefined;
  if (before && before.status === 'not-started') reasons.push(`the ${before.stage} stage has not started`);
  const own = stages.find((s) => s.stage === stage);
  for (const c of own?.holdPoint ?? []) if (!c.isMet) reasons.push(`${c.kind}: ${c.text} — not met`);
  return reasons;
}

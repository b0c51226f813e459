/**
 * Training, unsupervised: u from random pairs, m by EM per blocking rule, then λ for the
 * whole population — the expected number of matches among the blocked pairs over the
 * number of pairs there could be.
 */
import { blockingKeys, ruleName, type BlockedPairs } from './blocking.ts';
import type { CompiledComparison, ComparisonVectors } from './comparison-vectors.ts';
import { expectationMaximisation, initialM } from './em.ts';
import { estimateU } from './estimate-u.ts';
import { estimateLambda } from './lambda.ts';
import { MODEL_FORMAT, MODEL_VERSION, type TrainedModel } from './model.ts';
import type { Records } from './records.ts';
import { comparisonColumns, type LinkageSettings } from './settings.ts';

export function trainModel(
  settings: LinkageSettings,
  records: Records,
  comparisons: CompiledComparison[],
  blocked: BlockedPairs,
  vectors: ComparisonVectors,
): TrainedModel {
  const { u, pairs: uSamplePairs } = estimateU(comparisons, records, settings);
  const nullLevels = comparisons.map((c) => c.nullLevel);
  const start = initialM(
    comparisons.map((c) => c.spec.levels.length),
    nullLevels,
  );
  const sums = start.map((levels) => levels.map(() => 0));
  const sessionsPerComparison = comparisons.map(() => 0);
  const emSessions: TrainedModel['training']['emSessions'] = [];

  settings.blockingRules.forEach((rule, r) => {
    // Every blocked pair this rule would have found, not only those it found first:
    // otherwise a later rule's session never sees pairs that agree on an earlier rule's columns.
    const keys = blockingKeys(records, rule);
    const members: number[] = [];
    for (let p = 0; p < blocked.count; p++) {
      const key = keys[blocked.left[p]!];
      if (key != null && key === keys[blocked.right[p]!]) members.push(p);
    }
    void r;
    const ruleColumns = new Set(rule.keys.map((k) => k.column));
    const free = comparisons.map((c) => !comparisonColumns(c.spec).some((column) => ruleColumns.has(column)));
    if (members.length < 10 || !free.some(Boolean)) return;
    const result = expectationMaximisation({
      vectors,
      pairs: Uint32Array.from(members),
      free,
      used: free,
      m: start,
      u,
      nullLevels,
      lambda: 0.1,
    });
    emSessions.push({ rule: ruleName(rule), pairs: members.length, iterations: result.iterations, lambda: result.lambda });
    comparisons.forEach((_, c) => {
      if (!free[c]) return;
      sessionsPerComparison[c]!++;
      result.m[c]!.forEach((v, l) => (sums[c]![l]! += v ?? 0));
    });
  });

  let m = start.map((levels, c) =>
    levels.map((v, l) => (v == null ? null : sessionsPerComparison[c]! > 0 ? sums[c]![l]! / sessionsPerComparison[c]! : v)),
  );

  // Comparisons no session could estimate (their column is in every rule): one more EM
  // over all pairs, estimating only those, with the others' evidence fixed.
  const untrained = comparisons.map((_, c) => sessionsPerComparison[c] === 0);
  const all = Uint32Array.from({ length: blocked.count }, (_, p) => p);
  if (untrained.some(Boolean)) {
    const result = expectationMaximisation({
      vectors,
      pairs: all,
      free: untrained,
      used: comparisons.map(() => true),
      m,
      u,
      nullLevels,
      lambda: 0.1,
    });
    m = result.m;
    emSessions.push({
      rule: '(all blocked pairs, for comparisons on blocking columns)',
      pairs: blocked.count,
      iterations: result.iterations,
      lambda: result.lambda,
    });
  }

  const lambda = estimateLambda(settings, records, blocked, vectors, m, u, nullLevels);

  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    settings,
    lambda,
    comparisons: comparisons.map((c, ci) => ({
      name: c.spec.name,
      column: c.spec.column,
      levels: c.spec.levels.map((level, l) => ({ label: level.label, m: m[ci]![l] ?? null, u: u[ci]![l] ?? null })),
    })),
    training: { records: records.count, blockedPairs: blocked.count, uSamplePairs, emSessions },
  };
}

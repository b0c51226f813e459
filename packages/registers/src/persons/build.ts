/**
 * Building (or refreshing) the index: every active source record is linked into persons by
 * the linkage engine with the stored model (trained without labels the first time; retrained
 * on demand, optionally from reviewers' decisions), reviewers' decisions are applied (same:
 * always linked; different: never linked directly), stable person ids are carried over, and
 * merges and splits are written to each person's history. After the first build, a build is
 * incremental: only the records changed since the last one, and the persons they touch, are
 * re-linked (`incremental.ts`); a full build re-links everything.
 */
import { recordAudit, type Database } from '@joinery/core';
import {
  assertModel,
  clusterSingleBestLinks,
  explainPair,
  link,
  type Clusters,
  type LinkResult,
  type Records,
  type ScoredPairs,
  type TrainedModel,
} from '@joinery/linkage';
import { registersError } from '../errors.ts';
import { recordKeyString, type BuildReport } from './model.ts';
import { forgetMatchIndex } from './match.ts';
import { DEFAULT_REVIEW_LOWER_BOUND, DEFAULT_THRESHOLD, linkageTables, personLinkageSettings, personTrainingSettings } from './settings.ts';
import { recordsToRelink } from './incremental.ts';
import { assignPersonIds } from './stable-ids.ts';
import {
  activeRecords,
  changesSince,
  countPersons,
  databaseNow,
  latestBuild,
  reviewPairKeys,
  existingPersonIds,
  insertBuild,
  insertHistory,
  insertModel,
  insertPersons,
  latestModel,
  listDecisions,
  personStates,
  personsDb,
  replaceReviewPairs,
  setPersonStates,
  setRecordPersons,
  type HistoryWrite,
  type ReviewPairWrite,
} from './store.ts';
import type { Actor } from './systems.ts';

export interface BuildOptions {
  /** Train a new model even though one is stored. */
  retrain?: boolean;
  /** Retrain with m learnt from reviewers' "same person" decisions (implies retrain). */
  trainFromDecisions?: boolean;
  threshold?: number;
  reviewLowerBound?: number;
  /** Pairs kept in the review queue, most probable first. */
  maxReviewPairs?: number;
  /**
   * false: re-link every record. Otherwise only records changed since the last build and the
   * persons they touch are re-linked, unless the model is (re)trained, the threshold or review
   * bound changed, or most records would be re-linked anyway.
   */
  incremental?: boolean;
  onStage?: (stage: string, detail: string) => void;
}

/** Systems that register each person once (an elector, a patient, a claimant): by the system code. */
const DUPLICATE_FREE_KINDS = /\/(electoral-register|gp-registrations|pas)$/;

type Decision = Awaited<ReturnType<typeof listDecisions>>[number];

/** Each record's label for training from decisions: records joined by "same" decisions share one. */
function labelsFromDecisions(records: Records, decisions: Decision[]): (string | undefined)[] {
  const index = new Map<string, number>();
  for (let i = 0; i < records.count; i++) index.set(recordKeyString(records.sources[i]!, records.ids[i]!), i);
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const d of decisions) {
    if (d.decision !== 'same') continue;
    const a = index.get(recordKeyString(d.left_system_key, d.left_record_id));
    const b = index.get(recordKeyString(d.right_system_key, d.right_record_id));
    if (a === undefined || b === undefined) continue;
    const ra = find(a);
    const rb = find(b);
    if (!parent.has(ra)) parent.set(ra, ra);
    parent.set(rb, ra);
  }
  return Array.from({ length: records.count }, (_, i) => (parent.has(i) ? `L${find(i)}` : undefined));
}

/** Scored pairs with decisions applied: "different" pairs scored 0, "same" pairs added at 1. */
function applyDecisions(
  result: LinkResult,
  decisions: Decision[],
): { pairs: ScoredPairs; rejected: Set<string>; decided: Set<string>; accepted: [number, number][] } {
  const { records, scored } = result;
  const index = new Map<string, number>();
  for (let i = 0; i < records.count; i++) index.set(recordKeyString(records.sources[i]!, records.ids[i]!), i);
  const pairKey = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  const rejected = new Set<string>();
  const decided = new Set<string>();
  const accepted: [number, number][] = [];
  for (const d of decisions) {
    const a = index.get(recordKeyString(d.left_system_key, d.left_record_id));
    const b = index.get(recordKeyString(d.right_system_key, d.right_record_id));
    if (a === undefined || b === undefined) continue; // a record retired since: nothing to apply
    decided.add(pairKey(a, b));
    if (d.decision === 'different') rejected.add(pairKey(a, b));
    else accepted.push([a, b]);
  }
  const count = scored.count + accepted.length;
  const pairs: ScoredPairs = {
    left: new Int32Array(count),
    right: new Int32Array(count),
    weight: new Float64Array(count),
    probability: new Float64Array(count),
    count,
  };
  pairs.left.set(scored.left.subarray(0, scored.count));
  pairs.right.set(scored.right.subarray(0, scored.count));
  pairs.weight.set(scored.weight.subarray(0, scored.count));
  pairs.probability.set(scored.probability.subarray(0, scored.count));
  if (rejected.size > 0)
    for (let p = 0; p < scored.count; p++)
      if (rejected.has(pairKey(scored.left[p]!, scored.right[p]!))) {
        pairs.probability[p] = 0;
        pairs.weight[p] = -Infinity;
      }
  accepted.forEach(([a, b], k) => {
    const p = scored.count + k;
    pairs.left[p] = a;
    pairs.right[p] = b;
    pairs.weight[p] = Infinity;
    pairs.probability[p] = 1;
  });
  return { pairs, rejected, decided, accepted };
}

/** "Same person" decisions join their records even where single-best-links would not (two records of one duplicate-free system). */
function honourAccepted(clusters: Clusters, accepted: [number, number][]): Clusters {
  if (accepted.length === 0) return clusters;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const [a, b] of accepted) {
    const ra = find(clusters.clusterOf[a]!);
    const rb = find(clusters.clusterOf[b]!);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const clusterOf = clusters.clusterOf.map((c) => find(c));
  return { clusterOf, count: new Set(clusterOf).size };
}

/**
 * Every active record as the linkage engine reads it: one input table per source system, and
 * the records in the order the engine numbers them (for running the engine on the index's data).
 * @example const { tables } = await linkageInput(database); link(personLinkageSettings(), tables)
 */
export async function linkageInput(database: Database) {
  return linkageTables(await activeRecords(personsDb(database.db)));
}

/**
 * @example const report = await buildPersonIndex(database, admin); report.persons
 */
export async function buildPersonIndex(database: Database, actor: Actor, options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now();
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const lower = Math.min(options.reviewLowerBound ?? DEFAULT_REVIEW_LOWER_BOUND, threshold);
  const db = personsDb(database.db);
  const startedAt = await databaseNow(db);
  const { tables, ordered } = await linkageInput(database);
  if (ordered.length < 2)
    throw registersError('REGISTERS_INDEX_EMPTY', 'The person index needs at least two active source records: load an extract first');
  const decisions = await listDecisions(db);
  const saved = await latestModel(db);
  const settings = personLinkageSettings(threshold);
  // A model trained on other comparisons (an older Joinery) cannot score these: retrain.
  const shape = (s: TrainedModel['settings'] | undefined) =>
    JSON.stringify(s?.comparisons.map((c) => [c.column, c.levels.map((l) => l.label)]));
  const stale = saved && shape((saved.model as TrainedModel).settings) !== shape(settings);
  const retrain = Boolean(options.retrain || options.trainFromDecisions || !saved || stale);
  let model: TrainedModel;
  if (!retrain) {
    const stored = saved!.model as unknown;
    assertModel(stored);
    model = stored;
  } else {
    if (options.trainFromDecisions && !decisions.some((d) => d.decision === 'same'))
      throw registersError(
        'REGISTERS_INDEX_EMPTY',
        'No reviewer has yet said two records are the same person: there is nothing to train from',
      );
    model = link(personTrainingSettings(settings), tables, {
      trainingLabels: options.trainFromDecisions ? (records) => labelsFromDecisions(records, decisions) : undefined,
      onStage: (stage, detail) => options.onStage?.(`training ${stage}`, detail),
    }).model;
  }
  // The trained m, u and λ with the current settings (blocking, this build's threshold).
  model = { ...model, settings: { ...settings, threshold } };

  // Incremental: only what changed since the last build, and the persons it touches.
  const previousBuild = await latestBuild(db);
  let work = { tables, ordered };
  let termFrequencies;
  let mode: 'full' | 'incremental' = 'full';
  let changedRecords = ordered.length;
  const touched = new Set<string>();
  let changedKeys: Set<string> | undefined;
  if (
    options.incremental !== false &&
    !retrain &&
    previousBuild?.started_at &&
    previousBuild.threshold === threshold &&
    previousBuild.review_lower_bound === lower
  ) {
    const changes = await changesSince(db, new Date(previousBuild.started_at));
    const relink = recordsToRelink(ordered, tables, model, changes, decisions, lower);
    // Re-linking most records costs what a full build does, and a full build re-scores every pair.
    if (relink.records.length <= ordered.length / 2) {
      mode = 'incremental';
      changedRecords = relink.changed.length;
      changedKeys = new Set(relink.changed.map((i) => recordKeyString(ordered[i]!.system_key, ordered[i]!.source_record_id)));
      const subset = relink.records.map((i) => ordered[i]!);
      work = linkageTables(subset);
      termFrequencies = relink.termFrequencies;
      for (const r of subset) if (r.person_id) touched.add(r.person_id);
      for (const id of changes.personIds) touched.add(id);
      options.onStage?.(
        'incremental',
        `${relink.changed.length} records changed since build ${previousBuild.id}; ${subset.length} re-linked`,
      );
    }
  }
  const result = link(model.settings, work.tables, { model, termFrequencies, onStage: options.onStage });
  const { pairs, decided, accepted } = applyDecisions(result, decisions);
  // Systems that hold each person once: a chain of weak links may not put two of their records in one person.
  const duplicateFree = result.records.sourceNames.map((source) => DUPLICATE_FREE_KINDS.test(source));
  const clusters = honourAccepted(clusterSingleBestLinks(result.records.sourceOf, pairs, threshold, duplicateFree), accepted);

  const previous = work.ordered.map((r) => r.person_id);
  const assignment = assignPersonIds(previous, clusters.clusterOf, await existingPersonIds(db));

  // The grey zone: pairs between the lower bound and the threshold, in different persons, not yet decided.
  const review: ReviewPairWrite[] = [];
  const grey: number[] = [];
  for (let p = 0; p < pairs.count; p++) {
    const probability = pairs.probability[p]!;
    if (probability < lower || probability >= threshold) continue;
    const a = pairs.left[p]!;
    const b = pairs.right[p]!;
    if (clusters.clusterOf[a] === clusters.clusterOf[b] || decided.has(a < b ? `${a},${b}` : `${b},${a}`)) continue;
    grey.push(p);
  }
  grey.sort((x, y) => pairs.probability[y]! - pairs.probability[x]!);
  for (const p of grey.slice(0, options.maxReviewPairs ?? 5000)) {
    let a = pairs.left[p]!;
    let b = pairs.right[p]!;
    const ka = [work.ordered[a]!.system_key, work.ordered[a]!.source_record_id] as const;
    const kb = [work.ordered[b]!.system_key, work.ordered[b]!.source_record_id] as const;
    // Stored in key order, as decisions are.
    if (ka[0] > kb[0] || (ka[0] === kb[0] && ka[1] > kb[1])) [a, b] = [b, a];
    const explanation = explainPair(result.model, result.comparisons, result.records, result.termFrequencies, a, b);
    review.push({
      leftSystemKey: work.ordered[a]!.system_key,
      leftRecordId: work.ordered[a]!.source_record_id,
      rightSystemKey: work.ordered[b]!.system_key,
      rightRecordId: work.ordered[b]!.source_record_id,
      matchProbability: pairs.probability[p]!,
      matchWeight: pairs.weight[p]!,
      explanation,
    });
  }

  const report = await database.db.transaction().execute(async (trx) => {
    const tdb = personsDb(trx);
    const modelVersion = retrain
      ? await insertModel(tdb, {
          model: result.model,
          trainedFrom: result.model.training.mFrom === 'labels' ? 'labels' : 'em',
          labelledPairs: result.model.training.labelledPairsUsed ?? 0,
          recordCount: result.records.count,
          trainedBy: actor?.username ?? null,
        })
      : saved!.version;
    await insertPersons(
      tdb,
      assignment.created.map((c) => ({ id: c.id, recordCount: c.records })),
    );
    const mergedInto = new Map(assignment.merged.map((m) => [m.id, m.into]));
    // A full build decides every person; an incremental one only those it touched.
    const decides = (p: { id: string; status: string }) =>
      assignment.sizes.has(p.id) || (mode === 'full' ? p.status === 'active' : touched.has(p.id));
    const states = (await personStates(tdb)).filter(decides);
    const stateOf = new Map(states.map((s) => [s.id, s]));
    const changes = states
      .map((p) => {
        const size = assignment.sizes.get(p.id);
        if (size !== undefined) return { id: p.id, status: 'active' as const, mergedInto: null, recordCount: size };
        const into = mergedInto.get(p.id);
        if (into) return { id: p.id, status: 'merged' as const, mergedInto: into, recordCount: 0 };
        return { id: p.id, status: 'retired' as const, mergedInto: null, recordCount: 0 };
      })
      .filter((c) => {
        const before = stateOf.get(c.id);
        return !before || before.status !== c.status || before.record_count !== c.recordCount || before.merged_into !== c.mergedInto;
      });
    const retired = changes.filter((c) => c.status === 'retired').map((c) => c.id);
    await setPersonStates(tdb, changes);
    await setRecordPersons(
      tdb,
      work.ordered.flatMap((r, i) => (r.person_id === assignment.personOf[i] ? [] : [{ id: r.id, personId: assignment.personOf[i]! }])),
    );
    const seconds = (performance.now() - started) / 1000;
    const persons = mode === 'full' ? assignment.sizes.size : await countPersons(tdb);
    // The review queue after this build: all new; or the old one less the pairs re-scored now (both
    // records re-linked) and those of changed records (their evidence is stale), plus the new ones.
    const relinked = new Set(work.ordered.map((r) => recordKeyString(r.system_key, r.source_record_id)));
    const queued = mode === 'full' ? [] : await reviewPairKeys(tdb);
    const removeIds = queued
      .filter((q) => {
        const left = recordKeyString(q.left_system_key, q.left_record_id);
        const right = recordKeyString(q.right_system_key, q.right_record_id);
        return (relinked.has(left) && relinked.has(right)) || changedKeys!.has(left) || changedKeys!.has(right);
      })
      .map((q) => q.id);
    const reviewPairs = queued.length - removeIds.length + review.length;
    const buildId = await insertBuild(tdb, {
      model_version: modelVersion,
      record_count: ordered.length,
      person_count: persons,
      new_person_count: assignment.created.length,
      merge_count: assignment.merged.length,
      split_count: assignment.split.length,
      review_pair_count: reviewPairs,
      threshold,
      review_lower_bound: lower,
      seconds,
      built_by: actor?.username ?? null,
      started_at: startedAt,
      mode,
      relinked_record_count: work.ordered.length,
    });
    const history: HistoryWrite[] = [];
    for (const c of assignment.created) {
      history.push({
        personId: c.id,
        event: c.splitFrom.length > 0 ? 'split-from' : 'created',
        otherPersonIds: c.splitFrom,
        buildId,
        detail: { records: c.records },
      });
    }
    const absorbed = new Map<string, string[]>();
    for (const m of assignment.merged) {
      history.push({ personId: m.id, event: 'merged', otherPersonIds: [m.into], buildId, detail: { records: m.records } });
      absorbed.set(m.into, [...(absorbed.get(m.into) ?? []), m.id]);
    }
    for (const [into, ids] of absorbed) history.push({ personId: into, event: 'absorbed', otherPersonIds: ids.sort(), buildId });
    for (const s of assignment.split)
      history.push({ personId: s.id, event: 'split', otherPersonIds: s.parts, buildId, detail: { kept: s.kept, moved: s.moved } });
    for (const id of retired) history.push({ personId: id, event: 'retired', buildId });
    await insertHistory(tdb, history);
    await replaceReviewPairs(tdb, buildId, review, mode === 'full' ? undefined : removeIds);
    const built: BuildReport = {
      buildId,
      modelVersion,
      trained: retrain,
      mode,
      records: ordered.length,
      changedRecords,
      relinkedRecords: work.ordered.length,
      persons,
      newPersons: assignment.created.length,
      merges: assignment.merged.length,
      splits: assignment.split.length,
      reviewPairs,
      seconds,
    };
    await recordAudit(trx, {
      actor,
      action: 'person-index.build',
      subjectType: 'person-index',
      subjectId: String(buildId),
      details: { ...built },
    });
    return built;
  });
  forgetMatchIndex(database);
  return report;
}

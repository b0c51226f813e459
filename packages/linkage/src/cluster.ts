/**
 * Clustering: connected components of the pairs at or above the threshold (union–find
 * with path halving). Each cluster is named after its first record in input order, so
 * cluster ids are stable for the same input. Connected components can chain weak links:
 * `clusterSingleBestLinks` is the stricter option.
 */
import type { ScoredPairs } from './predict.ts';

export interface Clusters {
  /** Cluster index (the smallest record index in it) for every record. */
  clusterOf: Int32Array;
  count: number;
}

/** Union–find with path halving; the smaller index becomes the root, so a cluster is named after its first record. */
class DisjointSets {
  private readonly parent: Int32Array;
  constructor(count: number) {
    this.parent = new Int32Array(count);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  }
  /** Joins two roots; returns the surviving root. */
  join(a: number, b: number): number {
    const [root, child] = a < b ? [a, b] : [b, a];
    this.parent[child] = root;
    return root;
  }
  clusters(): Clusters {
    const clusterOf = new Int32Array(this.parent.length);
    let count = 0;
    for (let i = 0; i < clusterOf.length; i++) {
      clusterOf[i] = this.find(i);
      if (clusterOf[i] === i) count++;
    }
    return { clusterOf, count };
  }
}

export function clusterAtThreshold(recordCount: number, pairs: ScoredPairs, threshold: number): Clusters {
  const sets = new DisjointSets(recordCount);
  for (let p = 0; p < pairs.count; p++) {
    if (pairs.probability[p]! < threshold) continue;
    const a = sets.find(pairs.left[p]!);
    const b = sets.find(pairs.right[p]!);
    if (a !== b) sets.join(a, b);
  }
  return sets.clusters();
}

/**
 * Stricter clustering (Splink's cluster_single_best_links): pairs at or above the
 * threshold are taken best first, and a pair is skipped when joining would put two records
 * of one duplicate-free source in the same cluster. So a chain through a weak link cannot
 * merge two people a source keeps apart, and each record joins its best match in each source.
 * @param sourceOf each record's source index
 * @param duplicateFree per source index: does it hold each person once?
 */
export function clusterSingleBestLinks(
  sourceOf: ArrayLike<number>,
  pairs: ScoredPairs,
  threshold: number,
  duplicateFree: readonly boolean[],
): Clusters {
  const recordCount = sourceOf.length;
  const order: number[] = [];
  for (let p = 0; p < pairs.count; p++) if (pairs.probability[p]! >= threshold) order.push(p);
  // Best first; ties broken by weight then by record indices so that the result is repeatable.
  order.sort(
    (x, y) =>
      pairs.weight[y]! - pairs.weight[x]! ||
      Math.min(pairs.left[x]!, pairs.right[x]!) - Math.min(pairs.left[y]!, pairs.right[y]!) ||
      Math.max(pairs.left[x]!, pairs.right[x]!) - Math.max(pairs.left[y]!, pairs.right[y]!),
  );
  const sets = new DisjointSets(recordCount);
  // The duplicate-free sources already in each cluster, kept at its root.
  const held = new Map<number, Set<number>>();
  const sourcesOf = (root: number) => held.get(root) ?? (duplicateFree[sourceOf[root]!] ? new Set([sourceOf[root]!]) : new Set<number>());
  for (const p of order) {
    const a = sets.find(pairs.left[p]!);
    const b = sets.find(pairs.right[p]!);
    if (a === b) continue;
    const sa = sourcesOf(a);
    const sb = sourcesOf(b);
    const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
    if ([...small].some((s) => large.has(s))) continue;
    const root = sets.join(a, b);
    for (const s of sb) sa.add(s);
    held.delete(a === root ? b : a);
    held.set(root, sa);
  }
  return sets.clusters();
}

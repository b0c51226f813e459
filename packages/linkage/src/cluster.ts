/**
 * Clustering: connected components of the pairs at or above the threshold (union–find
 * with path halving). Each cluster is named after its first record in input order, so
 * cluster ids are stable for the same input. Connected components can chain weak links;
 * `clusterAtThreshold` with a higher threshold is the stricter option.
 */
import type { ScoredPairs } from './predict.ts';

export interface Clusters {
  /** Cluster index (the smallest record index in it) for every record. */
  clusterOf: Int32Array;
  count: number;
}

export function clusterAtThreshold(recordCount: number, pairs: ScoredPairs, threshold: number): Clusters {
  const parent = new Int32Array(recordCount);
  for (let i = 0; i < recordCount; i++) parent[i] = i;
  const find = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let p = 0; p < pairs.count; p++) {
    if (pairs.probability[p]! < threshold) continue;
    const a = find(pairs.left[p]!);
    const b = find(pairs.right[p]!);
    if (a === b) continue;
    // The smaller index becomes the root, so the cluster is named after its first record.
    if (a < b) parent[b] = a;
    else parent[a] = b;
  }
  const clusterOf = new Int32Array(recordCount);
  let count = 0;
  for (let i = 0; i < recordCount; i++) {
    clusterOf[i] = find(i);
    if (clusterOf[i] === i) count++;
  }
  return { clusterOf, count };
}

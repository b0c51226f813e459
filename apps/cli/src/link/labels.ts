/**
 * Ground-truth labels for evaluation: either cluster ids (id, cluster) or matching pairs
 * (id_l, id_r); an optional source column (source / source_l, source_r) tells records of
 * different files apart. Pairs are turned into entities by connected components.
 */
import { JoineryError } from '@joinery/core';
import type { Records } from '@joinery/linkage';
import { readTable } from './read-table.ts';

export function readLabels(file: string, records: Records): (string | undefined)[] {
  const table = readTable(file);
  const index = new Map<string, number>();
  records.ids.forEach((id, i) => {
    index.set(`${records.sources[i]}\u0000${id}`, i);
    if (!index.has(`\u0000${id}`)) index.set(`\u0000${id}`, i);
  });
  const find = (source: string | undefined, id: string) => index.get(`${source ?? ''}\u0000${id}`);
  const truth: (string | undefined)[] = new Array(records.count).fill(undefined);
  const has = (c: string) => table.columns.includes(c);
  if (has('id') && has('cluster')) {
    for (const row of table.rows) {
      const i = find(row.source, row.id!);
      if (i !== undefined) truth[i] = row.cluster;
    }
    return truth;
  }
  if (has('id_l') && has('id_r')) {
    const parent = Array.from({ length: records.count }, (_, i) => i);
    const root = (x: number): number => (parent[x] === x ? x : (parent[x] = root(parent[x]!)));
    const labelled = new Set<number>();
    for (const row of table.rows) {
      const a = find(row.source_l, row.id_l!);
      const b = find(row.source_r, row.id_r!);
      if (a === undefined || b === undefined) continue;
      labelled.add(a).add(b);
      parent[root(a)] = root(b);
    }
    // Records no label mentions are their own entity: every true pair is in the labels.
    return truth.map((_, i) => String(labelled.has(i) ? root(i) : i));
  }
  throw new JoineryError(
    'LINKAGE_LABELS_INVALID',
    400,
    `${file} needs columns id and cluster, or id_l and id_r (it has ${table.columns.join(', ')})`,
  );
}

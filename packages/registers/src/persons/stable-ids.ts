/**
 * Stable person ids across re-clustering. Each new cluster keeps the id most of its records
 * had (greedily, largest overlap first, so when a person splits its largest part keeps the
 * id); clusters left without one get a new id. An old id that no cluster kept was merged
 * into the cluster holding most of its records; an old id whose records went to several
 * clusters was split. Pure: the build writes what this decides.
 */
import { randomBytes } from 'node:crypto';

// Crockford's base 32: no I, L, O or U, so ids read aloud and typed by hand survive.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new person id: P and ten Crockford base-32 characters (50 random bits). */
export function newPersonId(): string {
  const bytes = randomBytes(10);
  let id = 'P';
  for (const b of bytes) id += ALPHABET[b & 31];
  return id;
}

export interface IdAssignment {
  /** The person id of every record, in record order. */
  personOf: string[];
  /** Ids made now, each with the old ids it was split from (empty: a new person). */
  created: { id: string; splitFrom: string[]; records: number }[];
  /** Old ids no cluster kept, and the id that holds most of their records now. */
  merged: { id: string; into: string; records: number }[];
  /** Old ids kept by one cluster whose records also went to other persons. */
  split: { id: string; parts: string[]; kept: number; moved: number }[];
  /** Records in each person now. */
  sizes: Map<string, number>;
}

/**
 * @param previous each record's person id before (null for a record never linked)
 * @param clusterOf each record's cluster (any integer label)
 * @param taken every id ever issued (so a new id never reuses a retired or merged one)
 */
export function assignPersonIds(
  previous: readonly (string | null)[],
  clusterOf: ArrayLike<number>,
  taken: ReadonlySet<string>,
  makeId: () => string = newPersonId,
): IdAssignment {
  const members = new Map<number, number[]>();
  for (let i = 0; i < clusterOf.length; i++) {
    const c = clusterOf[i]!;
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  }
  // Votes: how many of each cluster's records each old id had.
  const votes = new Map<number, Map<string, number>>();
  const spread = new Map<string, Map<number, number>>();
  for (const [c, list] of members) {
    const v = new Map<string, number>();
    for (const i of list) {
      const old = previous[i];
      if (old) v.set(old, (v.get(old) ?? 0) + 1);
    }
    votes.set(c, v);
    for (const [old, n] of v) {
      const s = spread.get(old) ?? new Map<number, number>();
      s.set(c, n);
      spread.set(old, s);
    }
  }
  const candidates: { c: number; old: string; n: number; size: number }[] = [];
  for (const [c, v] of votes) for (const [old, n] of v) candidates.push({ c, old, n, size: members.get(c)!.length });
  candidates.sort((a, b) => b.n - a.n || b.size - a.size || (a.old < b.old ? -1 : a.old > b.old ? 1 : a.c - b.c));
  const idOfCluster = new Map<number, string>();
  const clusterOfId = new Map<string, number>();
  for (const { c, old } of candidates) {
    if (idOfCluster.has(c) || clusterOfId.has(old)) continue;
    idOfCluster.set(c, old);
    clusterOfId.set(old, c);
  }
  const issued = new Set(taken);
  const created: IdAssignment['created'] = [];
  for (const [c, list] of members) {
    if (idOfCluster.has(c)) continue;
    let id = makeId();
    while (issued.has(id)) id = makeId();
    issued.add(id);
    idOfCluster.set(c, id);
    created.push({ id, splitFrom: [...votes.get(c)!.keys()].sort(), records: list.length });
  }
  const merged: IdAssignment['merged'] = [];
  const split: IdAssignment['split'] = [];
  for (const [old, where] of spread) {
    const kept = clusterOfId.get(old);
    if (kept === undefined) {
      // Nobody kept this id: it was merged into the person holding most of its records.
      const [best] = [...where].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      merged.push({ id: old, into: idOfCluster.get(best![0])!, records: [...where.values()].reduce((s, n) => s + n, 0) });
    } else if (where.size > 1) {
      const parts = [...where.keys()].filter((c) => c !== kept).map((c) => idOfCluster.get(c)!);
      split.push({
        id: old,
        parts: parts.sort(),
        kept: where.get(kept)!,
        moved: [...where].filter(([c]) => c !== kept).reduce((s, [, n]) => s + n, 0),
      });
    }
  }
  const personOf = Array.from({ length: clusterOf.length }, (_, i) => idOfCluster.get(clusterOf[i]!)!);
  const sizes = new Map<string, number>();
  for (const [c, list] of members) sizes.set(idOfCluster.get(c)!, list.length);
  return { personOf, created, merged, split, sizes };
}

/**
 * Merging the predecessors' gazetteers into one register: one approved address per UPRN,
 * and every disagreement reported for the address custodian to resolve:
 * - the same UPRN held with different addresses (say which parts differ);
 * - the same address held under different UPRNs.
 * Where two councils hold a UPRN differently, the version whose street is described as most
 * of that street's addresses describe it wins (a boundary property's neighbour writes the
 * street its own way); historical and alternative addresses never win over approved ones.
 */
import { singleLineAddress, type RegisterAddress } from '../address.ts';

export interface MergeConflict {
  kind: 'same-uprn-different-address' | 'same-address-different-uprns';
  uprns: string[];
  summary: string;
  /** Each version: which gazetteer holds it and how it reads. */
  versions: { authority: string; uprn: string; address: string }[];
  /** For same-uprn-different-address: the parts that differ. */
  differs?: string[];
}

export interface MergedRegister {
  addresses: RegisterAddress[];
  conflicts: MergeConflict[];
}

const PARTS = [
  'organisation',
  'saoText',
  'saoStartNumber',
  'saoStartSuffix',
  'paoText',
  'paoStartNumber',
  'paoStartSuffix',
  'paoEndNumber',
  'street',
  'locality',
  'town',
  'postcode',
] as const satisfies readonly (keyof RegisterAddress)[];

const RANK: Record<RegisterAddress['status'], number> = { approved: 0, provisional: 1, alternative: 2, historical: 3 };

const normalise = (value: unknown) =>
  value === undefined || value === null ? '' : String(value).toUpperCase().replace(/\s+/g, ' ').trim();
const comparable = (a: RegisterAddress) => normalise(singleLineAddress({ ...a, authority: '', status: 'approved' }));
const streetDescriptor = (a: RegisterAddress) => `${a.usrn ?? ''}|${normalise(a.street)}|${normalise(a.locality)}|${normalise(a.town)}`;

/**
 * @example const { addresses, conflicts } = mergePredecessorGazetteers([{ authority: 'casterbridge', addresses }, { authority: 'budmouth', addresses: others }]);
 */
export function mergePredecessorGazetteers(gazetteers: { authority: string; addresses: RegisterAddress[] }[]): MergedRegister {
  // Each gazetteer's best version of each UPRN.
  const versions = new Map<string, RegisterAddress[]>();
  for (const g of gazetteers) {
    const best = new Map<string, RegisterAddress>();
    for (const a of g.addresses) {
      const held = best.get(a.uprn);
      if (!held || RANK[a.status] < RANK[held.status]) best.set(a.uprn, { ...a, authority: g.authority });
    }
    for (const [uprn, a] of best) {
      const list = versions.get(uprn);
      if (list) list.push(a);
      else versions.set(uprn, [a]);
    }
  }
  // How each street is usually described, across every version held.
  const descriptors = new Map<string, number>();
  for (const list of versions.values())
    for (const a of list) descriptors.set(streetDescriptor(a), (descriptors.get(streetDescriptor(a)) ?? 0) + 1);

  const addresses: RegisterAddress[] = [];
  const conflicts: MergeConflict[] = [];
  for (const [uprn, list] of versions) {
    const ordered = [...list].sort(
      (x, y) =>
        RANK[x.status] - RANK[y.status] || (descriptors.get(streetDescriptor(y)) ?? 0) - (descriptors.get(streetDescriptor(x)) ?? 0),
    );
    const chosen = ordered[0]!;
    addresses.push(chosen);
    const distinct = new Map<string, RegisterAddress>();
    for (const a of ordered) if (!distinct.has(comparable(a))) distinct.set(comparable(a), a);
    if (distinct.size > 1) {
      const differs = PARTS.filter((part) => new Set(ordered.map((a) => normalise(a[part]))).size > 1);
      conflicts.push({
        kind: 'same-uprn-different-address',
        uprns: [uprn],
        summary: `UPRN ${uprn} is held by ${ordered.map((a) => a.authority).join(' and ')} with different ${differs.join(', ')}: ${[...distinct.values()].map((a) => `“${singleLineAddress(a)}” (${a.authority})`).join(' and ')}`,
        versions: ordered.map((a) => ({ authority: a.authority, uprn, address: singleLineAddress(a) })),
        differs,
      });
    }
  }
  addresses.sort((a, b) => Number(a.uprn) - Number(b.uprn));

  const byAddress = new Map<string, RegisterAddress[]>();
  for (const a of addresses) {
    const key = comparable(a);
    const list = byAddress.get(key);
    if (list) list.push(a);
    else byAddress.set(key, [a]);
  }
  for (const list of byAddress.values()) {
    if (list.length < 2) continue;
    conflicts.push({
      kind: 'same-address-different-uprns',
      uprns: list.map((a) => a.uprn),
      summary: `“${singleLineAddress(list[0]!)}” is held under ${list.length} UPRNs: ${list.map((a) => `${a.uprn} (${a.authority})`).join(', ')}`,
      versions: list.map((a) => ({ authority: a.authority, uprn: a.uprn, address: singleLineAddress(a) })),
    });
  }
  return { addresses, conflicts };
}

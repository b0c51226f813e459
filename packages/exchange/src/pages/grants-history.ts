/**
 * An access right's history as its page shows it: the chain of grants that supersede one
 * another (a change to an approved grant is a new grant that names it), oldest first, and — while
 * a change waits for the provider — what is in force beside what is proposed, field by field.
 * The authority's rule it makes visible: the grant in force stays in force until the change is
 * approved (authority/grant-decisions.ts).
 */
import type { Grant } from '../authority/model.ts';

/** Every grant linked to this one by `supersedes`, either way, oldest first. */
export function supersessionChain(grant: Grant, sameClientAndService: Grant[]): Grant[] {
  const byId = new Map(sameClientAndService.map((g) => [g.id, g]));
  byId.set(grant.id, grant);
  const chain: Grant[] = [grant];
  const seen = new Set([grant.id]);
  for (let g = grant; g.supersedes && byId.has(g.supersedes) && !seen.has(g.supersedes);) {
    g = byId.get(g.supersedes)!;
    seen.add(g.id);
    chain.unshift(g);
  }
  // Forward: each grant may have had several proposed changes (refused ones, then one approved).
  for (let frontier = [grant.id]; frontier.length;) {
    const next = sameClientAndService.filter((g) => g.supersedes && frontier.includes(g.supersedes) && !seen.has(g.id));
    for (const g of next) seen.add(g.id);
    chain.push(...next);
    frontier = next.map((g) => g.id);
  }
  return chain.sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
}

export interface PendingChange {
  inForce: Grant;
  proposed: Grant;
  rows: { label: string; inForce: string; proposed: string; isChanged: boolean }[];
}

const FIELDS: { label: string; of: (g: Grant) => string }[] = [
  { label: 'Operations', of: (g) => (g.operations[0] === '*' ? 'all' : g.operations.join(', ')) },
  { label: 'Purpose', of: (g) => g.purpose },
  { label: 'Lawful basis', of: (g) => g.lawfulBasis },
  { label: 'Data-sharing agreement', of: (g) => g.agreement },
  { label: 'Valid', of: (g) => `${g.validFrom} to ${g.expiresOn}` },
  { label: 'Recertify by', of: (g) => g.recertifyBy },
];

/** The change waiting for the provider that this grant is part of, if any: the approved grant and its proposed successor. */
export function pendingChange(grant: Grant, chain: Grant[]): PendingChange | undefined {
  const proposed =
    grant.status === 'proposed' && grant.supersedes
      ? grant
      : grant.status === 'approved'
        ? chain.find((g) => g.status === 'proposed' && g.supersedes === grant.id)
        : undefined;
  const inForce = proposed && chain.find((g) => g.id === proposed.supersedes && g.status === 'approved');
  if (!proposed || !inForce) return undefined;
  return {
    inForce,
    proposed,
    rows: FIELDS.map(({ label, of }) => ({ label, inForce: of(inForce), proposed: of(proposed), isChanged: of(inForce) !== of(proposed) })),
  };
}

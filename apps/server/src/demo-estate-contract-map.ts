/**
 * The demo's first contract decisions, so that the contract map opens with some filled in and
 * most still to make. Derived from the imported registers, not written down: for each software
 * supplier (CPV 48/72) among the three that hold contracts at the most predecessors (three or
 * more; ties by value), the contract that runs longest is to be novated and the others
 * consolidated into it. Safe to repeat: nothing is
 * added once the reorganisation has any decision.
 */
import type { Database } from '@joinery/core';
import { buildContractMap, listContractDecisions, normaliseSupplierName, recordContractDecision } from '@joinery/estate';

/** @example await loadDemoContractDecisions(database, 'wessex-lgr'); */
export async function loadDemoContractDecisions(
  database: Database,
  reorganisationCode: string,
  today = new Date().toISOString().slice(0, 10),
) {
  if ((await listContractDecisions(database, reorganisationCode)).length > 0) return { decisions: 0 };
  const { rows } = await buildContractMap(database, reorganisationCode, { softwareOnly: true }, today);
  const bySupplier = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = r.supplierCompanyNumber ?? normaliseSupplierName(r.supplierName);
    bySupplier.set(key, [...(bySupplier.get(key) ?? []), r]);
  }
  let decisions = 0;
  const councilsOf = (group: typeof rows) => new Set(group.map((r) => r.organisationCode)).size;
  const valueOf = (group: typeof rows) => group.reduce((sum, r) => sum + (r.value ?? 0), 0);
  const chosen = [...bySupplier.values()]
    .filter((group) => councilsOf(group) >= 3)
    .sort((a, b) => councilsOf(b) - councilsOf(a) || valueOf(b) - valueOf(a))
    .slice(0, 3);
  for (const group of chosen) {
    const sorted = [...group].sort(
      (a, b) =>
        (b.termEnd ?? '').localeCompare(a.termEnd ?? '') ||
        a.organisationCode.localeCompare(b.organisationCode) ||
        a.reference.localeCompare(b.reference),
    );
    const keeper = sorted[0]!;
    const decided = new Set<string>();
    for (const r of sorted) {
      const key = `${r.organisationCode}/${r.reference}`;
      if (decided.has(key)) continue;
      decided.add(key);
      const isKeeper = r === keeper;
      await recordContractDecision(
        database,
        null,
        {
          reorganisation: reorganisationCode,
          organisationCode: r.organisationCode,
          reference: r.reference,
          decision: isKeeper ? 'novate' : 'consolidate',
          consolidateIntoOrganisationCode: isKeeper ? null : keeper.organisationCode,
          consolidateIntoReference: isKeeper ? null : keeper.reference,
          owner: 'Programme digital lead',
          rationale: isKeeper
            ? `${r.supplierName} supplies ${new Set(group.map((g) => g.organisationCode)).size} predecessors; this contract runs longest (to ${r.termEnd}), so novate it and bring the others onto it.`
            : `${r.supplierName} also supplies the successor's chosen contract ${keeper.reference} (${keeper.organisationName}): consolidate into it.`,
          dueDate: r.noticeStatus === 'open' ? r.noticeDeadline : null,
        },
        today,
      );
      decisions++;
    }
  }
  return { decisions };
}

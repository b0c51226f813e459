/** SQL for the contract map: predecessors' current contracts with their CPV labels, and the decisions table. */
import { estateDb, selectCurrentContracts, type EstateDb } from '../store.ts';
import type { Database } from '@joinery/core';
import type { Contract } from '../model.ts';
import { cpvLabelColumn } from './grouping.ts';
import type { ContractDecision, DecisionKind } from './model.ts';

export { estateDb, type EstateDb };

export type MapContract = Contract & { cpvLabel: string | null };

/** An organisation's current contracts (latest import), each with the CPV label its register gives, if any. */
export async function selectMapContracts(db: EstateDb, organisationCode: string): Promise<MapContract[]> {
  const contracts = await selectCurrentContracts(db, organisationCode);
  if (contracts.length === 0) return [];
  const sources = await db
    .selectFrom('estate_contracts')
    .select(['row_number', 'source_row'])
    .where('import_id', '=', contracts[0]!.importId)
    .execute();
  const column = sources[0] ? cpvLabelColumn(Object.keys(sources[0].source_row)) : undefined;
  const labels = new Map(sources.map((s) => [s.row_number, column ? s.source_row[column]?.trim() || null : null]));
  return contracts.map((c) => ({ ...c, cpvLabel: labels.get(c.row) ?? null }));
}

export async function organisationNames(database: Database, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await database.db
    .selectFrom('organisations')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export interface DecisionRow {
  reorganisationCode: string;
  organisationCode: string;
  reference: string;
  decision: DecisionKind;
  consolidateIntoOrganisationCode: string | null;
  consolidateIntoReference: string | null;
  owner: string;
  rationale: string;
  dueDate: string | null;
  decidedBy: string | null;
}

export async function insertDecision(db: EstateDb, d: DecisionRow): Promise<ContractDecision> {
  const row = await db
    .insertInto('estate_contract_decisions')
    .values({
      reorganisation_code: d.reorganisationCode,
      organisation_code: d.organisationCode,
      reference: d.reference,
      decision: d.decision,
      consolidate_into_organisation_code: d.consolidateIntoOrganisationCode,
      consolidate_into_reference: d.consolidateIntoReference,
      owner: d.owner,
      rationale: d.rationale,
      due_date: d.dueDate,
      decided_by: d.decidedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDecision(row);
}

/** Every decision of a reorganisation, oldest first (optionally one contract's). */
export async function selectDecisions(
  db: EstateDb,
  reorganisationCode: string,
  contract?: { organisationCode: string; reference: string },
): Promise<ContractDecision[]> {
  let q = db.selectFrom('estate_contract_decisions').selectAll().where('reorganisation_code', '=', reorganisationCode);
  if (contract) q = q.where('organisation_code', '=', contract.organisationCode).where('reference', '=', contract.reference);
  return (await q.orderBy('id').execute()).map(toDecision);
}

function toDecision(r: {
  id: number | string;
  reorganisation_code: string;
  organisation_code: string;
  reference: string;
  decision: DecisionKind;
  consolidate_into_organisation_code: string | null;
  consolidate_into_reference: string | null;
  owner: string;
  rationale: string;
  due_date: string | null;
  decided_by: string | null;
  decided_at: Date | string;
}): ContractDecision {
  return {
    id: Number(r.id),
    reorganisationCode: r.reorganisation_code,
    organisationCode: r.organisation_code,
    reference: r.reference,
    decision: r.decision,
    consolidateIntoOrganisationCode: r.consolidate_into_organisation_code,
    consolidateIntoReference: r.consolidate_into_reference,
    owner: r.owner,
    rationale: r.rationale,
    dueDate: r.due_date,
    decidedBy: r.decided_by,
    decidedAt: new Date(r.decided_at).toISOString(),
  };
}

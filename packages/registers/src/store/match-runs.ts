/** SQL for address-matching runs: a file of free-text addresses, a result per row, reviewers' decisions. */
import { sql } from 'kysely';
import type { RegistersDb } from './addresses.ts';

const BATCH = 500;

export interface MatchRunRow {
  id: number;
  organisationCode: string;
  fileName: string;
  rowCount: number;
  matchedCount: number;
  reviewCount: number;
  unmatchedCount: number;
  threshold: number;
  createdBy: string | null;
  createdAt: string;
}

export interface MatchResultRow {
  rowNumber: number;
  inputId: string | null;
  inputText: string;
  outcome: 'matched' | 'review' | 'unmatched';
  uprn: string | null;
  probability: number | null;
  candidates: unknown;
  reviewedUprn: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export async function insertMatchRun(
  db: RegistersDb,
  run: Omit<MatchRunRow, 'id' | 'createdAt'>,
  results: Omit<MatchResultRow, 'reviewedUprn' | 'reviewedBy' | 'reviewedAt'>[],
): Promise<number> {
  const { id } = await db
    .insertInto('registers_match_runs')
    .values({
      organisation_code: run.organisationCode,
      file_name: run.fileName,
      row_count: run.rowCount,
      matched_count: run.matchedCount,
      review_count: run.reviewCount,
      unmatched_count: run.unmatchedCount,
      threshold: run.threshold,
      created_by: run.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let start = 0; start < results.length; start += BATCH) {
    await db
      .insertInto('registers_match_results')
      .values(
        results.slice(start, start + BATCH).map((r) => ({
          run_id: id,
          row_number: r.rowNumber,
          input_id: r.inputId,
          input_text: r.inputText,
          outcome: r.outcome,
          uprn: r.uprn === null ? null : Number(r.uprn),
          probability: r.probability,
          candidates: JSON.stringify(r.candidates),
          reviewed_uprn: null,
          reviewed_by: null,
          reviewed_at: null,
        })),
      )
      .execute();
  }
  return id;
}

function toRun(r: {
  id: number;
  organisation_code: string;
  file_name: string;
  row_count: number;
  matched_count: number;
  review_count: number;
  unmatched_count: number;
  threshold: number;
  created_by: string | null;
  created_at: Date;
}): MatchRunRow {
  return {
    id: r.id,
    organisationCode: r.organisation_code,
    fileName: r.file_name,
    rowCount: r.row_count,
    matchedCount: r.matched_count,
    reviewCount: r.review_count,
    unmatchedCount: r.unmatched_count,
    threshold: r.threshold,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function getMatchRun(db: RegistersDb, id: number): Promise<MatchRunRow | undefined> {
  const row = await db.selectFrom('registers_match_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRun(row);
}

export async function listMatchRuns(db: RegistersDb, organisationCodes: string[]): Promise<MatchRunRow[]> {
  if (organisationCodes.length === 0) return [];
  const rows = await db
    .selectFrom('registers_match_runs')
    .selectAll()
    .where('organisation_code', 'in', organisationCodes)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return rows.map(toRun);
}

/** Results of a run in file order; `outcome` narrows to the review list or the unmatched. */
export async function listMatchResults(
  db: RegistersDb,
  runId: number,
  {
    outcome,
    rowNumber,
    limit,
    offset = 0,
  }: { outcome?: MatchResultRow['outcome']; rowNumber?: number; limit?: number; offset?: number } = {},
): Promise<MatchResultRow[]> {
  let q = db.selectFrom('registers_match_results').selectAll().where('run_id', '=', runId);
  if (outcome) q = q.where('outcome', '=', outcome);
  if (rowNumber !== undefined) q = q.where('row_number', '=', rowNumber);
  q = q.orderBy('row_number').offset(offset);
  if (limit !== undefined) q = q.limit(limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    rowNumber: r.row_number,
    inputId: r.input_id,
    inputText: r.input_text,
    outcome: r.outcome,
    uprn: r.uprn === null ? null : String(r.uprn),
    probability: r.probability,
    candidates: r.candidates,
    reviewedUprn: r.reviewed_uprn === null ? null : String(r.reviewed_uprn),
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
  }));
}

/** Records a reviewer's decision: a UPRN, or null for "none of these". */
export async function recordMatchReview(
  db: RegistersDb,
  runId: number,
  rowNumber: number,
  uprn: string | null,
  reviewer: string,
): Promise<boolean> {
  const result = await db
    .updateTable('registers_match_results')
    .set({ reviewed_uprn: uprn === null ? null : Number(uprn), reviewed_by: reviewer, reviewed_at: sql<Date>`now()` })
    .where('run_id', '=', runId)
    .where('row_number', '=', rowNumber)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

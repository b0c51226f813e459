/**
 * The clerical review queue: pairs in the grey zone (between the review lower bound and the
 * threshold) found by the newest build, with both records and the explanation. A reviewer
 * says same person or different people, with a reason; the decision is kept against the two
 * records' stable keys, so it outlives re-loads and re-builds, and every build respects it.
 */
import { recordAudit, type Database } from '@joinery/core';
import type { Explanation } from '@joinery/linkage';
import { registersError } from '../errors.ts';
import { recordKeyString, type RecordKey } from './model.ts';
import {
  countOpenReviewPairs,
  getReviewPair,
  listReviewPairs,
  personsDb,
  recordsByKeys,
  upsertDecision,
  type StoredRecord,
} from './store.ts';
import type { Actor } from './systems.ts';

export interface ReviewSide {
  key: RecordKey;
  personId: string | null;
  record: StoredRecord | null;
}

export interface ReviewPair {
  id: number;
  matchProbability: number;
  matchWeight: number;
  explanation: Explanation;
  left: ReviewSide;
  right: ReviewSide;
}

type Row = NonNullable<Awaited<ReturnType<typeof getReviewPair>>>;

async function withRecords(database: Database, rows: Row[]): Promise<ReviewPair[]> {
  const keys = rows.flatMap((r) => [
    { systemKey: r.left_system_key, sourceRecordId: r.left_record_id },
    { systemKey: r.right_system_key, sourceRecordId: r.right_record_id },
  ]);
  const records = new Map(
    (await recordsByKeys(personsDb(database.db), keys)).map((r) => [recordKeyString(r.system_key, r.source_record_id), r]),
  );
  const side = (systemKey: string, sourceRecordId: string): ReviewSide => {
    const record = records.get(recordKeyString(systemKey, sourceRecordId)) ?? null;
    return { key: { systemKey, sourceRecordId }, personId: record?.person_id ?? null, record };
  };
  return rows.map((r) => ({
    id: r.id,
    matchProbability: r.match_probability,
    matchWeight: r.match_weight,
    explanation: r.explanation as Explanation,
    left: side(r.left_system_key, r.left_record_id),
    right: side(r.right_system_key, r.right_record_id),
  }));
}

/** @example const { total, pairs } = await listReviewQueue(database, { limit: 20 }) */
export async function listReviewQueue(
  database: Database,
  { limit = 20, offset = 0 } = {},
): Promise<{ total: number; pairs: ReviewPair[] }> {
  const db = personsDb(database.db);
  const [total, rows] = [await countOpenReviewPairs(db), await listReviewPairs(db, limit, offset)];
  return { total, pairs: await withRecords(database, rows) };
}

/** @example await getReviewQueuePair(database, 12) */
export async function getReviewQueuePair(database: Database, id: number): Promise<ReviewPair> {
  const row = await getReviewPair(personsDb(database.db), id);
  if (!row) throw registersError('REGISTERS_REVIEW_PAIR_UNKNOWN', `No pair in the review queue has the number ${id}`);
  return (await withRecords(database, [row]))[0]!;
}

/**
 * Decides a pair from the queue (by its number) or any two records (by their keys).
 * @example await decidePair(database, reviewer, 12, { decision: 'same', reason: 'Same NHS number; moved house' })
 */
export async function decidePair(
  database: Database,
  actor: Actor,
  pair: number | { left: RecordKey; right: RecordKey },
  { decision, reason }: { decision: 'same' | 'different'; reason: string },
): Promise<void> {
  const why = reason.trim();
  if (why === '')
    throw registersError('REGISTERS_REASON_REQUIRED', 'Say why these records are (or are not) the same person', [
      { field: 'reason', message: 'Enter a reason' },
    ]);
  let left: RecordKey;
  let right: RecordKey;
  let probability: number | null = null;
  if (typeof pair === 'number') {
    const row = await getReviewPair(personsDb(database.db), pair);
    if (!row) throw registersError('REGISTERS_REVIEW_PAIR_UNKNOWN', `No pair in the review queue has the number ${pair}`);
    left = { systemKey: row.left_system_key, sourceRecordId: row.left_record_id };
    right = { systemKey: row.right_system_key, sourceRecordId: row.right_record_id };
    probability = row.match_probability;
  } else {
    ({ left, right } = pair);
    if ((await recordsByKeys(personsDb(database.db), [left, right])).length < 2)
      throw registersError('REGISTERS_REVIEW_PAIR_UNKNOWN', 'Both records must be in the index to decide whether they are one person');
  }
  // Stored in key order, so a pair has one row whichever way round it was decided.
  if (left.systemKey > right.systemKey || (left.systemKey === right.systemKey && left.sourceRecordId > right.sourceRecordId))
    [left, right] = [right, left];
  await database.db.transaction().execute(async (trx) => {
    await upsertDecision(personsDb(trx), {
      leftSystemKey: left.systemKey,
      leftRecordId: left.sourceRecordId,
      rightSystemKey: right.systemKey,
      rightRecordId: right.sourceRecordId,
      decision,
      reason: why.slice(0, 1000),
      matchProbability: probability,
      decidedBy: actor?.username ?? null,
    });
    await recordAudit(trx, {
      actor,
      action: 'person-pair.decide',
      subjectType: 'person-pair',
      subjectId: `${left.systemKey}:${left.sourceRecordId} ${right.systemKey}:${right.sourceRecordId}`,
      reason: why,
      details: { decision, matchProbability: probability },
    });
  });
}

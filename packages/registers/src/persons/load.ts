/**
 * Loading an extract of a source system. An extract is a full snapshot: new records are
 * added, changed ones updated, missing ones retired (never deleted), and every row is
 * accounted for — loaded, updated, unchanged or refused with its row, column and reason.
 * The same file twice (by SHA-256) is refused and changes nothing; a load is one transaction.
 */
import { createHash } from 'node:crypto';
import { readCsv, recordAudit, type Database } from '@joinery/core';
import { registersError } from '../errors.ts';
import { matchAddress } from '../service/address-matching.ts';
import { mapRow, mappingProblems } from './mapping.ts';
import type { LoadProblem, LoadReport } from './model.ts';
import {
  finishLoad,
  findLoadByHash,
  insertLoad,
  insertRecords,
  personsDb,
  recordHashes,
  retireRecords,
  touchRecords,
  updateRecords,
  type RecordWrite,
} from './store.ts';
import { getSystem, type Actor } from './systems.ts';
import { forgetMatchIndex } from './match.ts';

/** Refused rows listed in full in a report; beyond this they are counted. */
const MAX_PROBLEMS_KEPT = 1000;

function contentHash(write: Omit<RecordWrite, 'contentHash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([write.person, write.sourceRow]))
    .digest('hex');
}

/**
 * @example await loadExtract(database, admin, { systemKey: 'casterbridge/council-tax', bytes, fileName: 'ctax.csv' })
 */
export async function loadExtract(
  database: Database,
  actor: Actor,
  { systemKey, bytes, fileName }: { systemKey: string; bytes: Uint8Array; fileName: string },
): Promise<LoadReport> {
  const system = await getSystem(database, systemKey);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const earlier = await findLoadByHash(personsDb(database.db), systemKey, sha256);
  if (earlier)
    throw registersError(
      'REGISTERS_EXTRACT_ALREADY_LOADED',
      `${fileName} has already been loaded into ${systemKey} (load ${earlier.id}, ${new Date(earlier.loaded_at).toISOString().slice(0, 16).replace('T', ' ')}, as ${earlier.file_name}): nothing was changed`,
      [{ file: fileName, message: `Same SHA-256 as load ${earlier.id}` }],
    );
  const table = readCsv(bytes, fileName);
  const unknown = mappingProblems(system.mapping, table.columns);
  if (unknown.length > 0)
    throw registersError(
      'REGISTERS_MAPPING_INVALID',
      `${fileName} does not fit ${systemKey}'s column mapping: ${unknown[0]!.message}. Nothing was loaded.`,
      unknown.map((p) => ({ file: fileName, row: p.row, column: p.column, message: p.message })),
    );
  if (table.rows.length === 0)
    throw registersError(
      'REGISTERS_EXTRACT_INVALID',
      `${fileName} has no data rows: an empty extract would retire every record, so it is refused`,
      [{ file: fileName, row: 2, message: 'No data rows' }],
    );

  // Map every row first, collecting every problem.
  const problems: LoadProblem[] = [];
  const mapped = new Map<string, Omit<RecordWrite, 'contentHash'> & { row: number }>();
  const refusedIds = new Set<string>();
  const idColumn = system.mapping.sourceRecordId![0]!;
  table.rows.forEach((row, i) => {
    const rowNumber = i + 2;
    const result = mapRow(system.mapping, row, rowNumber);
    if (result.problems) {
      problems.push(...result.problems);
      const id = row[idColumn]?.trim();
      if (id) refusedIds.add(id);
      return;
    }
    const id = result.person.sourceRecordId;
    const first = mapped.get(id);
    if (first) {
      problems.push({
        row: rowNumber,
        column: idColumn,
        sourceRecordId: id,
        message: `The record id ${id} is already on row ${first.row}`,
      });
      return;
    }
    mapped.set(id, { person: result.person, sourceRow: row, row: rowNumber });
  });
  await fillUprns(database, mapped.values());
  const refused = table.rows.length - mapped.size;
  if (mapped.size === 0)
    throw registersError(
      'REGISTERS_EXTRACT_INVALID',
      `Every row of ${fileName} was refused: nothing was loaded`,
      problems.slice(0, MAX_PROBLEMS_KEPT).map((p) => ({ file: fileName, row: p.row, column: p.column, message: p.message })),
    );

  const report = await database.db.transaction().execute(async (trx) => {
    const db = personsDb(trx);
    const load = await insertLoad(db, { systemKey, fileName, sha256, rows: table.rows.length, loadedBy: actor?.username ?? null });
    const held = new Map((await recordHashes(db, systemKey)).map((r) => [r.source_record_id, r]));
    const added: RecordWrite[] = [];
    const changed: (RecordWrite & { id: number })[] = [];
    const unchanged: number[] = [];
    for (const [id, write] of mapped) {
      const hash = contentHash(write);
      const before = held.get(id);
      const record = { person: write.person, sourceRow: write.sourceRow, contentHash: hash };
      if (!before) added.push(record);
      else if (before.content_hash !== hash || before.status === 'retired') changed.push({ ...record, id: before.id });
      else unchanged.push(before.id);
    }
    // A refused row is still in the extract: its record is kept as it was, not retired.
    const retired = [...held.values()]
      .filter((r) => r.status === 'active' && !mapped.has(r.source_record_id) && !refusedIds.has(r.source_record_id))
      .map((r) => r.id);
    await insertRecords(db, systemKey, load.id, added);
    await updateRecords(db, load.id, changed);
    await touchRecords(db, load.id, unchanged);
    await retireRecords(db, load.id, retired);
    const counts = { added: added.length, updated: changed.length, unchanged: unchanged.length, retired: retired.length, refused };
    await finishLoad(db, load.id, { ...counts, problems: problems.slice(0, MAX_PROBLEMS_KEPT) });
    await recordAudit(trx, {
      actor,
      organisationCode: system.organisationCode,
      action: 'person-extract.load',
      subjectType: 'person-system',
      subjectId: systemKey,
      details: { loadId: load.id, fileName, sha256, rows: table.rows.length, ...counts },
    });
    return {
      loadId: load.id,
      systemKey,
      fileName,
      sha256,
      rows: table.rows.length,
      ...counts,
      problems: problems.slice(0, MAX_PROBLEMS_KEPT),
      loadedAt: new Date(load.loadedAt).toISOString(),
      loadedBy: actor?.username ?? null,
    } satisfies LoadReport;
  });
  forgetMatchIndex(database);
  return report;
}

/**
 * A record whose system holds no UPRN gets one from the address register when its address
 * matches with confidence (probability ≥ 0.9): that is what joins a person's records to a
 * property. An empty register, or an address that does not match well, leaves it empty.
 */
async function fillUprns(
  database: Database,
  records: Iterable<{ person: { address: string | null; postcode: string | null; uprn: string | null } }>,
) {
  for (const { person } of records) {
    if (person.uprn || !(person.address || person.postcode)) continue;
    let match;
    try {
      match = await matchAddress(database, { lines: [person.address ?? ''], postcode: person.postcode ?? undefined }, { limit: 2 });
    } catch (error) {
      if ((error as { code?: string }).code === 'REGISTERS_REGISTER_EMPTY') return;
      throw error;
    }
    if (match.outcome === 'matched') person.uprn = match.candidates[0]!.uprn;
  }
}

/**
 * Matching free-text addresses to UPRNs against the register: one address at a time (page
 * and API) or a whole file (upload and CLI), each with a confidence and an explanation.
 * A file's every row gets a result — matched, for review (a person should check) or
 * unmatched — so counts in equal counts out. The matcher's index is built once per
 * register version and kept in memory.
 */
import type { Database, SignedInUser } from '@joinery/core';
import { readCsv, recordAudit } from '@joinery/core';
import { stringify } from 'csv-stringify/sync';
import { createAddressIndex, type AddressCandidate, type AddressIndex } from '../address-matching/index.ts';
import { singleLineAddress, type RegisterAddress } from '../address.ts';
import { registersError } from '../errors.ts';
import { allAddresses } from '../store/addresses.ts';
import {
  getMatchRun,
  insertMatchRun,
  listMatchResults,
  recordMatchReview,
  type MatchResultRow,
  type MatchRunRow,
} from '../store/match-runs.ts';
import { registersDb } from './address-search.ts';

/** At or above: matched. */
export const DEFAULT_MATCH_THRESHOLD = 0.9;
/** At or above (and below the threshold): for review. Below: unmatched. */
export const DEFAULT_REVIEW_FLOOR = 0.3;
const CANDIDATES_KEPT = 3;

export type MatchOutcome = 'matched' | 'review' | 'unmatched';

export interface AddressMatch {
  outcome: MatchOutcome;
  candidates: (AddressCandidate & { singleLine: string })[];
}

interface CachedIndex {
  index: AddressIndex;
  byUprn: Map<string, RegisterAddress>;
  size: number;
}

/** One cached index per database handle; dropped when the register changes. */
const indexes = new WeakMap<Database, Promise<CachedIndex>>();

export function forgetAddressIndex(database: Database): void {
  indexes.delete(database);
}

async function addressIndex(database: Database): Promise<CachedIndex> {
  let cached = indexes.get(database);
  if (!cached) {
    cached = allAddresses(registersDb(database)).then((addresses) => ({
      index: createAddressIndex(addresses),
      byUprn: new Map(addresses.map((a) => [a.uprn, a])),
      size: addresses.length,
    }));
    indexes.set(database, cached);
    cached.catch(() => indexes.delete(database));
  }
  const value = await cached;
  if (value.size === 0) {
    indexes.delete(database);
    throw registersError('REGISTERS_REGISTER_EMPTY');
  }
  return value;
}

function outcomeOf(best: AddressCandidate | undefined, threshold: number, reviewFloor: number): MatchOutcome {
  if (!best) return 'unmatched';
  if (best.probability >= threshold) return 'matched';
  return best.probability >= reviewFloor ? 'review' : 'unmatched';
}

function decorate(cached: CachedIndex, candidates: AddressCandidate[]): AddressMatch['candidates'] {
  return candidates.map((c) => {
    const address = cached.byUprn.get(c.uprn);
    return { ...c, singleLine: address ? singleLineAddress(address) : '' };
  });
}

export interface MatchOptions {
  threshold?: number;
  reviewFloor?: number;
  limit?: number;
}

/** @example await matchAddress(database, '2 rose cottages, high st, casterbridge') */
export async function matchAddress(database: Database, input: string | { lines: string[]; postcode?: string }, options: MatchOptions = {}) {
  const cached = await addressIndex(database);
  const candidates = cached.index.match(input, { limit: options.limit ?? 5 });
  return {
    outcome: outcomeOf(candidates[0], options.threshold ?? DEFAULT_MATCH_THRESHOLD, options.reviewFloor ?? DEFAULT_REVIEW_FLOOR),
    candidates: decorate(cached, candidates),
  } satisfies AddressMatch;
}

// Whole words only: "household_size" is not part of an address, "address_line_2" and "house" are.
const ADDRESS_HEADER =
  /^(?:.*[ _-])?(?:address|addr|line|street|road|house|flat|building|premises|town|city|locality|village|county|post ?code)(?:[ _-]?(?:\d+|line|name|number|no|text))*$/i;
const POSTCODE_HEADER = /post ?code|postcode/i;
const ID_HEADER = /^(id|ref|reference|uid|key|.*[ _-](id|ref|reference|no|number))$/i;

/** Which columns hold the address (in file order), which the postcode, which the row's id. */
export function addressColumns(columns: string[], chosen?: { address?: string[]; id?: string }) {
  const address = chosen?.address?.length ? chosen.address : columns.filter((c) => ADDRESS_HEADER.test(c) && !ID_HEADER.test(c));
  const unknown = [...(chosen?.address ?? []), ...(chosen?.id ? [chosen.id] : [])].filter((c) => !columns.includes(c));
  if (unknown.length > 0)
    throw registersError('REGISTERS_ADDRESS_FILE_INVALID', `The file has no column ${unknown.map((c) => `"${c}"`).join(', ')}`, [
      { column: unknown[0], message: `Columns are: ${columns.join(', ')}` },
    ]);
  if (address.length === 0)
    throw registersError(
      'REGISTERS_ADDRESS_FILE_INVALID',
      `No column looks like an address (${columns.join(', ')}): name the address columns, e.g. "address" or "line1, line2, town, postcode"`,
    );
  const id = chosen?.id ?? columns.find((c) => ID_HEADER.test(c) && !address.includes(c));
  const postcode = address.find((c) => POSTCODE_HEADER.test(c));
  return { address, id, postcode };
}

export interface MatchFileInput {
  organisationCode: string;
  fileName: string;
  content: Uint8Array;
  /** Who did it; null from the command line (recorded as such in the audit trail). */
  actor: Pick<SignedInUser, 'id' | 'username'> | null;
  addressColumns?: string[];
  idColumn?: string;
  threshold?: number;
  reviewFloor?: number;
}

/**
 * Matches every row of a CSV file and keeps the run: returns its summary.
 * @example const run = await matchAddressFile(database, { organisationCode: 'casterbridge', fileName: 'ctax.csv', content, actor });
 */
export async function matchAddressFile(database: Database, input: MatchFileInput): Promise<MatchRunRow> {
  const table = readCsv(input.content, input.fileName);
  const columns = addressColumns(table.columns, { address: input.addressColumns, id: input.idColumn });
  const threshold = input.threshold ?? DEFAULT_MATCH_THRESHOLD;
  const reviewFloor = input.reviewFloor ?? DEFAULT_REVIEW_FLOOR;
  const cached = await addressIndex(database);
  const counts = { matched: 0, review: 0, unmatched: 0 };
  const results = table.rows.map((row, i) => {
    const lines = columns.address.filter((c) => c !== columns.postcode).map((c) => row[c] ?? '');
    const postcode = columns.postcode ? row[columns.postcode] : undefined;
    const inputText = [...lines, postcode ?? ''].filter((v) => v.trim() !== '').join(', ');
    const candidates = inputText === '' ? [] : cached.index.match({ lines, postcode }, { limit: CANDIDATES_KEPT });
    const outcome = outcomeOf(candidates[0], threshold, reviewFloor);
    counts[outcome]++;
    return {
      rowNumber: i + 1,
      inputId: columns.id ? (row[columns.id] ?? null) : null,
      inputText,
      outcome,
      uprn: candidates[0]?.uprn ?? null,
      probability: candidates[0]?.probability ?? null,
      candidates: decorate(cached, candidates),
    };
  });
  const db = registersDb(database);
  const run = {
    organisationCode: input.organisationCode,
    fileName: input.fileName.slice(0, 200),
    rowCount: results.length,
    matchedCount: counts.matched,
    reviewCount: counts.review,
    unmatchedCount: counts.unmatched,
    threshold,
    createdBy: input.actor?.username ?? 'command line',
  };
  const id = await db.transaction().execute(async (trx) => {
    const runId = await insertMatchRun(trx, run, results);
    await recordAudit(trx as never, {
      actor: input.actor,
      organisationCode: input.organisationCode,
      action: 'addresses.match-file',
      subjectType: 'address-match-run',
      subjectId: String(runId),
      details: { file: run.fileName, rows: run.rowCount, ...counts },
    });
    return runId;
  });
  return (await getMatchRun(db, id))!;
}

export async function getAddressMatchRun(database: Database, id: number, organisationCodes: string[]): Promise<MatchRunRow> {
  const run = Number.isSafeInteger(id) ? await getMatchRun(registersDb(database), id) : undefined;
  // Another organisation's run is reported as not found: its existence is not ours to tell.
  if (!run || !organisationCodes.includes(run.organisationCode))
    throw registersError('REGISTERS_MATCH_RUN_UNKNOWN', `No address matching run ${String(id).slice(0, 20)} for your organisation`);
  return run;
}

export async function addressMatchResults(database: Database, run: MatchRunRow, outcome?: MatchOutcome): Promise<MatchResultRow[]> {
  return listMatchResults(registersDb(database), run.id, { outcome });
}

/** The run's results as CSV: one row per input row, in file order, with the reviewer's choice where made. */
export async function addressMatchResultsCsv(database: Database, run: MatchRunRow): Promise<string> {
  const rows = await listMatchResults(registersDb(database), run.id);
  return stringify(
    rows.map((r) => {
      const best = (r.candidates as AddressMatch['candidates'])[0];
      return [
        r.rowNumber,
        r.inputId ?? '',
        r.inputText,
        r.outcome,
        r.uprn ?? '',
        r.probability === null ? '' : r.probability.toFixed(4),
        best?.singleLine ?? '',
        r.reviewedAt ? (r.reviewedUprn ?? 'none') : '',
      ];
    }),
    {
      header: true,
      columns: ['row', 'id', 'input_address', 'outcome', 'uprn', 'match_probability', 'matched_address', 'reviewed_uprn'],
    },
  );
}

/** A reviewer picks one of the row's candidates (or none): kept with who and when. */
export async function reviewAddressMatch(
  database: Database,
  run: MatchRunRow,
  rowNumber: number,
  uprn: string | null,
  actor: Pick<SignedInUser, 'id' | 'username'>,
): Promise<void> {
  const db = registersDb(database);
  const [row] = Number.isSafeInteger(rowNumber) ? await listMatchResults(db, run.id, { rowNumber }) : [];
  if (!row) throw registersError('REGISTERS_MATCH_RUN_UNKNOWN', `Run ${run.id} has no row ${rowNumber}`);
  const offered = (row.candidates as AddressMatch['candidates']).map((c) => c.uprn);
  if (uprn !== null && !offered.includes(uprn))
    throw registersError('REGISTERS_UPRN_INVALID', `UPRN ${uprn.slice(0, 20)} was not one of this row's candidates`);
  await db.transaction().execute(async (trx) => {
    await recordMatchReview(trx, run.id, rowNumber, uprn, actor.username);
    await recordAudit(trx as never, {
      actor,
      organisationCode: run.organisationCode,
      action: 'addresses.match-review',
      subjectType: 'address-match-run',
      subjectId: `${run.id}/${rowNumber}`,
      details: { uprn },
    });
  });
}

/**
 * Walks a log's entries in file order and says what is wrong with the chain, each problem once
 * and where it is: an entry whose content no longer matches its contentHash (edited), a hash
 * that no longer matches prev ‖ contentHash (edited hash), a prev that is not the hash before it
 * (an entry inserted or rewritten), a seq gap (entries deleted), an entry found after later ones
 * (reordered), checkpoints whose signature or key does not check, timestamps that do not verify.
 * A broken link is not reported twice: an entry edited in place leaves the next prev pointing at
 * the old hash, which is either the stated or the recomputed hash of the entry before.
 */
import { checkCheckpointSignature } from './checkpoint-signature.ts';
import { chainHash, safeContentHashOf, timestampDigestOf, ZERO_HASH } from './entry-hash.ts';
import { entryShapeProblem, kindFieldsProblem } from './entry-shape.ts';
import type { ArchivedEntry, LogEntry, LogProblem, VerifyLogOptions } from './model.ts';

export interface Where {
  file: string;
  line: number;
}

const WARNINGS = new Set<LogProblem['kind']>(['untimestamped', 'timestamps-unchecked', 'archive-unreferenced', 'archive-duplicate']);

/** Whether the ranges together cover every seq of the gap. */
function isCovered(gap: { from: number; to: number }, ranges: { firstSeq: number; lastSeq: number }[]): boolean {
  let next = gap.from;
  for (const range of [...ranges].sort((a, b) => a.firstSeq - b.firstSeq))
    if (range.firstSeq <= next && range.lastSeq >= next) next = range.lastSeq + 1;
  return next > gap.to;
}

export class ChainChecker {
  readonly problems: LogProblem[] = [];
  readonly archivedRecords: { entry: ArchivedEntry; where: Where }[] = [];
  entries = 0;
  checkpoints = 0;
  timestamped = 0;
  lastSeq = 0;
  lastHash = ZERO_HASH;
  lastTimestamp: Date | undefined;
  /** The hash the log holds at `expectedHead.seq`, once passed. */
  hashAtExpectedHead: string | undefined;
  #expected = 1;
  #computedHash = ZERO_HASH;
  #unreadable = 0;
  #gaps: { from: number; to: number; where: Where }[] = [];
  #late: { seq: number; where: Where }[] = [];
  #checkpointHashes = new Map<number, string>();
  #lastValidCheckpoint = 0;
  #untimestamped: { seq: number; where: Where }[] = [];
  #hasUncheckedTimestamps = false;

  constructor(private readonly options: VerifyLogOptions) {}

  report(kind: LogProblem['kind'], where: Partial<Where> & { file: string }, seq: number | undefined, message: string): void {
    this.problems.push({
      kind,
      severity: WARNINGS.has(kind) ? 'warning' : 'error',
      ...where,
      ...(seq !== undefined ? { seq } : {}),
      message,
    });
  }

  /** A line that could not be read as an entry: the next gap of that size is its doing. */
  unreadable(): void {
    this.#unreadable += 1;
  }

  check(value: unknown, where: Where): void {
    const shape = entryShapeProblem(value);
    if (shape) {
      const seq = (value as { seq?: unknown } | null)?.seq;
      this.report(
        'malformed',
        where,
        Number.isSafeInteger(seq) ? (seq as number) : undefined,
        `${where.file} line ${where.line} is not a log entry: ${shape}`,
      );
      this.unreadable();
      return;
    }
    const entry = value as LogEntry;
    const { seq, prev } = entry;
    this.entries += 1;
    const contentHash = safeContentHashOf(entry);
    if (contentHash === undefined) {
      this.report('malformed', where, seq, `Entry ${seq} cannot be put in canonical form (it is nested too deeply)`);
      this.unreadable();
      return;
    }
    if (contentHash !== entry.contentHash)
      this.report('content-altered', where, seq, `Entry ${seq} has been edited: its content no longer matches its contentHash`);
    if (chainHash(prev, entry.contentHash) !== entry.hash)
      this.report('hash-altered', where, seq, `Entry ${seq}'s hash has been edited: it is not SHA-256(prev ‖ contentHash)`);
    if (seq < this.#expected) {
      this.#late.push({ seq, where });
      return;
    }
    if (seq > this.#expected) {
      if (seq - this.#expected > this.#unreadable) this.#gaps.push({ from: this.#expected, to: seq - 1, where });
    } else if (!this.#unreadable && prev !== this.lastHash && prev !== this.#computedHash)
      this.report(
        'chain-broken',
        where,
        seq,
        seq === 1
          ? 'Entry 1 does not start the chain (its prev is not 64 zeros)'
          : `Entry ${seq}'s prev is not the hash of entry ${seq - 1}: an entry was inserted, replaced or rewritten`,
      );
    this.#unreadable = 0;
    this.#expected = seq + 1;
    this.lastSeq = seq;
    this.lastHash = entry.hash;
    this.#computedHash = chainHash(prev, contentHash);
    if (seq === this.options.expectedHead?.seq) this.hashAtExpectedHead = entry.hash;
    const fields = kindFieldsProblem(entry);
    if (fields) this.report('malformed', where, seq, `Entry ${seq} is damaged: ${fields}`);
    else this.#checkKind(entry, where);
  }

  #checkKind(entry: LogEntry, where: Where): void {
    const seq = entry.seq;
    if (entry.kind === 'archived') this.archivedRecords.push({ entry, where });
    if (entry.kind === 'checkpoint') {
      this.#checkpointHashes.set(seq, entry.hash);
      if (entry.upTo !== seq - 1 || entry.headHash !== entry.prev) {
        this.report(
          'checkpoint-mismatch',
          where,
          seq,
          `Checkpoint ${seq} does not sign the entry just before it (it names entry ${entry.upTo})`,
        );
        return;
      }
      const claim = { gateway: entry.gateway, upTo: entry.upTo, headHash: entry.headHash, at: entry.at };
      const signature = checkCheckpointSignature(claim, entry.keyId, entry.signature, this.options.resolveKey);
      if (!signature.isValid) return this.report(signature.problem, where, seq, signature.message);
      this.checkpoints += 1;
      this.#lastValidCheckpoint = seq;
      this.#untimestamped.push({ seq, where });
    }
    if (entry.kind === 'timestamp') {
      const checkpointHash = this.#checkpointHashes.get(entry.checkpointSeq);
      if (!checkpointHash)
        return this.report(
          'timestamp-orphan',
          where,
          seq,
          `Timestamp ${seq} is for checkpoint ${entry.checkpointSeq}, which is not in the log before it`,
        );
      if (this.options.verifyTimestamp) {
        try {
          const { genTime } = this.options.verifyTimestamp(Buffer.from(entry.token, 'base64'), timestampDigestOf(checkpointHash));
          if (!(genTime instanceof Date) || Number.isNaN(genTime.getTime())) throw new Error('it carries no time');
          if (!this.lastTimestamp || genTime > this.lastTimestamp) this.lastTimestamp = genTime;
        } catch (error) {
          return this.report(
            'bad-timestamp',
            where,
            seq,
            `Timestamp ${seq} does not verify for checkpoint ${entry.checkpointSeq}: ${(error as Error)?.message ?? error}`,
          );
        }
      } else this.#hasUncheckedTimestamps = true;
      this.timestamped += 1;
      // A token over a checkpoint vouches for every checkpoint before it too.
      this.#untimestamped = this.#untimestamped.filter((checkpoint) => checkpoint.seq > entry.checkpointSeq);
    }
  }

  /** Reports what only the whole walk shows; `explained` are seq ranges already reported (a missing archive). */
  finish(lastFile: string, explained: { firstSeq: number; lastSeq: number }[] = []): void {
    const filled = new Set<number>();
    for (const late of this.#late) {
      const gap = this.#gapHolding(late.seq);
      if (gap && !filled.has(late.seq)) {
        filled.add(late.seq);
        this.report('reordered', late.where, late.seq, `Entry ${late.seq} is out of place: it comes after entry ${gap.to + 1}`);
      } else this.report('out-of-order', late.where, late.seq, `Entry ${late.seq} appears again after later entries`);
    }
    for (const gap of this.#gaps) {
      if (isCovered(gap, explained)) continue;
      let found = 0;
      for (const seq of filled) if (seq >= gap.from && seq <= gap.to) found += 1;
      if (found < gap.to - gap.from + 1)
        this.report(
          'missing-entries',
          gap.where,
          gap.from,
          `Entries ${gap.from}${gap.to > gap.from ? `–${gap.to}` : ''} are missing before ${gap.where.file} line ${gap.where.line}`,
        );
    }
    const first = this.#untimestamped[0];
    if (first)
      this.report(
        'untimestamped',
        first.where,
        first.seq,
        `${this.#untimestamped.length} checkpoint(s) from entry ${first.seq} on have no timestamp covering them yet`,
      );
    if (this.#hasUncheckedTimestamps)
      this.report('timestamps-unchecked', { file: lastFile }, undefined, 'The timestamps were not checked: no verifyTimestamp was given');
  }

  /** Gaps are found in rising seq order, so a binary search finds the one holding `seq`. */
  #gapHolding(seq: number): { from: number; to: number } | undefined {
    let low = 0;
    let high = this.#gaps.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const gap = this.#gaps[middle]!;
      if (seq < gap.from) high = middle - 1;
      else if (seq > gap.to) low = middle + 1;
      else return gap;
    }
    return undefined;
  }

  /** Entries after the last valid checkpoint. */
  get unsignedTail(): number {
    return this.lastSeq - this.#lastValidCheckpoint;
  }
}

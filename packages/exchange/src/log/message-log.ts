/**
 * The gateway's message log (X-Road's messagelog): every request and response it carries is
 * appended before it answers, and an append resolves only once the entry is on disk. Entries are
 * sealed into the hash chain the moment they are appended, so the chain order is the call order;
 * the group-commit writer makes many concurrent appends cost one fdatasync. Checkpoints sign the
 * chain's head every `checkpointEvery` entries, every `checkpointIntervalMs` when anything was
 * written, and on close; each is then timestamped (RFC 3161) without holding up logging.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSegmentArchive, removeLiveSegment } from './archive-segment.ts';
import { checkpointPayload } from './checkpoint-signature.ts';
import { CheckpointTimestamper, type TimestampedCheckpoint } from './checkpoint-timestamper.ts';
import { sealEntry } from './entry-hash.ts';
import { inSeqOrder, readIndexedEntries, scanFilesForMessage } from './find-message-entries.ts';
import { GroupCommitWriter } from './group-commit-writer.ts';
import { loadLogState, type LoadedLogState, type SegmentSummary } from './load-log-state.ts';
import { ARCHIVE_DIR, listLogFiles } from './log-files.ts';
import { acquireLogLock } from './log-lock.ts';
import type { MessageIndex } from './message-index.ts';
import { MessageLogError } from './message-log-error.ts';
import type {
  ArchiveResult,
  ArchivedSegment,
  LogEntry,
  LogEntryBody,
  MessageLogStats,
  MessageRecord,
  OpenMessageLogOptions,
} from './model.ts';
import { validateMessageRecord, validateOpenOptions } from './validate-record.ts';

interface Written {
  seq: number;
  hash: string;
  done: Promise<{ seq: number; hash: string }>;
}

async function packageSoftware(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8').catch(() => '{}');
  const { name = '@joinery/exchange', version = 'unknown' } = JSON.parse(text) as { name?: string; version?: string };
  return `${name} ${version}`;
}

export class MessageLog {
  readonly dir: string;
  #lastCheckpointUpTo = 0;
  #options: Required<Pick<OpenMessageLogOptions, 'checkpointEvery' | 'checkpointIntervalMs' | 'sync'>> & OpenMessageLogOptions;
  #writer: GroupCommitWriter;
  #timestamper: CheckpointTimestamper | undefined;
  #head: { seq: number; hash: string };
  #durableHead: { seq: number; hash: string };
  #segments = new Map<number, SegmentSummary>();
  #index: MessageIndex;
  #sinceCheckpoint: number;
  #counts = { appends: 0, checkpoints: 0, checkpointFailures: 0, timestamps: 0, unreadableLinesAtOpen: 0 };
  #state: 'open' | 'closing' | 'closed' = 'open';
  #closing: Promise<void> | undefined;
  #archiving: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout;

  private constructor(
    options: OpenMessageLogOptions,
    state: LoadedLogState,
    private readonly release: () => Promise<void>,
  ) {
    this.dir = options.dir;
    this.#options = { checkpointEvery: 1000, checkpointIntervalMs: 5000, sync: true, ...options };
    const last = state.segments.at(-1);
    this.#writer = new GroupCommitWriter(
      options.dir,
      { segment: last?.number ?? 1, bytes: last?.bytes ?? 0 },
      { sync: this.#options.sync, segmentMaxBytes: options.segmentMaxBytes ?? 64 * 1024 * 1024 },
    );
    for (const segment of state.segments) this.#segments.set(segment.number, segment);
    this.#index = state.index;
    this.#head = this.#durableHead = state.head;
    this.#sinceCheckpoint = state.sinceCheckpoint;
    this.#counts.unreadableLinesAtOpen = state.unreadableLines;
    if (options.timestamp)
      this.#timestamper = new CheckpointTimestamper(options.timestamp, options.timestampTimeoutMs ?? 10_000, async (checkpoint, token) => {
        await this.#write({ kind: 'timestamp', checkpointSeq: checkpoint.seq, token: token.toString('base64') }).done;
        this.#counts.timestamps += 1;
      });
    this.#timer = setInterval(() => {
      if (this.#state === 'open' && this.#sinceCheckpoint > 0) this.#checkpointQuietly();
    }, this.#options.checkpointIntervalMs);
    this.#timer.unref();
  }

  /** Opens (or creates) the log in `options.dir`, resuming its chain. */
  static async open(options: OpenMessageLogOptions): Promise<MessageLog> {
    validateOpenOptions(options);
    const sync = options.sync ?? true;
    await mkdir(join(options.dir, ARCHIVE_DIR), { recursive: true });
    const release = await acquireLogLock(options.dir);
    let log: MessageLog | undefined;
    try {
      const state = await loadLogState(options.dir, { sync, indexedSegments: options.indexedSegments ?? 4 });
      log = new MessageLog(options, state, release);
      const software = options.software ?? (await packageSoftware());
      const { gatewayId: gateway, keyId } = options.signer;
      if (state.head.seq === 0 && options.continuation) log.#write({ kind: 'continuation', ...options.continuation });
      if (state.cut) log.#write({ kind: 'recovered', file: state.cut.file, cutBytes: state.cut.bytes, cutSha256: state.cut.sha256 });
      await log.#write({ kind: 'opened', gateway, keyId, software }).done;
      return log;
    } catch (error) {
      if (log) {
        clearInterval(log.#timer);
        await log.#writer.close();
      }
      await release();
      throw error;
    }
  }

  /** The last entry covered by a durable signed checkpoint written since the log was opened (0 before the first). */
  get lastCheckpointUpTo(): number {
    return this.#lastCheckpointUpTo;
  }

  /** The last durable entry. */
  get head(): { seq: number; hash: string } {
    return { ...this.#durableHead };
  }

  /** Appends a message record; resolves once it is on disk. */
  async append(record: MessageRecord): Promise<{ seq: number; hash: string }> {
    return this.#appendMessage(record, false).done;
  }

  /**
   * Appends a message record whose write may wait for the next one: its place in the chain is
   * taken now, and `durable()` resolves once it is on disk, starting the write if nothing else
   * has. The client's gateway uses it for `request-out`, which then shares the fdatasync of
   * `response-in` instead of adding one of its own (src/log/README.md, "What the gateways wait for").
   */
  appendDeferred(record: MessageRecord): { seq: number; hash: string; durable(): Promise<{ seq: number; hash: string }> } {
    const written = this.#appendMessage(record, true);
    return {
      seq: written.seq,
      hash: written.hash,
      durable: () => {
        this.#writer.flushSoon();
        return written.done;
      },
    };
  }

  #appendMessage(record: MessageRecord, isDeferred: boolean): Written {
    this.#assertOpen();
    validateMessageRecord(record);
    let written: Written;
    try {
      written = this.#write({ kind: 'message', record }, undefined, isDeferred);
    } catch (error) {
      // Sealing failed before anything was queued (a BigInt, a cycle): the chain is untouched.
      throw new MessageLogError('invalid-record', `The message record cannot be written as JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.#counts.appends += 1;
    if (this.#sinceCheckpoint >= this.#options.checkpointEvery) this.#checkpointQuietly();
    return written;
  }

  /** Signs the head now; resolves once the checkpoint is durable (its timestamp follows). */
  async checkpoint(): Promise<void> {
    this.#assertOpen();
    await this.#checkpoint();
  }

  /** Moves closed segments (those ending before `beforeSeq`, default all) to `archive/`. */
  async archive(options: { beforeSeq?: number } = {}): Promise<ArchiveResult> {
    this.#assertOpen();
    const run = this.#archiving.then(() => this.#archive(options.beforeSeq));
    this.#archiving = run.catch(() => undefined);
    return run;
  }

  /** Every entry for a message, live and archived, in seq order. */
  async find(messageId: string): Promise<LogEntry[]> {
    await this.#writer.flushed().catch(() => undefined);
    const indexed = await readIndexedEntries(this.dir, messageId, this.#index.locations(messageId));
    const { archives, live } = await listLogFiles(this.dir);
    const unindexed = live.filter((file) => !this.#index.isIndexed(file.number));
    return inSeqOrder([...indexed, ...(await scanFilesForMessage([...unindexed, ...archives], messageId))]);
  }

  stats(): MessageLogStats {
    const writer = this.#writer.stats;
    return {
      ...this.#counts,
      entries: writer.entries,
      batches: writer.batches,
      meanBatchSize: writer.batches ? writer.entries / writer.batches : 0,
      maxBatchSize: writer.maxBatchSize,
      lastFsyncMs: writer.lastFsyncMs,
      meanFsyncMs: writer.batches ? writer.totalFsyncMs / writer.batches : 0,
      bytesWritten: writer.bytesWritten,
      timestampFailures: this.#timestamper?.stats.failures ?? 0,
      ...(this.#timestamper?.stats.lastError ? { lastTimestampError: this.#timestamper.stats.lastError } : {}),
      liveSegments: this.#segments.size,
    };
  }

  /** Waits for pending appends, writes a final checkpoint and waits (bounded) for its timestamp. */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#state = 'closing';
    clearInterval(this.#timer);
    this.#closing = (async () => {
      try {
        await this.#archiving;
        await this.#writer.flushed().catch(() => undefined);
        if (!this.#writer.failure && this.#sinceCheckpoint > 0) await this.#checkpoint().catch(() => undefined);
        await this.#timestamper?.settle();
        await this.#writer.close();
      } finally {
        this.#state = 'closed';
        await this.release();
      }
    })();
    return this.#closing;
  }

  #assertOpen(): void {
    if (this.#state !== 'open')
      throw new MessageLogError('closed', `The message log in ${this.dir} is ${this.#state}: open it again to append`);
    if (this.#writer.failure) throw this.#writer.failure;
  }

  /** Seals the entry after the head and queues it: synchronous, so file order is call order. */
  #write(body: LogEntryBody, at = new Date().toISOString(), isDeferred = false): Written {
    const sealed = sealEntry(this.#head.seq + 1, at, body, this.#head.hash);
    const { position, durable } = this.#writer.enqueue(sealed.line, isDeferred);
    const head = { seq: sealed.seq, hash: sealed.hash };
    this.#head = head;
    let segment = this.#segments.get(position.segment);
    if (!segment) this.#segments.set(position.segment, (segment = { number: position.segment, bytes: 0 }));
    segment.bytes = position.offset + position.length;
    segment.firstSeq ??= head.seq;
    segment.lastSeq = head.seq;
    segment.lastHash = head.hash;
    if (body.kind === 'message') this.#index.add(body.record.messageId, { ...position, seq: head.seq });
    if (body.kind === 'checkpoint') this.#sinceCheckpoint = 0;
    else if (body.kind !== 'timestamp') this.#sinceCheckpoint += 1;
    const done = durable.then(() => {
      if (head.seq > this.#durableHead.seq) this.#durableHead = head;
      return head;
    });
    // Whoever awaits `done` sees a failure; an entry nobody awaits (a `recovered` entry) must not crash the process.
    done.catch(() => undefined);
    return { ...head, done };
  }

  #checkpoint(): Promise<{ seq: number; hash: string }> {
    const at = new Date().toISOString();
    const claim = { gateway: this.#options.signer.gatewayId, upTo: this.#head.seq, headHash: this.#head.hash, at };
    let signature: Buffer;
    try {
      signature = this.#options.signer.sign(checkpointPayload(claim));
    } catch (error) {
      this.#counts.checkpointFailures += 1;
      return Promise.reject(
        new MessageLogError('signing-failed', `The checkpoint could not be signed: ${(error as Error).message}`, { cause: error }),
      );
    }
    const written = this.#write(
      {
        kind: 'checkpoint',
        upTo: claim.upTo,
        headHash: claim.headHash,
        gateway: claim.gateway,
        keyId: this.#options.signer.keyId,
        signature: signature.toString('base64'),
      },
      at,
    );
    this.#counts.checkpoints += 1;
    written.done.then(() => (this.#lastCheckpointUpTo = Math.max(this.#lastCheckpointUpTo, claim.upTo))).catch(() => undefined);
    written.done.then((checkpoint: TimestampedCheckpoint) => this.#timestamper?.request(checkpoint)).catch(() => undefined);
    return written.done;
  }

  /** A checkpoint the log decided on: a failure is counted, the appends go on. */
  #checkpointQuietly(): void {
    this.#checkpoint().catch(() => undefined);
  }

  async #archive(beforeSeq: number | undefined): Promise<ArchiveResult> {
    await this.#writer.flushed();
    const current = this.#writer.currentSegment;
    const closed = [...this.#segments.values()]
      .filter((segment) => segment.number < current && (beforeSeq === undefined || (segment.lastSeq ?? 0) < beforeSeq))
      .sort((a, b) => a.number - b.number);
    const archived: ArchivedSegment[] = [];
    const sync = this.#options.sync;
    for (const segment of closed) {
      if (segment.lastSeq !== undefined && segment.firstSeq !== undefined && segment.lastHash !== undefined) {
        const { file, sha256, bytes } = await writeSegmentArchive(this.dir, segment.number, { sync });
        const record = { file, firstSeq: segment.firstSeq, lastSeq: segment.lastSeq, lastHash: segment.lastHash, sha256, bytes };
        const { seq } = await this.#write({ kind: 'archived', ...record }).done;
        archived.push({ ...record, seq });
      }
      await removeLiveSegment(this.dir, segment.number, { sync });
      this.#segments.delete(segment.number);
      this.#index.drop(segment.number);
    }
    return { archived };
  }
}

/**
 * @example
 * const log = await openMessageLog({ dir: '.joinery/gateway/log', signer });
 * const { seq } = await log.append({ messageId, direction: 'request-in', headers });
 */
export const openMessageLog = (options: OpenMessageLogOptions): Promise<MessageLog> => MessageLog.open(options);

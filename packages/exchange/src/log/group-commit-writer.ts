/**
 * Group commit: appends take their place in the chain at once (synchronously, so file order is
 * chain order) and wait for the next durable write (the file is opened O_DSYNC: a write returns
 * once its data is on disk); the appends that arrive while one is in flight are written together
 * in the next, so a batch of 64 entries costs what one would. An append resolves only after its
 * bytes are on disk. `meanFsyncMs` and friends time those durable writes.
 *
 * After a failed write the writer refuses everything: the file may end in a partial line, and
 * only reopening the log (which cuts it and records a `recovered` entry) puts the chain right.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { segmentFileName } from './log-files.ts';
import { MessageLogError } from './message-log-error.ts';

/** Windows has no O_DSYNC: there each write is followed by an fdatasync instead. */
const HAS_DSYNC = typeof constants.O_DSYNC === 'number';

export interface SegmentPosition {
  segment: number;
  offset: number;
  length: number;
}

interface Batch {
  parts: { segment: number; lines: Buffer[] }[];
  count: number;
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  // Callers handle the rejection through their own awaits; this keeps an unawaited batch quiet.
  promise.catch(() => undefined);
  return { parts: [], count: 0, promise, resolve, reject };
}

/** fsync on a directory makes a new file's name durable (POSIX leaves it to the caller). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class GroupCommitWriter {
  readonly stats = { batches: 0, entries: 0, maxBatchSize: 0, lastFsyncMs: 0, totalFsyncMs: 0, bytesWritten: 0 };
  #segment: number;
  #segmentBytes: number;
  #handle: FileHandle | undefined;
  #handleSegment = 0;
  #batch = newBatch();
  #inFlight: Promise<void> | undefined;
  #isScheduled = false;
  #failure: MessageLogError | undefined;

  constructor(
    private readonly dir: string,
    start: { segment: number; bytes: number },
    private readonly options: { sync: boolean; segmentMaxBytes: number },
  ) {
    this.#segment = start.segment;
    this.#segmentBytes = start.bytes;
  }

  /** The segment new entries go to; every lower-numbered live segment is closed. */
  get currentSegment(): number {
    return this.#segment;
  }

  get failure(): MessageLogError | undefined {
    return this.#failure;
  }

  /**
   * Gives the line its place now and resolves once it is durable. A deferred line starts no
   * write of its own: it goes with the next one anybody starts, or when `flushSoon` is called.
   */
  enqueue(line: Buffer, isDeferred = false): { position: SegmentPosition; durable: Promise<void> } {
    const length = line.length;
    if (this.#segmentBytes > 0 && this.#segmentBytes + length > this.options.segmentMaxBytes) {
      this.#segment += 1;
      this.#segmentBytes = 0;
    }
    const position = { segment: this.#segment, offset: this.#segmentBytes, length };
    if (this.#failure) return { position, durable: Promise.reject(this.#failure) };
    this.#segmentBytes += length;
    const batch = this.#batch;
    let part = batch.parts.at(-1);
    if (!part || part.segment !== position.segment) batch.parts.push((part = { segment: position.segment, lines: [] }));
    part.lines.push(line);
    batch.count += 1;
    if (!isDeferred) this.flushSoon();
    return { position, durable: batch.promise };
  }

  /** Starts writing what is queued, unless a write already in flight will take it next. */
  flushSoon(): void {
    if (this.#inFlight || this.#isScheduled || this.#batch.count === 0) return;
    // Wait one turn of the event loop so that appends made together are written together.
    this.#isScheduled = true;
    setImmediate(() => void this.#flush());
  }

  /** Resolves when everything enqueued so far is durable (rejects if the writer failed). */
  async flushed(): Promise<void> {
    this.flushSoon();
    if (this.#batch.count) return this.#batch.promise;
    if (this.#inFlight) return this.#inFlight;
    if (this.#failure) throw this.#failure;
  }

  async close(): Promise<void> {
    await this.flushed().catch(() => undefined);
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #flush(): Promise<void> {
    this.#isScheduled = false;
    while (this.#batch.count > 0 && !this.#failure) {
      const batch = this.#batch;
      this.#batch = newBatch();
      this.#inFlight = batch.promise;
      try {
        for (const part of batch.parts) await this.#write(part);
        this.stats.batches += 1;
        this.stats.entries += batch.count;
        this.stats.maxBatchSize = Math.max(this.stats.maxBatchSize, batch.count);
        batch.resolve();
      } catch (error) {
        this.#failure = new MessageLogError(
          'write-failed',
          `The message log could not be written (${(error as Error).message}); reopen it to recover`,
          { cause: error },
        );
        batch.reject(this.#failure);
        this.#batch.reject(this.#failure);
      }
    }
    this.#inFlight = undefined;
  }

  async #write(part: { segment: number; lines: Buffer[] }): Promise<void> {
    const handle = await this.#handleFor(part.segment);
    const data = part.lines.length === 1 ? part.lines[0]! : Buffer.concat(part.lines);
    const started = performance.now();
    // O_APPEND: each write lands at the end, whatever the position. O_DSYNC: each write returns
    // once its data is on disk, as write + fdatasync would, in one call to the thread pool.
    for (let written = 0; written < data.length;) written += (await handle.write(data, written, data.length - written)).bytesWritten;
    this.stats.bytesWritten += data.length;
    if (!this.options.sync) return;
    if (!HAS_DSYNC) await handle.datasync();
    this.stats.lastFsyncMs = performance.now() - started;
    this.stats.totalFsyncMs += this.stats.lastFsyncMs;
  }

  async #handleFor(segment: number): Promise<FileHandle> {
    if (this.#handle && this.#handleSegment === segment) return this.#handle;
    // The previous segment's last part was synced when it was written: it is closed for good.
    await this.#handle?.close();
    this.#handle = undefined;
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (this.options.sync && HAS_DSYNC ? constants.O_DSYNC : 0);
    this.#handle = await open(join(this.dir, segmentFileName(segment)), flags, 0o644);
    this.#handleSegment = segment;
    if (this.options.sync) await syncDirectory(this.dir);
    return this.#handle;
  }
}

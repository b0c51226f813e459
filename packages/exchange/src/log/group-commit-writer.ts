/**
 * Group commit: appends take their place in the chain at once (synchronously, so file order is
 * chain order) and wait for the next write + fdatasync; the appends that arrive while one is in
 * flight are written together in the next. One fdatasync costs ~0.2 ms here, so a batch of 64
 * entries costs what one would. An append resolves only after its bytes are on disk.
 *
 * After a failed write the writer refuses everything: the file may end in a partial line, and
 * only reopening the log (which cuts it and records a `recovered` entry) puts the chain right.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { segmentFileName } from './log-files.ts';
import { MessageLogError } from './message-log-error.ts';

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

  /** Gives the line its place now and resolves once it is durable. */
  enqueue(line: Buffer): { position: SegmentPosition; durable: Promise<void> } {
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
    if (!this.#inFlight && !this.#isScheduled) {
      // Wait one turn of the event loop so that appends made together are written together.
      this.#isScheduled = true;
      setImmediate(() => void this.#flush());
    }
    return { position, durable: batch.promise };
  }

  /** Resolves when everything enqueued so far is durable (rejects if the writer failed). */
  async flushed(): Promise<void> {
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
    // The file is opened O_APPEND: each write lands at the end, whatever the position.
    for (let written = 0; written < data.length;) written += (await handle.write(data, written, data.length - written)).bytesWritten;
    this.stats.bytesWritten += data.length;
    if (!this.options.sync) return;
    const started = performance.now();
    await handle.datasync();
    this.stats.lastFsyncMs = performance.now() - started;
    this.stats.totalFsyncMs += this.stats.lastFsyncMs;
  }

  async #handleFor(segment: number): Promise<FileHandle> {
    if (this.#handle && this.#handleSegment === segment) return this.#handle;
    // The previous segment's last part was synced when it was written: it is closed for good.
    await this.#handle?.close();
    this.#handle = undefined;
    this.#handle = await open(join(this.dir, segmentFileName(segment)), 'a');
    this.#handleSegment = segment;
    if (this.options.sync) await syncDirectory(this.dir);
    return this.#handle;
  }
}

/**
 * Asks the timestamping authority (RFC 3161) for a token over each checkpoint, after the
 * checkpoint is durable and never in the way of logging: one request at a time; a checkpoint
 * made while one is in flight waits for it, and only the newest waiting one is asked for (a
 * token over a later checkpoint covers every entry before it, RFC 3161 §4.1 binds the hash).
 * A failed or slow request is counted and dropped: the next checkpoint tries again.
 */
import { timestampDigestOf } from './entry-hash.ts';

export interface TimestampedCheckpoint {
  seq: number;
  hash: string;
}

export class CheckpointTimestamper {
  readonly stats = { requests: 0, failures: 0, lastError: undefined as string | undefined };
  #running: Promise<void> | undefined;
  #waiting: TimestampedCheckpoint | undefined;
  #isStopped = false;

  constructor(
    private readonly timestamp: (digest: Buffer) => Promise<Buffer>,
    private readonly timeoutMs: number,
    /** Records the token in the log. */
    private readonly record: (checkpoint: TimestampedCheckpoint, token: Buffer) => Promise<void>,
  ) {}

  request(checkpoint: TimestampedCheckpoint): void {
    if (this.#isStopped) return;
    if (this.#running) {
      this.#waiting = checkpoint;
      return;
    }
    this.#running = this.#fetch(checkpoint).finally(() => {
      this.#running = undefined;
      const next = this.#waiting;
      this.#waiting = undefined;
      if (next) this.request(next);
    });
  }

  /** Waits for the request in flight and any waiting after it; nothing new starts afterwards. */
  async settle(): Promise<void> {
    while (this.#running) await this.#running;
    this.#isStopped = true;
  }

  async #fetch(checkpoint: TimestampedCheckpoint): Promise<void> {
    this.stats.requests += 1;
    let timer: NodeJS.Timeout | undefined;
    try {
      const token = await Promise.race([
        Promise.resolve().then(() => this.timestamp(timestampDigestOf(checkpoint.hash))),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${this.timeoutMs} ms`)), this.timeoutMs);
          timer.unref();
        }),
      ]);
      if (!(token instanceof Uint8Array) || token.length === 0) throw new Error('the timestamping service returned no token');
      await this.record(checkpoint, Buffer.from(token));
    } catch (error) {
      this.stats.failures += 1;
      this.stats.lastError = `Timestamp for checkpoint ${checkpoint.seq}: ${(error as Error)?.message ?? String(error)}`;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Replay protection for signed messages: remembers each signature's nonce for as long as a copy
 * of the message could still be accepted, and refuses a nonce it has seen.
 *
 * Why the window and the skew matter. verifyMessage accepts a signature whose `created` lies
 * within [now − maxAge − skew, now + skew]; a captured message can be replayed for exactly that
 * long, so the guard must remember its nonce at least that long. The guard accepts nonces with
 * `created` within ±windowSeconds of now and keeps each until `created + windowSeconds` has passed,
 * so **windowSeconds must be at least maxAgeSeconds + clockSkewSeconds**; anything older or further
 * ahead it answers 'outside-window' (it could not promise to recognise it again). A small window
 * keeps memory small and makes a stolen message useless sooner, but a window smaller than the
 * gateways' clock disagreement rejects honest traffic: keep clocks on NTP and the skew a few
 * tens of seconds.
 *
 * Memory is bounded: nonces are kept in time buckets (by `created`), so expiry drops whole
 * buckets at a time; when maxEntries is reached the oldest bucket is dropped early, which reopens
 * a replay window for those messages, so it is counted in `stats.bucketsEvictedEarly` (an
 * operator should size maxEntries above peak messages per second × 2 × window).
 */

export interface ReplayGuardOptions {
  windowSeconds: number;
  maxEntries: number;
  /** Width of a time bucket; default windowSeconds / 30, at least 1 s. */
  bucketSeconds?: number;
}

export type ReplayVerdict = 'fresh' | 'replayed' | 'outside-window';

export interface ReplayGuardStats {
  fresh: number;
  replayed: number;
  outsideWindow: number;
  /** Buckets dropped because the guard was full, before their nonces expired. */
  bucketsEvictedEarly: number;
  /** Nonces forgotten early with them. */
  noncesEvictedEarly: number;
}

export class ReplayGuard {
  readonly windowSeconds: number;
  readonly maxEntries: number;
  readonly bucketSeconds: number;
  readonly stats: ReplayGuardStats = { fresh: 0, replayed: 0, outsideWindow: 0, bucketsEvictedEarly: 0, noncesEvictedEarly: 0 };
  /** nonce → the created time it was seen with. */
  private readonly seen = new Map<string, number>();
  /** bucket index → the nonces first seen in it. */
  private readonly buckets = new Map<number, string[]>();
  private lastSweep = -Infinity;

  constructor({ windowSeconds, maxEntries, bucketSeconds }: ReplayGuardOptions) {
    if (!(windowSeconds > 0) || !(maxEntries >= 1)) throw new TypeError('windowSeconds and maxEntries must be positive');
    this.windowSeconds = windowSeconds;
    this.maxEntries = Math.floor(maxEntries);
    this.bucketSeconds = bucketSeconds ?? Math.max(1, windowSeconds / 30);
  }

  /** How many nonces are remembered now. */
  get size(): number {
    return this.seen.size;
  }

  /**
   * Records a verified signature's nonce; 'fresh' the first time, 'replayed' after.
   * @example if (guard.check(verified.nonce, verified.created) !== 'fresh') throw fault('Server.ServerProxy.ReplayedMessage');
   */
  check(nonce: string, created: number, now: number = Date.now() / 1000): ReplayVerdict {
    if (!(Math.abs(created - now) <= this.windowSeconds)) {
      this.stats.outsideWindow++;
      return 'outside-window';
    }
    this.sweep(now);
    const previous = this.seen.get(nonce);
    if (previous !== undefined && previous + this.windowSeconds >= now) {
      this.stats.replayed++;
      return 'replayed';
    }
    this.seen.set(nonce, created);
    const index = Math.floor(created / this.bucketSeconds);
    const bucket = this.buckets.get(index);
    if (bucket) bucket.push(nonce);
    else this.buckets.set(index, [nonce]);
    while (this.seen.size > this.maxEntries) this.evictOldestBucket();
    this.stats.fresh++;
    return 'fresh';
  }

  /** Drops the buckets whose every nonce has expired (created + window < now); at most once per bucket width. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.bucketSeconds) return;
    this.lastSweep = now;
    for (const [index, nonces] of this.buckets) if ((index + 1) * this.bucketSeconds + this.windowSeconds < now) this.drop(index, nonces);
  }

  private evictOldestBucket(): void {
    let oldest = Infinity;
    for (const index of this.buckets.keys()) if (index < oldest) oldest = index;
    const nonces = this.buckets.get(oldest);
    if (!nonces) return;
    this.stats.bucketsEvictedEarly++;
    this.stats.noncesEvictedEarly += this.drop(oldest, nonces);
  }

  /** Forgets a bucket's nonces (those not seen again since in a later bucket); returns how many. */
  private drop(index: number, nonces: string[]): number {
    let dropped = 0;
    for (const nonce of nonces) {
      const created = this.seen.get(nonce);
      if (created !== undefined && Math.floor(created / this.bucketSeconds) === index) {
        this.seen.delete(nonce);
        dropped++;
      }
    }
    this.buckets.delete(index);
    return dropped;
  }
}

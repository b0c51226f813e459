/**
 * Where each message's entries are in the newest live segments, so that `find` reads them at
 * known offsets. Only the newest `keepSegments` segments are indexed (default 4, 256 MiB of log
 * at the default segment size): a gateway that runs for months without archiving must not hold
 * every message id in memory. Older live segments, like archives, are scanned.
 */

export interface MessageLocation {
  segment: number;
  offset: number;
  length: number;
  seq: number;
}

export class MessageIndex {
  #bySegment = new Map<number, Map<string, MessageLocation[]>>();
  /** Every segment from this number on is fully indexed. */
  #indexedFrom: number;

  constructor(
    private readonly keepSegments: number,
    newestSegment: number,
  ) {
    this.#indexedFrom = Math.max(1, newestSegment - keepSegments + 1);
  }

  isIndexed(segment: number): boolean {
    return segment >= this.#indexedFrom;
  }

  add(messageId: string, location: MessageLocation): void {
    if (!this.isIndexed(location.segment)) return;
    let segment = this.#bySegment.get(location.segment);
    if (!segment) {
      this.#bySegment.set(location.segment, (segment = new Map()));
      this.#forgetBefore(location.segment - this.keepSegments + 1);
    }
    const locations = segment.get(messageId);
    if (locations) locations.push(location);
    else segment.set(messageId, [location]);
  }

  locations(messageId: string): MessageLocation[] {
    return [...this.#bySegment.values()].flatMap((segment) => segment.get(messageId) ?? []);
  }

  /** A segment archived or removed: its entries are no longer read from the live log. */
  drop(segment: number): void {
    this.#bySegment.delete(segment);
  }

  #forgetBefore(segment: number): void {
    if (segment <= this.#indexedFrom) return;
    this.#indexedFrom = segment;
    for (const number of this.#bySegment.keys()) if (number < segment) this.#bySegment.delete(number);
  }
}

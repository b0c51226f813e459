/**
 * What a gateway counts about the traffic it carries, per service and client: requests,
 * errors by fault type, and latencies (p50/p99 from a bounded sample of the latest calls).
 * The counts are reported to the authority (operations pages) and shown on the gateway's own
 * `/gateway/operations`.
 */

const SAMPLE_SIZE = 2048;

interface Counter {
  service: string;
  client: string;
  side: 'client' | 'provider';
  requests: number;
  errors: number;
  faults: Record<string, number>;
  latencies: Float64Array;
  filled: number;
  next: number;
}

export interface ServiceFigures {
  service: string;
  client: string;
  side: 'client' | 'provider';
  requests: number;
  errors: number;
  faults: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export class OperationsStats {
  private counters = new Map<string, Counter>();
  periodStart = new Date();

  record(input: {
    service: string;
    client: string;
    side: 'client' | 'provider';
    elapsedMs: number;
    faultType?: string;
    isError: boolean;
  }): void {
    const key = `${input.side}\u0000${input.service}\u0000${input.client}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = {
        service: input.service,
        client: input.client,
        side: input.side,
        requests: 0,
        errors: 0,
        faults: {},
        latencies: new Float64Array(SAMPLE_SIZE),
        filled: 0,
        next: 0,
      };
      this.counters.set(key, counter);
    }
    counter.requests += 1;
    if (input.isError) counter.errors += 1;
    if (input.faultType) counter.faults[input.faultType] = (counter.faults[input.faultType] ?? 0) + 1;
    counter.latencies[counter.next] = input.elapsedMs;
    counter.next = (counter.next + 1) % SAMPLE_SIZE;
    counter.filled = Math.min(SAMPLE_SIZE, counter.filled + 1);
  }

  figures(): ServiceFigures[] {
    return [...this.counters.values()].map((c) => {
      const sorted = c.latencies.slice(0, c.filled).sort();
      return {
        service: c.service,
        client: c.client,
        side: c.side,
        requests: c.requests,
        errors: c.errors,
        faults: { ...c.faults },
        p50Ms: Math.round(percentile(sorted, 0.5) * 100) / 100,
        p99Ms: Math.round(percentile(sorted, 0.99) * 100) / 100,
      };
    });
  }

  /** Figures since the last reset, then start a new period (each report covers one period). */
  takePeriod(now: Date): { periodStart: Date; periodEnd: Date; services: ServiceFigures[] } {
    const period = { periodStart: this.periodStart, periodEnd: now, services: this.figures() };
    this.counters = new Map();
    this.periodStart = now;
    return period;
  }
}

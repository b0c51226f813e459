/**
 * The load side of bench/exchange.ts: autocannon (programmatic API) against one URL for a fixed
 * time after a warm-up, and the child processes the benchmark runs its gateways and backend in.
 * Latencies are taken from autocannon's per-response event (hrtime, fractions of a millisecond)
 * rather than its histogram, which records whole milliseconds: a loopback call takes less.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

interface AutocannonResult {
  requests: { sent: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface Load {
  url: string;
  connections: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  /** 2xx answers autocannon received. */
  completed: number;
  /** Requests autocannon started (those in flight when it stopped were never answered to it). */
  sent: number;
  failed: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function run(load: Load, seconds: number): Promise<Measured> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: load.url,
        method: 'POST',
        connections: load.connections,
        duration: seconds,
        headers: { ...load.headers, 'content-type': 'application/octet-stream' },
        body: load.body,
        timeout: 60,
      },
      (error, result) => {
        if (error) return reject(error);
        const elapsed = (performance.now() - started) / 1000;
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          rps: latencies.length / Math.min(elapsed, result.duration || elapsed),
          p50: percentile(sorted, 0.5),
          p99: percentile(sorted, 0.99),
          completed: latencies.length,
          sent: result.requests.sent,
          failed: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  });
}

/**
 * Warms up (connections, JIT, pools), then measures; returns both so the caller can count every
 * call. autocannon ends a run by closing its sockets, but the calls then in flight go on inside
 * the gateways: `settle` waits for them, so that no run's backlog is measured in the next.
 * `cpuMs` (CPU time used so far by the processes measured) gives the CPU the measured run cost:
 * unlike latency, it does not grow when other work on the machine takes the cores.
 */
export async function measure(
  load: Load,
  seconds: number,
  warmupSeconds: number,
  meter: { settle?: (run: Measured) => Promise<void>; cpuMs?: () => Promise<number> } = {},
): Promise<{ warmup: Measured; result: Measured; cpuMs: number }> {
  const settle = meter.settle ?? (async () => {});
  const warmup = await run(load, warmupSeconds);
  await settle(warmup);
  const cpuBefore = (await meter.cpuMs?.()) ?? 0;
  const result = await run(load, seconds);
  await settle(result);
  return { warmup, result, cpuMs: ((await meter.cpuMs?.()) ?? 0) - cpuBefore };
}

/**
 * Resolves once `read()` has reached `target` and held still for one more `intervalMs`; or,
 * short of it, once it has not moved for `quietMs` (a call whose body autocannon never finished
 * sending leaves fewer entries than a carried one); at most `maxMs`.
 */
export async function steady(
  read: () => Promise<number>,
  target: number,
  intervalMs = 250,
  quietMs = 3000,
  maxMs = 120_000,
): Promise<void> {
  const until = performance.now() + maxMs;
  let last = await read();
  let stillSince = performance.now();
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const now = await read();
    if (now !== last) stillSince = performance.now();
    else if (now >= target || performance.now() - stillSince >= quietMs) return;
    last = now;
  }
}

export interface Child {
  process: ChildProcess;
  hello: Record<string, unknown>;
  /** CPU time (user + system, all threads) the process has used, in ms. */
  cpuMs(): Promise<number>;
  /** Sends SIGTERM and resolves with the process's last line (its closing report). */
  stop(): Promise<Record<string, unknown>>;
}

/** Starts `bench/exchange-process.ts` with `args`; resolves once it has printed its URL. */
export function startChild(args: string[], nodeOptions: string[] = []): Promise<Child> {
  const child = spawn(
    process.execPath,
    [...nodeOptions, '--import', 'tsx', new URL('exchange-process.ts', import.meta.url).pathname, ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: Record<string, unknown>[] = [];
  const waiting: ((line: Record<string, unknown>) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  const nextLine = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const ready = lines.shift();
      if (ready) return resolve(ready);
      const exited = (code: number | null) => reject(new Error(`${args.join(' ')} exited with ${code} before it answered`));
      child.once('exit', exited);
      waiting.push((line) => {
        child.off('exit', exited);
        resolve(line);
      });
    });
  return nextLine().then((hello) => ({
    process: child,
    hello,
    cpuMs: async () => {
      const asked = nextLine();
      child.kill('SIGUSR2');
      const { cpu } = (await asked) as { cpu: { user: number; system: number } };
      return (cpu.user + cpu.system) / 1000;
    },
    stop: () => {
      const closing = nextLine();
      child.kill('SIGTERM');
      return closing;
    },
  }));
}

/**
 * Benchmark: round trips through the data exchange layer — a local system → its (client)
 * gateway → over mutual TLS 1.3 → the provider's gateway → the provider's system, and back,
 * each message signed (RFC 9421), digested (RFC 9530) and appended to both gateways' logs
 * (fdatasync before answering) — against a direct call to the same backend in the same run.
 * Each gateway and the backend run in a process of their own (bench/exchange-process.ts);
 * autocannon and the stand-in authority run in this one. The backend echoes a POST's body, so
 * a "1 KB" round trip carries 1 KB each way. Two more baselines from the same run: the transport
 * floor (bench/exchange-relay.ts: two plain relays with the gateways' mutual TLS 1.3 and nothing
 * else, in the gateways' places) and the floors of the work itself (bench/exchange-floors.ts: four
 * Ed25519 operations and one fdatasync). After the runs the gateways are stopped and both logs
 * verified and counted against the round trips autocannon saw answered.
 * Usage: npx tsx bench/exchange.ts [--duration 6] [--warmup 1] [--prewarm 6] [--connections 1,4,16,64]
 *        [--sizes 1024,1048576] [--profile DIR] [--keep]
 *   --profile DIR: V8 CPU profiles of both gateways; --keep: leave the gateway folders and logs
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_LOG, readGatewaySettings, writeGatewaySettings } from '@joinery/exchange';
import { createTestFederation } from '../packages/exchange/src/testing/test-federation.ts';
import { countGatewayLog } from './exchange-durability.ts';
import { flushFloorMillis, signingFloorMicros } from './exchange-floors.ts';
import { measure, startChild, steady, type Load, type Measured } from './exchange-load.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '6' },
    warmup: { type: 'string', default: '1' },
    prewarm: { type: 'string', default: '6' },
    connections: { type: 'string', default: '1,4,16,64' },
    sizes: { type: 'string', default: '1024,1048576' },
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const concurrencies = values.connections.split(',').map(Number);
const sizes = values.sizes.split(',').map(Number);
const TOKEN = 'bench-backend-token-0123456789';
const loadAtStart = loadavg();

// The federation: Wessex Council's gateway serves bench/echo (the backend), Casterbridge's calls it.
const backend = await startChild(['backend', TOKEN]);
const backendUrl = String(backend.hello.url);
const federation = await createTestFederation({ instance: 'wessex' });
const provider = await federation.addGateway({
  memberCode: 'wessex-council',
  name: 'Wessex Council',
  subsystems: ['bench'],
  backends: { 'bench/echo': { url: backendUrl, token: TOKEN, timeoutMs: 60_000 } },
});
const client = await federation.addGateway({ memberCode: 'casterbridge', name: 'Casterbridge District Council', subsystems: ['housing'] });
const serviceId = federation.addService({
  provider: provider.memberId,
  subsystem: 'bench',
  code: 'echo',
  openApi: { paths: { '/echo': { post: { operationId: 'echo' } } } },
});
const clientId = `${client.memberId}/housing`;
federation.grant({ client: clientId, service: serviceId, operations: ['echo'] });
federation.publish();
// The production log settings (bodies kept, a checkpoint every 1,000 entries or 5 s), not the tests' 200 ms.
for (const gateway of [provider, client]) writeGatewaySettings(gateway.dir, { ...readGatewaySettings(gateway.dir), log: DEFAULT_LOG });

const profiling = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
const providerProcess = await startChild(['gateway', provider.dir], profiling);
const clientProcess = await startChild(['gateway', client.dir], profiling);
const clientUrl = String(clientProcess.hello.url);
const providerRelay = await startChild(['relay-provider', provider.dir, backendUrl, TOKEN]);
const clientRelay = await startChild(['relay-client', client.dir, String(providerRelay.hello.url)]);
const relayCpuMs = async () => (await clientRelay.cpuMs()) + (await providerRelay.cpuMs());
// Measured before any load, so that they are the machine's, not the benchmark's.
const floors = { signingMicros: signingFloorMicros(), flush: await flushFloorMillis(federation.dir) };
const gatewayPath = `${clientUrl}/r1/${serviceId}/echo`;

// One call by hand first: the echo must come back whole through both gateways.
const probe = randomBytes(1024);
const answer = await fetch(gatewayPath, { method: 'POST', headers: { 'x-road-client': clientId }, body: probe });
const echoed = Buffer.from(await answer.arrayBuffer());
if (answer.status !== 200 || !echoed.equals(probe))
  throw new Error(`The probe call failed: ${answer.status} ${echoed.toString('utf8', 0, 300)}`);
const carried = { completed: 1, sent: 1, failed: 0 };
// The gateways' logs stop growing once the calls autocannon left in flight are done.
const operations = async (url: string) =>
  ((await (await fetch(`${url}/gateway/operations`)).json()) as { log: Record<string, number> }).log;
const appends = async () => (await operations(clientUrl)).appends! + (await operations(String(providerProcess.hello.url))).appends!;
// Every call started leaves two entries on each side once carried: wait for all four.
const settle = async (run: Measured) => {
  carried.completed += run.completed;
  carried.sent += run.sent;
  carried.failed += run.failed;
  await steady(appends, 4 * carried.sent);
};
const gatewayCpuMs = async () => (await clientProcess.cpuMs()) + (await providerProcess.cpuMs());

// The gateways' code takes some 10,000 calls to be compiled hot (their CPU a call fell by 40% over
// the first 12,000 here): warm them once at the start, on top of each measurement's own warm-up.
await measure(
  { url: gatewayPath, connections: 16, body: randomBytes(Math.min(...sizes)), headers: { 'x-road-client': clientId } },
  Number(values.prewarm),
  0.5,
  { settle },
);

interface Row {
  size: number;
  connections: number;
  direct: Measured;
  gateway: Measured;
  relay: Measured;
  /** CPU time both relays spent per call: the transport's own price. */
  relayCpuMsPerCall: number;
  /** CPU time both gateways spent per call carried in the measured run. */
  cpuMsPerCall: number;
  /** CPU time the backend spent per direct call: the same machine's price of one plain HTTP exchange. */
  directCpuMsPerCall: number;
}
const rows: Row[] = [];
for (const size of sizes) {
  const body = randomBytes(size);
  for (const connections of concurrencies) {
    const direct: Load = { url: `${backendUrl}/echo`, connections, body, headers: { 'x-joinery-gateway-token': TOKEN } };
    const through: Load = { url: gatewayPath, connections, body, headers: { 'x-road-client': clientId } };
    const relayed: Load = { url: `${String(clientRelay.hello.url)}/echo`, connections, body, headers: {} };
    const d = await measure(direct, duration, warmup, { cpuMs: () => backend.cpuMs() });
    const t = await measure(relayed, duration, warmup, { cpuMs: relayCpuMs });
    const g = await measure(through, duration, warmup, { settle, cpuMs: gatewayCpuMs });
    rows.push({
      size,
      connections,
      direct: d.result,
      gateway: g.result,
      relay: t.result,
      relayCpuMsPerCall: t.cpuMs / t.result.sent,
      cpuMsPerCall: g.cpuMs / g.result.sent,
      directCpuMsPerCall: d.cpuMs / d.result.sent,
    });
    const r = rows.at(-1)!;
    console.error(
      `${size} B × ${connections}: direct ${r.direct.rps.toFixed(0)} rps p50 ${r.direct.p50.toFixed(2)} ms; ` +
        `relays ${r.relay.rps.toFixed(0)} rps p50 ${r.relay.p50.toFixed(2)} ms; ` +
        `gateway ${r.gateway.rps.toFixed(0)} rps p50 ${r.gateway.p50.toFixed(2)} ms p99 ${r.gateway.p99.toFixed(2)} ms, ` +
        `${r.cpuMsPerCall.toFixed(2)} CPU ms a call` +
        (r.gateway.failed + r.direct.failed ? `; failed ${r.direct.failed}/${r.gateway.failed}` : ''),
    );
  }
}

// The log's group-commit figures while running, from each gateway's own operations page.
const liveStats = { client: await operations(clientUrl), provider: await operations(String(providerProcess.hello.url)) };
const closed = { client: await clientProcess.stop(), provider: await providerProcess.stop() };
await Promise.all([clientRelay.stop(), providerRelay.stop()]);
const served = (await backend.stop()).counts as { direct: number; viaGateway: number; viaRelay: number; refused: number };
const logs = { client: await countGatewayLog(client.dir), provider: await countGatewayLog(provider.dir) };
if (values.keep) console.error(`Kept the gateway folders in ${federation.dir}`);
else await federation.close();

const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const thousands = (n: number) => Math.round(n).toLocaleString('en-GB');
// Percentiles of a handful of calls say little: show how many there were.
const rate = (m: Measured) => `${thousands(m.rps)}${m.completed < 100 ? ` (${m.completed} answered)` : ''}`;
console.log(`\n## Data exchange layer — ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; ${duration} s per measurement after ${warmup} s of warm-up; ` +
    `load average ${f(loadAtStart[0]!)} at start, ${f(loadavg()[0]!)} at end`,
);
for (const size of sizes) {
  console.log(`\n### ${size >= 1048576 ? `${size / 1048576} MiB` : `${size / 1024} KiB`} each way\n`);
  console.log(
    '| connections | direct rps | direct p50 ms | relays rps | relays p50 ms | gateway rps | gateway p50 / p99 ms | overhead p50 / p99 ms | gateway − relays p50 ms | rps ÷ direct | rps ÷ relays | CPU ms a call: backend direct / relays / gateways |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows.filter((row) => row.size === size))
    console.log(
      `| ${r.connections} | ${rate(r.direct)} | ${f(r.direct.p50)} | ${rate(r.relay)} | ${f(r.relay.p50)} | ${rate(r.gateway)} | ` +
        `${f(r.gateway.p50)} / ${f(r.gateway.p99)} | ${f(r.gateway.p50 - r.direct.p50)} / ${f(r.gateway.p99 - r.direct.p99)} | ` +
        `${f(r.gateway.p50 - r.relay.p50)} | ${f(r.gateway.rps / r.direct.rps, 3)} | ${f(r.gateway.rps / r.relay.rps, 3)} | ` +
        `${f(r.directCpuMsPerCall, 3)} / ${f(r.relayCpuMsPerCall)} / ${f(r.cpuMsPerCall)} |`,
    );
}

// What a signed, logged call cannot go below here: the relays' own latency, three flushes, four Ed25519 operations.
const single = rows.find((row) => row.connections === Math.min(...concurrencies) && row.size === Math.min(...sizes));
console.log('\n### Floors, measured in this run before the load\n');
console.log(
  `- Two Ed25519 signatures and two verifications (one of each per gateway, each way): ${f(floors.signingMicros, 0)} µs a call.\n` +
    `- One durable write (O_DSYNC) of a 2.6 KB line, as the log makes it: p50 ${f(floors.flush.p50)} ms, p90 ${f(floors.flush.p90)} ms; ` +
    `three are on the path of a call made alone, ${f(3 * floors.flush.p50)} ms at p50.` +
    (single
      ? `\n- So at ${single.connections} connection${single.connections === 1 ? '' : 's'} and ${single.size} B a gateway call cannot take less than ` +
        `about ${f(single.relay.p50 + 3 * floors.flush.p50 + floors.signingMicros / 1000)} ms at p50 here (relays ${f(single.relay.p50)} + flushes + signatures), ` +
        `an overhead of ${f(single.relay.p50 + 3 * floors.flush.p50 + floors.signingMicros / 1000 - single.direct.p50)} ms over the direct call; it took ${f(single.gateway.p50)} ms.`
      : ''),
);

console.log('\n### Durability\n');
console.log(
  `Round trips through the gateways: ${thousands(carried.sent)} started by autocannon (warm-ups and the probe included), ` +
    `${thousands(carried.completed)} answered 2xx before it stopped, ${carried.failed} failed; the backend served ` +
    `${thousands(served.viaGateway)} through the gateways (and ${thousands(served.viaRelay)} through the relays, ${thousands(served.direct)} direct, ${served.refused} refused).`,
);
const compare = (count: number, rounds: number) =>
  count === 2 * rounds ? 'equal' : `${count - 2 * rounds > 0 ? '+' : ''}${count - 2 * rounds}`;
for (const side of ['client', 'provider'] as const) {
  const log = logs[side];
  const stats = liveStats[side];
  console.log(
    `- ${side} gateway log: ${log.isValid ? 'valid' : 'INVALID'} (${thousands(log.entries)} entries, ${log.checkpoints} signed checkpoints, ` +
      `${log.timestamped} timestamped, ${log.unsignedTail} after the last); message entries ${thousands(log.messageTotal)} ` +
      `${JSON.stringify(log.messages)}: against 2 × answered ${compare(log.messageTotal, carried.completed)}, ` +
      `against 2 × started ${compare(log.messageTotal, carried.sent)}, against 2 × served by the backend ${compare(log.messageTotal, served.viaGateway)}`,
  );
  for (const problem of log.problems) console.log(`  - ${problem}`);
  console.log(
    `  - group commit: ${thousands(stats.entries!)} entries in ${thousands(stats.batches!)} durable writes ` +
      `(mean ${f(stats.meanBatchSize!, 1)}, max ${stats.maxBatchSize}), mean durable write (O_DSYNC) ${f(stats.meanFsyncMs!, 3)} ms, ` +
      `${thousands(stats.bytesWritten! / 1048576)} MiB written; ${thousands((closed[side].log as { appends: number }).appends)} appends at close`,
  );
}
if (carried.sent !== carried.completed)
  console.log(
    `The ${thousands(carried.sent - carried.completed)} calls started but not answered were in flight when a run ended: autocannon ` +
      'closes its sockets, and the gateways still carry, log and answer each call (into a closed socket).',
  );

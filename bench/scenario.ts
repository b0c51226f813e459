/**
 * Benchmark: generating and writing the Wessex scenario. Usage:
 *   npx tsx bench/scenario.ts [--scale 1] [--seed 1]
 * Baseline, in the same run: serialising the same rows with JSON.stringify (the cheapest
 * full pass over the data), so the CSV writing cost is read as a ratio.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateWessex, writeScenarioFiles } from '@joinery/scenario';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '1' } } });
const scale = Number(values.scale);

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const t0 = process.hrtime.bigint();
const scenario = generateWessex({ scale, seed: values.seed });
const generateSeconds = seconds(t0);
const records = Object.values(scenario.sourceExtracts).reduce((n, rows) => n + rows.length, 0);

const t1 = process.hrtime.bigint();
let bytes = 0;
for (const rows of Object.values(scenario.sourceExtracts)) for (const row of rows) bytes += JSON.stringify(row).length;
const baselineSeconds = seconds(t1);

const dir = await mkdtemp(join(tmpdir(), 'joinery-bench-scenario-'));
const t2 = process.hrtime.bigint();
const manifest = await writeScenarioFiles(scenario, dir);
const writeSeconds = seconds(t2);
await rm(dir, { recursive: true, force: true });

const report = {
  scale,
  properties: scenario.properties.length,
  people: scenario.truth.persons.length,
  sourceSystems: scenario.sourceSystems.length,
  sourceRecords: records,
  files: manifest.files.length,
  generateSeconds: +generateSeconds.toFixed(2),
  recordsPerSecond: Math.round(records / generateSeconds),
  writeSeconds: +writeSeconds.toFixed(2),
  writeVsJsonBaseline: +(writeSeconds / baselineSeconds).toFixed(1),
  jsonBaselineBytes: bytes,
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(JSON.stringify(report, null, 2));

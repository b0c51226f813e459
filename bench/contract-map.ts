/**
 * Benchmark: the shared contract map on the Wessex demo's contract registers, and on ten times
 * as many (each register repeated with new references). Usage:
 *   npx tsx bench/contract-map.ts [--scale 0.1] [--times 10]
 * Baseline, in the same run: reading every predecessor's current contracts (listContracts), the
 * least any map must do, so the map's own cost (rules, decisions, suppliers) reads as a ratio.
 */
import { parseArgs } from 'node:util';
import { CORE_MIGRATIONS, readCsv, renderChartSvg, saveOrganisations } from '@joinery/core';
import { openTestDatabase } from '@joinery/core/testing';
import {
  buildContractMap,
  ESTATE_MIGRATIONS,
  importContracts,
  listCommonSuppliers,
  listContracts,
  saveReorganisation,
  timelineChart,
} from '@joinery/estate';
import { generateWessex, toOrganisations, WESSEX_REORGANISATION, writeScenarioFiles } from '@joinery/scenario';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.1' }, times: { type: 'string', default: '10' } } });
const TODAY = '2026-12-01';
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function measure(times: number) {
  const scenario = generateWessex({ scale: Number(values.scale), seed: '1' });
  const dir = await mkdtemp(join(tmpdir(), 'joinery-bench-map-'));
  await writeScenarioFiles(scenario, dir);
  const table = readCsv(await readFile(join(dir, 'estate', 'contracts.csv')), 'contracts.csv');
  const database = await openTestDatabase([CORE_MIGRATIONS, ESTATE_MIGRATIONS]);
  const { organisations, partnerships } = toOrganisations(scenario);
  await saveOrganisations(database, organisations, partnerships);
  const reorganisation = await saveReorganisation(database, WESSEX_REORGANISATION);
  let contracts = 0;
  for (const code of reorganisation.predecessorCodes) {
    const rows = table.rows.filter((r) => r.organisation_code === code);
    const copies = Array.from({ length: times }, (_, n) =>
      rows.map((r): Record<string, string> => ({ ...r, reference: n === 0 ? r.reference! : `${r.reference}-x${n}` })),
    ).flat();
    const lines = [table.columns, ...copies.map((r) => table.columns.map((c) => r[c] ?? ''))].map((l) => l.map(quote).join(','));
    contracts += (
      await importContracts(database, null, { organisationCode: code, fileName: `${code}.csv`, bytes: Buffer.from(lines.join('\r\n')) })
    ).imported;
  }
  const runs = 3;
  const best = async (f: () => Promise<unknown>) => {
    let min = Infinity;
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      await f();
      min = Math.min(min, ms(t));
    }
    return min;
  };
  const baseline = await best(async () => {
    for (const code of reorganisation.predecessorCodes) await listContracts(database, code);
  });
  const map = await best(() => buildContractMap(database, reorganisation.code, {}, TODAY));
  const suppliers = await best(() => listCommonSuppliers(database, reorganisation.code, TODAY));
  const rows = (await buildContractMap(database, reorganisation.code, {}, TODAY)).rows;
  const chart = await best(async () => {
    const c = timelineChart(rows, { by: 'supplier', vestingDay: reorganisation.vestingDay, today: TODAY });
    await renderChartSvg(c.spec, { title: 't', description: 'd' });
  });
  await database.dispose();
  await rm(dir, { recursive: true, force: true });
  return {
    contracts,
    baselineMs: Math.round(baseline),
    mapMs: Math.round(map),
    ratio: +(map / baseline).toFixed(2),
    suppliersMs: Math.round(suppliers),
    chartPageMs: Math.round(chart),
  };
}

console.log(
  JSON.stringify(
    { scale: Number(values.scale), demo: await measure(1), [`x${values.times}`]: await measure(Number(values.times)) },
    null,
    2,
  ),
);

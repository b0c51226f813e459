/**
 * Benchmark: importing contract registers, as CSV and as XLSX — Norfolk's published register
 * (5,729 rows, when ../shared is present) and the Wessex registers repeated to a chosen size.
 * Usage: npx tsx bench/estate-import.ts [--rows 20000]
 * Baseline, in the same run: reading the same file into rows and columns (readCsv / the XLSX
 * reader), so the cost of checking every cell, storing and auditing reads as a ratio.
 * With JOINERY_TEST_DATABASE_URL set it runs on that PostgreSQL server, otherwise on PGlite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORE_MIGRATIONS, readCsv, saveOrganisations } from '@joinery/core';
import { openTestDatabase } from '@joinery/core/testing';
import { ESTATE_MIGRATIONS, importContracts, readSpreadsheet } from '@joinery/estate';
import { generateWessex, toOrganisations, writeScenarioFiles } from '@joinery/scenario';
import ExcelJS from 'exceljs';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '20000' } } });
const NORFOLK = fileURLToPath(new URL('../../shared/data/norfolk_contract_register/NCC164467.csv', import.meta.url));
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function toXlsx(csv: Buffer): Promise<Buffer> {
  const table = readCsv(csv, 'register.csv');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Contracts');
  sheet.addRow(table.columns);
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => row[c] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const scenario = generateWessex({ scale: 0.02, seed: '1' });
const dir = await mkdtemp(join(tmpdir(), 'joinery-bench-import-'));
await writeScenarioFiles(scenario, dir);
const wessex = readCsv(await readFile(join(dir, 'estate', 'contracts.csv')), 'contracts.csv');
const wanted = Number(values.rows);
const copies = Array.from({ length: Math.ceil(wanted / wessex.rows.length) }, (_, n) =>
  wessex.rows.map((r) => ({ ...r, reference: `${r.reference}-x${n}` })),
)
  .flat()
  .slice(0, wanted);
const synthetic = Buffer.from(
  [wessex.columns, ...copies.map((r) => wessex.columns.map((c) => (r as Record<string, string>)[c] ?? ''))]
    .map((l) => l.map(quote).join(','))
    .join('\r\n'),
);

const files: { name: string; bytes: Buffer; rows: number }[] = [];
if (existsSync(NORFOLK)) files.push({ name: 'Norfolk (CSV)', bytes: readFileSync(NORFOLK), rows: 5729 });
else console.info(`Norfolk's register is not present (${NORFOLK}): synthetic registers only`);
files.push({ name: `Wessex ×${Math.ceil(wanted / wessex.rows.length)} (CSV)`, bytes: synthetic, rows: copies.length });
files.push({ name: `Wessex ×${Math.ceil(wanted / wessex.rows.length)} (XLSX)`, bytes: await toXlsx(synthetic), rows: copies.length });

const engine = process.env.JOINERY_TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`| register | rows | read (baseline) | import | × baseline | rows/s | engine |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
for (const file of files) {
  const database = await openTestDatabase([CORE_MIGRATIONS, ESTATE_MIGRATIONS]);
  const { organisations, partnerships } = toOrganisations(scenario);
  await saveOrganisations(database, organisations, partnerships);
  let t = process.hrtime.bigint();
  const isXlsx = file.name.includes('XLSX');
  const read = isXlsx ? await readSpreadsheet(file.bytes, 'register.xlsx') : readCsv(file.bytes, 'register.csv');
  const baseline = ms(t);
  t = process.hrtime.bigint();
  const report = await importContracts(database, null, {
    organisationCode: 'casterbridge',
    fileName: isXlsx ? 'register.xlsx' : 'register.csv',
    bytes: file.bytes,
    keepValid: true,
  });
  const took = ms(t);
  if (report.rows !== file.rows || report.imported + report.refused !== report.rows) throw new Error(`${file.name}: rows do not add up`);
  console.log(
    `| ${file.name} | ${report.rows} (${read.rows.length} read, ${report.refused} refused) | ${baseline.toFixed(0)} ms | ${took.toFixed(0)} ms | ${(took / baseline).toFixed(1)} | ${Math.round(report.rows / (took / 1000))} | ${engine} |`,
  );
  await database.close();
}
console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);

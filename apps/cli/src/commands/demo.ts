import { generateWessex, writeScenarioFiles } from '@joinery/scenario';
import { loadDemo, loadDemoEstate, loadDemoRegisters } from '@joinery/server';
import { InvalidArgumentError, type Command } from 'commander';
import { withDatabase } from '../database.ts';
import { action } from '../run.ts';

function parseScale(value: string): number {
  const scale = Number(value);
  if (!(scale > 0 && scale <= 8)) throw new InvalidArgumentError(`--scale must be a number above 0 and at most 8 (it is "${value}")`);
  return scale;
}

export function demoCommand(program: Command): void {
  const demo = program.command('demo').description('The synthetic Wessex reorganisation used for demonstrations, tests and benchmarks');
  demo
    .command('load')
    .description(
      'Load the Wessex demo: organisations, partnerships and demo users; source extracts to the data folder, loaded into the person index',
    )
    .option('--scale <n>', 'size of the population (1 ≈ 100,000 residents)', parseScale, 0.1)
    .option('--seed <s>', 'random seed: the same seed and scale always give the same data', '1')
    .action(
      action(async (options: { scale: number; seed: string }) => {
        await withDatabase(async (database, config) => {
          const report = await loadDemo(database, { scale: options.scale, seed: options.seed, dataDir: config.dataDir });
          process.stdout.write(
            `Loaded ${report.organisations} organisations and ${report.partnerships} partnerships into ${database.description}\n`,
          );
          process.stdout.write(
            `Source systems: ${report.sourceSystems}, records: ${report.sourceRecords}${report.scenarioDir ? ` (extracts in ${report.scenarioDir})` : ''}\n`,
          );
          if (report.scenarioDir) {
            const registers = await loadDemoRegisters(database, report.scenarioDir);
            process.stdout.write(
              `Address register: ${registers.addresses} addresses, ${registers.conflicts} conflicts. Person index: ${registers.records} records from ${registers.systems} systems, ${registers.persons} persons, ${registers.reviewPairs} pairs to review (${registers.seconds.toFixed(1)} s)\n`,
            );
            const estate = await loadDemoEstate(database, report.scenarioDir);
            process.stdout.write(`Estate: ${estate.contracts} contracts from ${estate.councils} councils' contract registers\n`);
          }
          if (report.usersAdded.length > 0)
            process.stdout.write(
              `Added ${report.usersAdded.length} demo users with the password ${report.password} (listed in ${report.credentialsFile})\n`,
            );
          else process.stdout.write('The demo users already exist; their passwords are unchanged\n');
        });
      }),
    );
  demo
    .command('generate')
    .description(
      'Write the Wessex scenario as CSV files (source extracts, places, estate, health, housing; ground truth in truth/) without touching the database',
    )
    .requiredOption('--out <dir>', 'folder to write')
    .option('--scale <n>', 'size of the population (1 ≈ 100,000 residents)', parseScale, 1)
    .option('--seed <s>', 'random seed', '1')
    .action(
      action(async (options: { out: string; scale: number; seed: string }) => {
        const started = Date.now();
        const manifest = await writeScenarioFiles(generateWessex({ scale: options.scale, seed: options.seed }), options.out);
        const files = manifest.files;
        const rows = files.reduce((n, f) => n + f.rows, 0);
        process.stdout.write(
          `Wrote ${files.length} files (${rows} rows) to ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      }),
    );
}

/**
 * `joinery address`: the address register from the command line — import a gazetteer,
 * search, list conflicts, and match a CSV of free-text addresses to UPRNs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  addressConflicts,
  addressMatchResults,
  addressMatchResultsCsv,
  GAZETTEER_FORMATS,
  importGazetteer,
  matchAddressFile,
  searchAddresses,
  type GazetteerFormat,
} from '@joinery/registers';
import { InvalidArgumentError, type Command } from 'commander';
import { withDatabase } from '../database.ts';
import { probability } from '../options.ts';
import { action } from '../run.ts';

const format = (value: string): GazetteerFormat => {
  if (!(GAZETTEER_FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${GAZETTEER_FORMATS.join(', ')} (it is "${value}")`);
  return value as GazetteerFormat;
};

export function addressCommand(program: Command): void {
  const address = program
    .command('address')
    .description('The address register: import gazetteers, search, conflicts, match addresses to UPRNs')
    .addHelpText('after', '\nSee docs/address-register.md.');

  address
    .command('import')
    .description('Import a council’s gazetteer and merge the register again (a malformed file is refused whole)')
    .argument('<file>', 'the gazetteer file (CSV)')
    .requiredOption('--org <code>', 'the council whose gazetteer it is, e.g. casterbridge')
    .option('--format <format>', `file format: ${GAZETTEER_FORMATS.join(', ')}`, format, 'dtf73' as GazetteerFormat)
    .action(
      action(async (file: string, options: { org: string; format: GazetteerFormat }) => {
        await withDatabase(async (database) => {
          const result = await importGazetteer(database, {
            organisationCode: options.org,
            format: options.format,
            fileName: basename(file),
            content: readFileSync(file),
            actor: null,
          });
          process.stdout.write(
            `Imported ${result.addresses} addresses and ${result.streets} streets from ${file} for ${options.org}.\n` +
              `The register holds ${result.register.addresses} addresses; ${result.register.conflicts} conflicts between gazetteers.\n`,
          );
        });
      }),
    );

  address
    .command('search')
    .description('Search the register by postcode, UPRN or words of the address')
    .argument('<query...>', 'a postcode, a UPRN, or words')
    .option('--limit <n>', 'most results to print', (v) => Number.parseInt(v, 10), 50)
    .action(
      action(async (words: string[], options: { limit: number }) => {
        await withDatabase(async (database) => {
          const found = await searchAddresses(database, words.join(' '), options.limit);
          for (const a of found.addresses) process.stdout.write(`${a.uprn}\t${a.singleLine}\n`);
          process.stderr.write(`${found.total} found (read as ${found.readAs})\n`);
        });
      }),
    );

  address
    .command('conflicts')
    .description('List the conflicts between the predecessors’ gazetteers')
    .option('--limit <n>', 'most to print', (v) => Number.parseInt(v, 10), 100)
    .action(
      action(async (options: { limit: number }) => {
        await withDatabase(async (database) => {
          const { total, conflicts } = await addressConflicts(database, { limit: options.limit });
          for (const c of conflicts) process.stdout.write(`${c.kind}\t${c.uprns.join(' ')}\t${c.summary}\n`);
          process.stderr.write(`${total} conflicts\n`);
        });
      }),
    );

  address
    .command('match')
    .description('Match every address in a CSV file to a UPRN; write the results (every row, in order) and a review list')
    .requiredOption('-i, --input <file>', 'CSV file with a header row')
    .requiredOption('-o, --out <file>', 'results CSV to write')
    .requiredOption('--org <code>', 'the organisation the run belongs to')
    .option('--columns <names>', 'comma-separated address columns, in order (default: found from the headers)')
    .option('--id <column>', 'a column identifying each row, carried into the results')
    .option('--threshold <p>', 'probability at or above which an address is matched', probability, 0.9)
    .option('--review-floor <p>', 'probability at or above which an unmatched address goes on the review list', probability, 0.3)
    .addHelpText('after', '\nExample:\n  joinery address match --input ctax.csv --out ctax-uprns.csv --org casterbridge')
    .action(
      action(
        async (options: {
          input: string;
          out: string;
          org: string;
          columns?: string;
          id?: string;
          threshold: number;
          reviewFloor: number;
        }) => {
          await withDatabase(async (database) => {
            const started = performance.now();
            const run = await matchAddressFile(database, {
              organisationCode: options.org,
              fileName: basename(options.input),
              content: readFileSync(options.input),
              actor: null,
              addressColumns: options.columns?.split(',').map((c) => c.trim()),
              idColumn: options.id,
              threshold: options.threshold,
              reviewFloor: options.reviewFloor,
            });
            writeFileSync(options.out, await addressMatchResultsCsv(database, run));
            const review = await addressMatchResults(database, run, 'review');
            const seconds = (performance.now() - started) / 1000;
            process.stdout.write(
              `${run.rowCount} addresses: ${run.matchedCount} matched, ${run.reviewCount} to check, ${run.unmatchedCount} no match ` +
                `(${(run.rowCount / seconds).toFixed(0)} a second) → ${options.out}\n`,
            );
            for (const r of review.slice(0, 20))
              process.stdout.write(`  check row ${r.rowNumber}: ${r.inputText} → ${r.uprn ?? '?'} (${(r.probability ?? 0).toFixed(3)})\n`);
            if (review.length > 20)
              process.stdout.write(`  … and ${review.length - 20} more: see run ${run.id} at /address-matching/runs/${run.id}\n`);
          });
        },
      ),
    );
}

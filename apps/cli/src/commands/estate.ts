/**
 * `joinery estate`: the LGR estate from the command line — import a council's contract
 * register (preview, all or nothing, or keep the valid rows) and export its contracts as OCDS.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { exportContractsOcds, importContracts, type ContractMapping } from '@joinery/estate';
import { InvalidArgumentError, type Command } from 'commander';
import { withDatabase } from '../database.ts';
import { action } from '../run.ts';

function readMapping(file: string | undefined): ContractMapping | undefined {
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ContractMapping;
  } catch (error) {
    throw new InvalidArgumentError(`--mapping ${file} is not a JSON file of field → column: ${(error as Error).message}`);
  }
}

export function estateCommand(program: Command): void {
  const estate = program.command('estate').description('The LGR estate: contract registers').addHelpText('after', '\nSee docs/estate.md.');
  const importing = estate.command('import').description('Import into the estate');
  importing
    .command('contracts')
    .description('Import a Transparency Code contract register (CSV); a file with any bad row is refused whole unless --keep-valid')
    .requiredOption('--organisation <code>', 'the council whose register it is, e.g. casterbridge')
    .option('--mapping <file>', 'JSON of contract field → column name, over what the headers suggest')
    .option('--preview', 'check and report, import nothing')
    .option('--keep-valid', 'import the valid rows and report the refused ones')
    .argument('<file>', 'the contract register (CSV)')
    .action(
      action(async (file: string, options: { organisation: string; mapping?: string; preview?: boolean; keepValid?: boolean }) => {
        const mapping = readMapping(options.mapping);
        await withDatabase(async (database) => {
          const r = await importContracts(database, null, {
            organisationCode: options.organisation,
            fileName: basename(file),
            bytes: readFileSync(file),
            mapping,
            mode: options.preview ? 'preview' : 'import',
            keepValid: options.keepValid,
          });
          const verb = r.mode === 'preview' ? 'would be imported' : 'imported';
          process.stdout.write(
            `${r.rows} rows read: ${r.imported} ${verb}, ${r.refused} refused${r.importId ? ` (import ${r.importId})` : ''}\n`,
          );
          process.stdout.write(
            `Columns: ${Object.entries(r.mapping)
              .map(([f, c]) => `${f} ← ${c}`)
              .join('; ')}\n`,
          );
          if (r.contractsLackingLgrFields > 0)
            process.stdout.write(
              `${r.contractsLackingLgrFields} contracts lack LGR terms: ${Object.entries(r.lgrGaps)
                .filter(([, n]) => n > 0)
                .map(([f, n]) => `${f} ${n}`)
                .join(', ')}\n`,
            );
          for (const p of r.problems.slice(0, 50))
            process.stdout.write(`  row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.message}\n`);
          if (r.problems.length > 50) process.stdout.write(`  … and ${r.problems.length - 50} more problems\n`);
        });
      }),
    );
  const exporting = estate.command('export').description('Export from the estate');
  exporting
    .command('contracts')
    .description('Export an organisation’s current contracts as an OCDS 1.1.5 release package (JSON)')
    .requiredOption('--organisation <code>', 'the organisation, e.g. casterbridge')
    .requiredOption('--out <file>', 'where to write the JSON')
    .action(
      action(async (options: { organisation: string; out: string }) => {
        await withDatabase(async (database, config) => {
          const uri = `${config.publicUrl}/api/estate/contracts.ocds.json?organisation=${encodeURIComponent(options.organisation)}`;
          const pkg = await exportContractsOcds(database, options.organisation, { uri });
          writeFileSync(options.out, JSON.stringify(pkg, null, 2) + '\n');
          process.stdout.write(`${(pkg.releases as unknown[]).length} releases written to ${options.out}\n`);
        });
      }),
    );
}

/**
 * `joinery estate`: the LGR estate from the command line — import a council's contract
 * register, applications or integrations inventory (CSV or XLSX; preview, all or nothing, or
 * keep the valid rows) and export its contracts as OCDS.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { exportContractsOcds, importApplications, importContracts, importIntegrations, type ContractMapping } from '@joinery/estate';
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

interface PrintableReport {
  mode: 'preview' | 'import';
  rows: number;
  imported: number;
  refused: number;
  importId: number | null;
  mapping: Record<string, string | undefined>;
  mappingSource: 'explicit' | 'remembered' | 'headers';
  problems: { row: number; column?: string; message: string }[];
}

function printReport(r: PrintableReport): void {
  const verb = r.mode === 'preview' ? 'would be imported' : 'imported';
  process.stdout.write(`${r.rows} rows read: ${r.imported} ${verb}, ${r.refused} refused${r.importId ? ` (import ${r.importId})` : ''}\n`);
  const source = {
    explicit: 'as given',
    remembered: 'remembered from an earlier file with these headers',
    headers: 'recognised from the headers',
  }[r.mappingSource];
  process.stdout.write(
    `Columns (${source}): ${Object.entries(r.mapping)
      .map(([f, c]) => `${f} ← ${c}`)
      .join('; ')}\n`,
  );
  for (const p of r.problems.slice(0, 50)) process.stdout.write(`  row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.message}\n`);
  if (r.problems.length > 50) process.stdout.write(`  … and ${r.problems.length - 50} more problems\n`);
}

export function estateCommand(program: Command): void {
  const estate = program
    .command('estate')
    .description('The LGR estate: contract registers, applications and integrations inventories')
    .addHelpText('after', '\nSee docs/estate.md.');
  const importing = estate.command('import').description('Import into the estate');
  const kinds = [
    {
      kind: 'contracts',
      description:
        'Import a Transparency Code contract register (CSV or XLSX); rows with no reference get a derived one; reports the contracts lacking LGR terms',
      noun: 'the contract register',
    },
    { kind: 'applications', description: 'Import an applications inventory (CSV or XLSX)', noun: 'the applications inventory' },
    {
      kind: 'integrations',
      description: 'Import an integrations inventory (CSV or XLSX); source and target must be the council’s current applications',
      noun: 'the integrations inventory',
    },
  ] as const;
  for (const { kind, description, noun } of kinds)
    importing
      .command(kind)
      .description(`${description}. A file with any bad row is refused whole unless --keep-valid; the same file twice is refused`)
      .requiredOption('--organisation <code>', 'the council whose file it is, e.g. casterbridge')
      .option('--mapping <file>', 'JSON of field → column name, over what the headers suggest (remembered for files with the same headers)')
      .option('--sheet <name>', 'for an XLSX workbook: the worksheet to read (the first otherwise)')
      .option('--preview', 'check and report, import nothing')
      .option('--keep-valid', 'import the valid rows and report the refused ones')
      .argument('<file>', `${noun} (CSV or XLSX)`)
      .addHelpText(
        'after',
        "\nPrints rows read, imported and refused, with each refused row's reasons. Exit code: 0 when every row is (or would be) imported, 2 when some rows were refused, 1 when nothing could be imported.",
      )
      .action(
        action(
          async (
            file: string,
            options: { organisation: string; mapping?: string; sheet?: string; preview?: boolean; keepValid?: boolean },
          ) => {
            const mapping = readMapping(options.mapping);
            await withDatabase(async (database) => {
              const input = {
                organisationCode: options.organisation,
                fileName: basename(file),
                bytes: readFileSync(file),
                mapping,
                sheet: options.sheet,
                mode: options.preview ? ('preview' as const) : ('import' as const),
                keepValid: options.keepValid,
              };
              const r =
                kind === 'contracts'
                  ? await importContracts(database, null, input)
                  : kind === 'applications'
                    ? await importApplications(database, null, input)
                    : await importIntegrations(database, null, input);
              printReport(r);
              if ('contractsLackingLgrFields' in r) {
                if (r.derivedReferences > 0) process.stdout.write(`${r.derivedReferences} rows had no reference: given a derived one\n`);
                if (r.contractsLackingLgrFields > 0)
                  process.stdout.write(
                    `${r.contractsLackingLgrFields} contracts lack LGR terms: ${Object.entries(r.lgrGaps)
                      .filter(([, n]) => n > 0)
                      .map(([f, n]) => `${f} ${n}`)
                      .join(', ')}\n`,
                  );
              }
              if (r.refused > 0) process.exitCode = 2;
            });
          },
        ),
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
